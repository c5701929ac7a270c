import Foundation

extension Pipeline {
    /// Stage "link": the write-ups of the whole site together. Gathers every file's findings,
    /// keeps the published write-ups, checks the links between them and builds the catalog
    /// (regions, types, organisations, related lists) with what a rebuild needs to tell which
    /// pages changed. `siteDigest`: the inputs every page shares (0: unknown, render all).
    static func link(
        _ files: [CheckedFile], pages: [ContentPage], site: SiteInputs, options: BuildOptions, related: MemoTable<[[Int]]>,
        siteDigest: UInt64
    ) -> (site: CheckedSite, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var initiatives: [Initiative] = []
        var contentHashes: [String: UInt64] = [:]
        var frontMatterHashes: [String: UInt64] = [:]
        var documents: [CheckedFile] = []  // those with a body
        var broken: Set<String> = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            diagnostics += file.diagnostics
            if file.diagnostics.hasErrors { broken.insert(file.slug) }
            guard file.body != nil else { continue }
            documents.append(file)
            if let initiative = file.initiative {
                diagnostics += file.rules
                initiatives.append(initiative)
                contentHashes[file.slug] = file.contentHash
                frontMatterHashes[file.slug] = file.frontMatterHash
            }
        }
        let published = initiatives.filter { options.includeDrafts || !$0.draft }
        let publishedSlugs = Set(published.map(\.slug))
        let decodedSlugs = Set(initiatives.map(\.slug))
        // Links and the catalog need nothing of each other, and each is a serial pass over
        // every write-up: they run side by side.
        let (linkProblems, catalog) = concurrently(
            {
                LinkChecker.check(
                    documents: documents.filter { publishedSlugs.contains($0.slug) || !decodedSlugs.contains($0.slug) },
                    published: publishedSlugs, broken: broken)
            },
            {
                Catalog(initiatives: published, reference: site.reference) { inputs, rank in
                    related.value("related", inputs: inputs, rank)
                }
            })
        diagnostics += linkProblems + LinkChecker.check(pages: pages, published: publishedSlugs)
        // Lineage and review dates: cheap, and the review warning depends on today, so these
        // are judged here every build rather than kept with the validated file.
        diagnostics += LineageChecker.check(initiatives: published, decoded: decodedSlugs, broken: broken)
        diagnostics += LineageChecker.reviews(published, years: site.config.reviewYears, today: LineageChecker.today())
        var checked = CheckedSite(
            config: site.config, reference: site.reference, catalog: catalog, diagnostics: [], fileCount: 0, timings: [],
            contentHashes: contentHashes, frontMatterHashes: frontMatterHashes)
        checked.pages = pages.filter { !SiteURLs.reservedSegments.contains($0.slug) }
        checked.siteDigest = siteDigest
        checked.identities = catalog.initiatives.map(checked.identity)
        checked.frontIdentities = catalog.initiatives.map { initiative in
            guard let hash = frontMatterHashes[initiative.slug], hash != 0 else { return 0 }
            return Hash.content(initiative.slug) &+ hash
        }
        return (checked, diagnostics)
    }
}
