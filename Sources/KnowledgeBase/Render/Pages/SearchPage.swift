/// The search page: search.js fills it from the index (see Search/), so its template sees
/// the layout's keys only.
struct SearchPage: PageKind {
    static let template = "search"

    var templateValue: TemplateValue { [:] }

    static func pages(_ c: PageContext) -> [Page] {
        [
            page(
                url: c.urls.search, title: c.strings["nav.search"], description: c.strings["pages.search_description"], section: "zoeken",
                breadcrumbs: [(c.strings["nav.search"], "")], scripts: ["search.js"], inputs: PageInputs("search")
            ) { SearchPage() }
        ]
    }
}
