/// `/vergelijk/?ids=a,b,c`: two to four initiatives side by side. The page is a frame that
/// compare.js fills: it fetches the chosen initiatives' own pages and reads the data each
/// carries (`InitiativeData`), so kb writes no file per initiative for it. The rows and their
/// labels are here; without JavaScript the page says so and links the types' tables.
struct ComparePage: PageKind {
    static let template = "compare"

    /// The rows of the table, in groups, in the order shown.
    var groups: [Group]
    /// Where to choose from without JavaScript: every type's page (its business-case table).
    var types: [TypeLink]
    /// An initiative's page with "{slug}" for its slug: where compare.js fetches it.
    var initiativeURL: String

    struct Group: TemplateModel {
        var id: String
        var heading: String
        var rows: [Row]

        var templateValue: TemplateValue { ["id": .string(id), "heading": .string(heading), "rows": rows.templateValue] }
    }

    struct Row: TemplateModel {
        /// The key of its value in an initiative's data.
        var key: String
        var label: String

        var templateValue: TemplateValue { ["key": .string(key), "label": .string(label)] }
    }

    struct TypeLink: TemplateModel {
        var label: String
        var url: String

        var templateValue: TemplateValue { ["label": .string(label), "url": .string(url)] }
    }

    var templateValue: TemplateValue {
        ["groups": groups.templateValue, "types": types.templateValue, "initiativeURL": .string(initiativeURL)]
    }

    static func pages(_ c: PageContext) -> [Page] {
        let title = c.strings["ui.compare_heading"]
        return [
            page(
                url: c.urls.compare, title: title, description: c.strings["ui.compare_description"], section: "initiatieven",
                breadcrumbs: [(c.strings["nav.initiatives"], c.urls.initiatives), (title, "")], scripts: ["compare.js"],
                // Labels and the types (reference data): nothing of any write-up.
                inputs: PageInputs("compare")
            ) {
                ComparePage(
                    groups: InitiativeData.groups(c.strings).map { group in
                        Group(id: group.id, heading: group.heading, rows: group.rows.map { Row(key: $0.key, label: $0.label) })
                    },
                    types: c.site.reference.types.map { TypeLink(label: $0.label, url: c.urls.type($0.key)) },
                    initiativeURL: c.urls.initiative("{slug}"))
            }
        ]
    }
}
