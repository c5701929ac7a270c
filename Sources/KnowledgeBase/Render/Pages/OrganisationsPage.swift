/// The table of every organisation that is a partner in a write-up.
struct OrganisationsPage: PageKind {
    static let template = "organisations"

    var organisations: [Row]
    var countLabel: String

    struct Row: TemplateModel {
        var name: String
        var url: String
        /// The kinds of partner it is, joined: "gemeente, zorgaanbieder".
        var kinds: String
        var count: Int
        var countLabel: String

        var templateValue: TemplateValue {
            ["name": .string(name), "url": .string(url), "kinds": .string(kinds), "count": .int(count), "countLabel": .string(countLabel)]
        }
    }

    var templateValue: TemplateValue { ["organisations": organisations.templateValue, "countLabel": .string(countLabel)] }

    static func pages(_ c: PageContext) -> [Page] {
        [
            page(
                url: c.urls.organisations, title: c.strings["nav.organisations"], description: c.strings["pages.organisations_description"],
                section: "organisatie", breadcrumbs: [(c.strings["nav.organisations"], "")], scripts: ["sort.js"],
                inputs: .everything("organisations")
            ) {
                OrganisationsPage(
                    organisations: c.catalog.organisations.map { org in
                        Row(
                            name: org.name, url: c.urls.organisation(org.slug),
                            kinds: org.kinds.map { c.strings["kind.\($0.rawValue)"] }.joined(separator: ", "), count: org.initiatives.count,
                            countLabel: c.formats.initiatives(org.initiatives.count))
                    },
                    countLabel: c.strings.count("pages.organisations", c.catalog.organisations.count))
            }
        ]
    }
}
