/// One organisation and the write-ups it is a partner in.
struct OrganisationPage: PageKind {
    static let template = "organisation"

    var organisation: Facts
    var initiatives: Summaries

    struct Facts: TemplateModel {
        var name: String
        var kinds: [Label]
        var countLabel: String

        var templateValue: TemplateValue { ["name": .string(name), "kinds": kinds.templateValue, "countLabel": .string(countLabel)] }
    }

    var templateValue: TemplateValue { ["organisation": organisation.templateValue, "initiatives": initiatives.templateValue] }

    static func pages(_ c: PageContext) -> [Page] {
        c.catalog.organisations.map { org in
            // Its name and kinds come from the partners of its write-ups, as the catalog merged them.
            var inputs = PageInputs("organisation:" + org.slug, summaries: org.initiatives)
            inputs.add(org.name)
            for kind in org.kinds { inputs.add(kind.rawValue) }
            return page(
                url: c.urls.organisation(org.slug), title: org.name,
                description: c.strings.format("pages.organisation_description", ["name": org.name]), section: "organisatie",
                breadcrumbs: [(c.strings["nav.organisations"], c.urls.organisations), (org.name, "")], scripts: ["compare-select.js"], inputs: inputs
            ) {
                OrganisationPage(
                    organisation: Facts(
                        name: org.name, kinds: org.kinds.map { Label(label: c.strings["kind.\($0.rawValue)"]) },
                        countLabel: c.formats.initiatives(org.initiatives.count)),
                    initiatives: c.summaries(org.initiatives))
            }
        }
    }
}
