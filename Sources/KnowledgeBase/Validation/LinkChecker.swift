/// Cross-file checks: relative links to other write-ups and their anchors, duplicate titles.
enum LinkChecker {
    /// A link the author meant as "another write-up": relative, ending in .md (plus #anchor).
    static func internalTarget(_ destination: String) -> (slug: String, anchor: String?)? {
        guard !destination.containsBytes("://"), !destination.hasPrefix("/"), !destination.hasPrefix("mailto:") else { return nil }
        let parts = destination.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let file = String(parts[0])
        let anchor = parts.count > 1 ? String(parts[1]) : nil
        if file.isEmpty { return ("", anchor) }
        guard file.hasSuffix(".md") else { return nil }
        var name = file.dropLast(3)
        if name.hasPrefix("./") { name = name.dropFirst(2) }
        if name.hasPrefix("../initiatieven/") { name = name.dropFirst("../initiatieven/".count) }
        return (String(name), anchor)
    }

    static func check(
        documents: [(path: String, slug: String, title: String?, titleLine: Int, body: MarkdownDocument)], published: Set<String>,
        broken: Set<String> = []
    ) -> [Diagnostic] {
        var anchorsBySlug: [String: Set<String>] = [:]
        for doc in documents { anchorsBySlug[doc.slug] = doc.body.anchors }
        var out: [Diagnostic] = []
        for doc in documents {
            for link in doc.body.links {
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
                guard let anchors = anchorsBySlug[slug], published.contains(slug) else {
                    let isDraft = anchorsBySlug[slug] != nil
                    out.append(
                        Diagnostic(
                            .error, .brokenLink, file: doc.path, line: link.line, column: link.column,
                            isDraft
                                ? "link naar \"\(target.slug).md\", maar dat is een concept (draft) dat niet gepubliceerd wordt"
                                : "link naar \"\(target.slug).md\", maar die beschrijving bestaat niet"
                                    + Text.didYouMean(target.slug, in: Array(published))))
                    continue
                }
                if let anchor = target.anchor, !anchor.isEmpty, !anchors.contains(anchor), !anchor.hasPrefix("fn") {
                    out.append(
                        Diagnostic(
                            .error, .brokenAnchor, file: doc.path, line: link.line, column: link.column,
                            "anker \"#\(anchor)\" bestaat niet in \(slug).md" + Text.didYouMean(anchor, in: anchors.sorted())))
                }
            }
        }
        var byTitle: [String: [String]] = [:]
        for doc in documents { if let title = doc.title { byTitle[Text.fold(title), default: []].append(doc.path) } }
        for doc in documents {
            guard let title = doc.title, let paths = byTitle[Text.fold(title)], paths.count > 1, paths.first != doc.path else { continue }
            out.append(
                Diagnostic(
                    .warning, .duplicateTitle, file: doc.path, line: doc.titleLine, column: 1,
                    "titel \"\(title)\" komt ook voor in \(paths.first!); kies een titel die het initiatief onderscheidt"))
        }
        return out
    }
}
