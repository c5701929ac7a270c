/// Every write-up as a sortable table.
struct InitiativesPage: PageKind {
    static let template = "initiatives"

    /// By title.
    var initiatives: Summaries
    var countLabel: String

    var templateValue: TemplateValue { ["initiatives": initiatives.templateValue, "countLabel": .string(countLabel)] }

    static func pages(_ c: PageContext) -> [Page] {
        let all = Array(c.catalog.initiatives.indices)
        return [
            page(
                url: c.urls.initiatives, title: c.strings["nav.initiatives"], description: c.strings["pages.initiatives_description"],
                section: "initiatieven", breadcrumbs: [(c.strings["nav.initiatives"], "")], scripts: ["sort.js", "compare-select.js"],
                inputs: PageInputs("initiatives", summaries: all)
            ) { InitiativesPage(initiatives: c.summaries(all), countLabel: c.formats.initiatives(all.count)) }
        ]
    }
}
