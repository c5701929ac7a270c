import Foundation

/// One write-up as read: its bytes, nothing interpreted yet.
struct RawFile: Sendable {
    var path: String
    var slug: String
    var bytes: [UInt8]
    /// Taken before reading, so a later edit always differs from it.
    var stamp: SourceStamp? = nil

    /// Larger files are refused unread.
    static let maximumSize = 5 * 1024 * 1024

    static func tooLargeMessage(_ size: Int) -> String {
        let megabytes = Double(size) / 1_048_576
        return "bestand is te groot (\(String(format: "%.1f", megabytes).replacingOccurrences(of: ".", with: ",")) MB, \(size) bytes); het maximum is 5 MB (\(maximumSize) bytes): splits de beschrijving of haal grote tabellen weg"
    }
}

/// What the read stage hands on: the write-ups to parse, which of the results the incremental
/// layer kept still hold, and the slugs of every write-up that exists (links resolve against
/// them).
struct ReadContent: Sendable {
    var files: [RawFile]
    /// Per candidate: its kept result holds (it was not read).
    var kept: [Bool]
    var slugs: Set<String>
    var diagnostics: [Diagnostic]
}

extension Pipeline {
    /// Stage "read": the write-ups of `content` that `known` (per candidate, the link targets
    /// of what the incremental layer kept for its stamp) does not answer for. A kept result
    /// holds only while the write-ups its links point at still exist, or still do not; so first
    /// the changed files are read (one may have become unreadable), then those whose links no
    /// longer resolve as they did.
    static func read(_ content: ContentListing, known: [LinkTargets?]) -> ReadContent {
        let candidates = content.candidates
        var (files, unreadable) = read(candidates.indices.filter { known[$0] == nil }.map { candidates[$0] })
        let unreadablePaths = Set(unreadable.map(\.file))
        let slugs = Set(candidates.filter { !unreadablePaths.contains($0.path) }.map(\.slug))
        let stale = Set(candidates.indices.filter { known[$0].map { !$0.hold(slugs) } ?? false })
        let reread = read(stale.sorted().map { candidates[$0] })
        files += reread.files
        unreadable += reread.diagnostics
        let kept = known.indices.map { known[$0] != nil && !stale.contains($0) }
        return ReadContent(files: files, kept: kept, slugs: slugs, diagnostics: unreadable)
    }

    /// The candidates' bytes, read on all cores; a file that cannot be read
    /// becomes a diagnostic.
    static func read(_ candidates: [ContentCandidate]) -> (files: [RawFile], diagnostics: [Diagnostic]) {
        let read = concurrentMap(candidates.count) { index -> Result<RawFile, Diagnostic> in
            let candidate = candidates[index]
            switch FileIO.read(candidate.location, limit: RawFile.maximumSize) {
            case .tooLarge(let size):
                return .failure(Diagnostic(.error, .fileTooLarge, file: candidate.path, RawFile.tooLargeMessage(size)))
            case .unreadable:
                return .failure(Diagnostic(.error, .unreadableFile, file: candidate.path, "bestand is niet leesbaar"))
            case .bytes(let bytes, let stamp):
                return .success(RawFile(path: candidate.path, slug: candidate.slug, bytes: bytes, stamp: stamp))
            }
        }
        var diagnostics: [Diagnostic] = []
        var files: [RawFile] = []
        for result in read {
            switch result {
            case .success(let file): files.append(file)
            case .failure(let diagnostic): diagnostics.append(diagnostic)
            }
        }
        return (files, diagnostics)
    }
}

/// The site-wide inputs as read: kb.yml and the reference data (regions, types), in the
/// site's language, with what was wrong with them.
struct SiteInputs: Sendable {
    var config: SiteConfig
    var reference: ReferenceData
    var diagnostics: [Diagnostic]
}

extension Pipeline {
    /// Part of stage "read": kb.yml and the reference data, read and checked (they are small).
    static func read(site options: BuildOptions) -> SiteInputs {
        let (reference, referenceProblems) = ReferenceLoader.load(siteDirectory: options.siteDirectory)
        var (config, configProblems) = SiteConfig.load(siteDirectory: options.siteDirectory, reference: reference)
        if let baseURL = options.baseURL { config.baseURL = baseURL }
        return SiteInputs(config: config, reference: reference.localised(config.language), diagnostics: referenceProblems + configProblems)
    }
}
