/// Cross-file checks: relative links to other write-ups and their anchors, duplicate titles.
enum LinkChecker {
    /// Content pages: a slug kb's own pages use is an error, and so is a link to a write-up that
    /// is not published.
    static func check(pages: [ContentPage], published: Set<String>) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for page in pages {
            if SiteURLs.reservedSegments.contains(page.slug) {
                out.append(
                    Diagnostic(
                        .error, .reservedSlug, file: page.sourcePath,
                        "de pagina zou op /\(page.slug)/ komen, maar daar staan kb's eigen pagina's; kies een andere bestandsnaam (gereserveerd: \(SiteURLs.reservedSegments.sorted().joined(separator: ", ")))"
                    ))
            }
            for link in page.body.links {
                guard let target = MarkdownDocument.writeUpTarget(link.destination), !target.slug.isEmpty else { continue }
                if !published.contains(target.slug) {
                    out.append(
                        Diagnostic(
                            .error, .brokenLink, file: page.sourcePath, line: link.line, column: link.column,
                            "link naar \"\(link.destination)\", maar die beschrijving bestaat niet"))
                }
            }
        }
        return out
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
                guard let target = MarkdownDocument.writeUpTarget(link.destination) else { continue }
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
