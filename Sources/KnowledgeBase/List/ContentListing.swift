import Foundation

/// Stage "list": the content folder as found: its write-ups (not read yet) with their stamps, and problems
/// with names. Taken once per build: the no-op check and the parse cache both use it.
struct ContentListing: Sendable {
    var candidates: [ContentCandidate]
    var diagnostics: [Diagnostic]
    /// Per candidate; nil when it could not be stat'ed.
    var stamps: [SourceStamp?]
    /// The folder's own stamp (files added or removed change it).
    var folder: String
    /// The content pages in content/paginas/ (their stamps are among the site-wide inputs).
    var pages: [ContentCandidate] = []

    init(siteDirectory: URL) {
        (candidates, diagnostics) = ContentListing.list(siteDirectory: siteDirectory)
        let found = candidates
        // A plain file in the folder is stat'ed by name relative to the folder's descriptor:
        // looking up its whole path again was most of listing 10,000 files.
        let site = siteDirectory.standardizedFileURL.resolvingSymlinksInPath().path
        let folderFD = open("\(site)/\(ContentListing.initiativesFolder)", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if folderFD >= 0 { close(folderFD) } }
        stamps = concurrentMap(found.count) { index in
            let candidate = found[index]
            guard folderFD >= 0, let name = candidate.name else { return SourceStamp.of(candidate.location) }
            var info = stat()
            return fstatat(folderFD, name, &info, 0) == 0 ? SourceStamp(info) : nil
        }
        folder = FileWalker.stamp("\(siteDirectory.path)/\(ContentListing.initiativesFolder)")
        let (pages, pageProblems) = ContentListing.list(siteDirectory: siteDirectory, folder: ContentListing.pagesFolder, required: false)
        self.pages = pages
        diagnostics += pageProblems
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

extension ContentListing {
    static let initiativesFolder = "content/initiatieven"
    /// Content pages: "Over de kennisbank", the accessibility statement (optional folder).
    static let pagesFolder = "content/paginas"

    /// The Markdown files in a content folder (the write-ups by default), without reading them.
    /// `required`: a missing folder is an error (else: no files).
    static func list(
        siteDirectory: URL, folder initiativesFolder: String = initiativesFolder, required: Bool = true
    ) -> (candidates: [ContentCandidate], diagnostics: [Diagnostic]) {
        let fm = FileManager.default
        let site = siteDirectory.standardizedFileURL.resolvingSymlinksInPath()
        let folder = site.appendingPathComponent(initiativesFolder)
        var diagnostics: [Diagnostic] = []
        var isFolder: ObjCBool = false
        guard fm.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue, opendir(folder.path).map({ closedir($0) }) != nil
        else {
            guard required || fm.fileExists(atPath: folder.path) else { return ([], []) }
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
}

extension Pipeline {
    /// Stage "list": the write-ups in the content folder with their stamps, none read yet.
    static func list(_ options: BuildOptions) -> ContentListing {
        ContentListing(siteDirectory: options.siteDirectory)
    }
}
