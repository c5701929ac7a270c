import Foundation

/// Stage 1: find and read the write-ups. Reads only; never interprets.
struct RawFile: Sendable {
    var path: String
    var slug: String
    var bytes: [UInt8]
    /// Taken before reading, so a later edit always differs from it.
    var stamp: SourceStamp? = nil
}

/// The content folder as found: its write-ups (not read yet) with their stamps, and problems
/// with names. Taken once per build: the no-op check and the parse cache both use it.
struct ContentListing: Sendable {
    var candidates: [ContentCandidate]
    var diagnostics: [Diagnostic]
    /// Per candidate; nil when it could not be stat'ed.
    var stamps: [SourceStamp?]
    /// The folder's own stamp (files added or removed change it).
    var folder: String

    init(siteDirectory: URL) {
        (candidates, diagnostics) = ContentLoader.list(siteDirectory: siteDirectory)
        let found = candidates
        // A plain file in the folder is stat'ed by name relative to the folder's descriptor:
        // looking up its whole path again was most of listing 10,000 files.
        let site = siteDirectory.standardizedFileURL.resolvingSymlinksInPath().path
        let folderFD = open("\(site)/\(ContentLoader.initiativesFolder)", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if folderFD >= 0 { close(folderFD) } }
        stamps = concurrentMap(found.count) { index in
            let candidate = found[index]
            guard folderFD >= 0, let name = candidate.name else { return SourceStamp.of(candidate.location) }
            var info = stat()
            return fstatat(folderFD, name, &info, 0) == 0 ? SourceStamp(info) : nil
        }
        folder = FileWalker.stamp("\(siteDirectory.path)/\(ContentLoader.initiativesFolder)")
    }

    /// The write-ups' paths and stamps, and the problems found, as bytes for the build
    /// fingerprint (each path ends in a NUL; a missing stamp is one byte, a stamp 33).
    func fingerprint(into bytes: inout [UInt8]) {
        bytes += folder.utf8
        bytes.append(10)
        for (candidate, stamp) in zip(candidates, stamps) {
            bytes += candidate.path.utf8
            bytes.append(0)
            guard let stamp else {
                bytes.append(0)
                continue
            }
            bytes.append(1)
            for value in [stamp.size, stamp.modified, stamp.changed, stamp.inode] {
                withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
            }
        }
        for diagnostic in diagnostics {
            bytes += diagnostic.description.utf8
            bytes.append(10)
        }
    }
}

/// A content file found in the folder, not read yet.
struct ContentCandidate: Sendable {
    var path: String
    var slug: String
    /// Where to read it (a link resolved to its target inside the site).
    var location: String
    /// The file's name in the content folder when it is a plain file there (nil: a link).
    var name: String? = nil
}

enum ContentLoader {
    static let initiativesFolder = "content/initiatieven"

    /// The write-ups in the content folder, without reading them.
    static func list(siteDirectory: URL) -> (candidates: [ContentCandidate], diagnostics: [Diagnostic]) {
        let fm = FileManager.default
        let site = siteDirectory.standardizedFileURL.resolvingSymlinksInPath()
        let folder = site.appendingPathComponent(initiativesFolder)
        var diagnostics: [Diagnostic] = []
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue, opendir(folder.path).map({ closedir($0) }) != nil
        else {
            diagnostics.append(
                Diagnostic(
                    .error, .unreadableFile, file: initiativesFolder,
                    "map \(initiativesFolder)/ ontbreekt of is niet leesbaar; maak hem aan en zet er een beschrijving in (kb new <slug>)"))
            return ([], diagnostics)
        }
        // The folder itself (or content/) may be a link: what it leads to must lie in the site
        // too, or a link to / would publish whatever it finds there.
        let resolvedFolder = folder.resolvingSymlinksInPath().standardizedFileURL
        guard resolvedFolder.path.hasPrefix(site.path + "/") else {
            diagnostics.append(
                Diagnostic(
                    .error, .unsafePath, file: initiativesFolder,
                    "map is een koppeling naar \(resolvedFolder.path), buiten de site; alleen bestanden binnen de map van de site worden gelezen"))
            return ([], diagnostics)
        }
        var candidates: [ContentCandidate] = []
        for (name, type) in FileWalker.entries(folder.path).sorted(by: { $0.name < $1.name })
        where name.hasSuffix(".md") && !name.hasPrefix(".") {
            let path = "\(initiativesFolder)/\(name)"
            let slug = String(name.dropLast(3))
            if type == UInt8(DT_DIR) { continue }
            // A plain file in the (resolved) folder is inside the site; a symlink may point
            // anywhere, and only content inside the site folder is published. (Plain paths:
            // a URL per file was most of listing 10,000 files.)
            var location = "\(folder.path)/\(name)"
            if type != UInt8(DT_REG) {
                let resolved = folder.appendingPathComponent(name).resolvingSymlinksInPath().standardizedFileURL
                location = resolved.path
                if !resolved.path.hasPrefix(site.path + "/") {
                    diagnostics.append(
                        Diagnostic(.error, .unsafePath, file: path, "bestand is een koppeling naar \(resolved.path), buiten de site; alleen bestanden binnen de map van de site worden gelezen"))
                    continue
                }
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: resolved.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            }
            if !Text.isValidSlug(slug) {
                let suggestion = Text.slug(slug)
                diagnostics.append(
                    Diagnostic(
                        .error, .invalidSlug, file: path,
                        "bestandsnaam \"\(name)\" is geen geldige slug: gebruik alleen kleine letters a-z, cijfers en '-'"
                            + (suggestion.isEmpty ? "" : " (bijvoorbeeld \"\(suggestion).md\")")))
                continue
            }
            candidates.append(ContentCandidate(path: path, slug: slug, location: location, name: type == UInt8(DT_REG) ? name : nil))
        }
        return (candidates, diagnostics)
    }

    /// Reads the candidates on all cores; a file that cannot be read becomes a diagnostic.
    static func read(_ candidates: [ContentCandidate]) -> (files: [RawFile], diagnostics: [Diagnostic]) {
        let read = concurrentMap(candidates.count) { index -> Result<RawFile, Diagnostic> in
            let candidate = candidates[index]
            switch Self.read(candidate.location) {
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

    enum ReadResult {
        case bytes([UInt8], SourceStamp)
        case tooLarge(Int)
        case unreadable
    }

    /// open/fstat/read straight into the array: FileManager's attributes and Data copies were
    /// most of the load stage.
    /// `limit`: larger files are refused unread (nil: no limit, for kb's own cache files).
    static func read(_ path: String, limit: Int? = SourceFile.maximumSize) -> ReadResult {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .unreadable }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .unreadable }
        let size = Int(info.st_size)
        if let limit, size > limit { return .tooLarge(size) }
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        while filled < size {
            let got = bytes.withUnsafeMutableBytes { raw in Foundation.read(fd, raw.baseAddress! + filled, size - filled) }
            if got < 0 && errno == EINTR { continue }
            guard got > 0 else { break }
            filled += got
        }
        guard filled == size else { return .unreadable }
        return .bytes(bytes, SourceStamp(info))
    }
}
