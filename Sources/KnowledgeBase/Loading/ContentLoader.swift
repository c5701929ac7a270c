import Foundation

/// Stage 1: find and read the write-ups. Reads only; never interprets.
struct RawFile: Sendable {
    var path: String
    var slug: String
    var bytes: [UInt8]
}

enum ContentLoader {
    static let initiativesFolder = "content/initiatieven"

    static func load(siteDirectory: URL) -> (files: [RawFile], diagnostics: [Diagnostic]) {
        let fm = FileManager.default
        let site = siteDirectory.standardizedFileURL.resolvingSymlinksInPath()
        let folder = site.appendingPathComponent(initiativesFolder)
        var diagnostics: [Diagnostic] = []
        guard let names = try? fm.contentsOfDirectory(atPath: folder.path) else {
            diagnostics.append(
                Diagnostic(
                    .error, .unreadableFile, file: initiativesFolder,
                    "map \(initiativesFolder)/ ontbreekt of is niet leesbaar; maak hem aan en zet er een beschrijving in (kb new <slug>)"))
            return ([], diagnostics)
        }
        var candidates: [(path: String, slug: String, url: URL)] = []
        for name in names.sorted() where name.hasSuffix(".md") && !name.hasPrefix(".") {
            let path = "\(initiativesFolder)/\(name)"
            let url = folder.appendingPathComponent(name)
            let slug = String(name.dropLast(3))
            // A symlink may point anywhere; only content inside the site folder is published.
            let resolved = url.resolvingSymlinksInPath().standardizedFileURL
            if !resolved.path.hasPrefix(site.path + "/") {
                diagnostics.append(
                    Diagnostic(.error, .unsafePath, file: path, "bestand is een koppeling naar \(resolved.path), buiten de site; alleen bestanden binnen de map van de site worden gelezen"))
                continue
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: resolved.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            if !Text.isValidSlug(slug) {
                let suggestion = Text.slug(slug)
                diagnostics.append(
                    Diagnostic(
                        .error, .invalidSlug, file: path,
                        "bestandsnaam \"\(name)\" is geen geldige slug: gebruik alleen kleine letters a-z, cijfers en '-'"
                            + (suggestion.isEmpty ? "" : " (bijvoorbeeld \"\(suggestion).md\")")))
                continue
            }
            candidates.append((path, slug, resolved))
        }
        var files = [RawFile?](repeating: nil, count: candidates.count)
        var readErrors = [Diagnostic?](repeating: nil, count: candidates.count)
        files.withUnsafeMutableBufferPointer { filesBuffer in
            readErrors.withUnsafeMutableBufferPointer { errorsBuffer in
                let filesOut = filesBuffer, errorsOut = errorsBuffer
                DispatchQueue.concurrentPerform(iterations: candidates.count) { index in
                    let candidate = candidates[index]
                    let size = (try? fm.attributesOfItem(atPath: candidate.url.path)[.size] as? Int) ?? 0
                    if size > SourceFile.maximumSize {
                        errorsOut[index] = Diagnostic(
                            .error, .fileTooLarge, file: candidate.path, SourceFile.tooLargeMessage(size))
                        return
                    }
                    guard let data = fm.contents(atPath: candidate.url.path) else {
                        errorsOut[index] = Diagnostic(.error, .unreadableFile, file: candidate.path, "bestand is niet leesbaar")
                        return
                    }
                    filesOut[index] = RawFile(path: candidate.path, slug: candidate.slug, bytes: [UInt8](data))
                }
            }
        }
        diagnostics += readErrors.compactMap { $0 }
        return (files.compactMap { $0 }, diagnostics)
    }
}
