import Foundation

/// One write-up as read: its bytes, nothing interpreted yet.
struct RawFile: Sendable {
    var path: String
    var slug: String
    var bytes: [UInt8]
    /// Taken before reading, so a later edit always differs from it.
    var stamp: SourceStamp? = nil
}

extension Pipeline {
    /// Stage "read": the candidates' bytes, read on all cores; a file that cannot be read
    /// becomes a diagnostic.
    static func read(_ candidates: [ContentCandidate]) -> (files: [RawFile], diagnostics: [Diagnostic]) {
        let read = concurrentMap(candidates.count) { index -> Result<RawFile, Diagnostic> in
            let candidate = candidates[index]
            switch FileIO.read(candidate.location, limit: SourceFile.maximumSize) {
            case .tooLarge(let size):
                return .failure(Diagnostic(.error, .fileTooLarge, file: candidate.path, SourceFile.tooLargeMessage(size)))
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
