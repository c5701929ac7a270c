/// Cross-file checks: relative links to other write-ups and their anchors, duplicate titles.
enum LinkChecker {
    /// A link the author meant as "another write-up": relative, ending in .md (plus #anchor).
    static func internalTarget(_ destination: String) -> (slug: String, anchor: String?)? {
        // On bytes: every link of every write-up comes through here, and most are web links.
        var destination = destination
        return destination.withUTF8 { b -> (slug: String, anchor: String?)? in
            let hash = b.firstIndex(of: UInt8(ascii: "#")) ?? b.count
            let anchor = hash < b.count ? String(decoding: UnsafeBufferPointer(rebasing: b[(hash + 1)...]), as: UTF8.self) : nil
            if hash == 0 { return ("", anchor) }
            func has(_ text: StaticString, at offset: Int) -> Bool {
                offset >= 0 && offset + text.utf8CodeUnitCount <= b.count
                    && (0..<text.utf8CodeUnitCount).allSatisfy { b[offset + $0] == text.utf8Start[$0] }
            }
            guard has(".md", at: hash - 3), !has("/", at: 0), !has("mailto:", at: 0) else { return nil }
            for index in 0..<max(0, b.count - 2) where b[index] == UInt8(ascii: ":") && has("://", at: index) { return nil }
            var start = has("./", at: 0) ? 2 : 0
            if has("../initiatieven/", at: start) { start += "../initiatieven/".utf8.count }
            return (String(decoding: UnsafeBufferPointer(rebasing: b[start..<max(start, hash - 3)]), as: UTF8.self), anchor)
        }
    }

    /// `documents`: the parsed files that have a body.
    static func check(documents: [CheckedFile], published: Set<String>, broken: Set<String> = []) -> [Diagnostic] {
        // Documents by slug; a document's anchors are looked at only when a link names one.
        var indexBySlug: [String: Int] = [:]
        indexBySlug.reserveCapacity(documents.count)
        for (index, doc) in documents.enumerated() { indexBySlug[doc.slug] = index }
        var out: [Diagnostic] = []
        for doc in documents {
            guard let links = doc.body?.links, !links.isEmpty else { continue }
            for link in links {
                guard let target = internalTarget(link.destination) else { continue }
                let slug = target.slug.isEmpty ? doc.slug : target.slug
                if target.slug.containsBytes("/") || target.slug.containsBytes("..") {
                    out.append(
                        Diagnostic(
                            .error, .brokenLink, file: doc.path, line: link.line, column: link.column,
                            "link \"\(link.destination)\" wijst buiten de beschrijvingen; link naar een andere beschrijving als slug.md"))
                    continue
                }
                // A target with errors of its own is reported there, not at every link to it.
                if broken.contains(slug) { continue }
                guard let targetIndex = indexBySlug[slug], published.contains(slug) else {
                    let isDraft = indexBySlug[slug] != nil
                    out.append(
                        Diagnostic(
                            .error, .brokenLink, file: doc.path, line: link.line, column: link.column,
                            isDraft
                                ? "link naar \"\(target.slug).md\", maar dat is een concept (draft) dat niet gepubliceerd wordt"
                                : "link naar \"\(target.slug).md\", maar die beschrijving bestaat niet"
                                    + Text.didYouMean(target.slug, in: Array(published))))
                    continue
                }
                let headings = documents[targetIndex].body?.headings ?? []
                if let anchor = target.anchor, !anchor.isEmpty, !headings.contains(where: { $0.id == anchor }), !anchor.hasPrefix("fn") {
                    let anchors = Set(headings.map(\.id))
                    out.append(
                        Diagnostic(
                            .error, .brokenAnchor, file: doc.path, line: link.line, column: link.column,
                            "anker \"#\(anchor)\" bestaat niet in \(slug).md" + Text.didYouMean(anchor, in: anchors.sorted())))
                }
            }
        }
        var byTitle: [String: [String]] = [:]
        let folded = documents.map { $0.title.map(Text.fold) }
        for (doc, key) in zip(documents, folded) { if let key { byTitle[key, default: []].append(doc.path) } }
        for (doc, key) in zip(documents, folded) {
            guard let title = doc.title, let key, let paths = byTitle[key], paths.count > 1, paths.first != doc.path else { continue }
            out.append(
                Diagnostic(
                    .warning, .duplicateTitle, file: doc.path, line: doc.titleLine, column: 1,
                    "titel \"\(title)\" komt ook voor in \(paths.first!); kies een titel die het initiatief onderscheidt"))
        }
        return out
    }
}
