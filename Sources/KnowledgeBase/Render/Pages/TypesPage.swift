/// The types of initiative.
struct TypesPage: PageKind {
    static let template = "types"

    var types: [Row]

    struct Row: TemplateModel {
        var label: String
        var key: String
        var url: String
        var description: String
        var count: Int
        var countLabel: String

        var templateValue: TemplateValue {
            [
                "label": .string(label), "key": .string(key), "url": .string(url), "description": .string(description),
                "count": .int(count), "countLabel": .string(countLabel),
            ]
        }
    }

    var templateValue: TemplateValue { ["types": types.templateValue] }

    static func pages(_ c: PageContext) -> [Page] {
        [
            page(
                url: c.urls.types, title: c.strings["nav.types"], description: c.strings["pages.types_description"], section: "type",
                breadcrumbs: [(c.strings["nav.types"], "")], inputs: .everything("types")
            ) { TypesPage(types: rows(c)) }
        ]
    }

    /// Also the home page's.
    static func rows(_ c: PageContext) -> [Row] {
        c.site.reference.types.map { type in
            let count = c.catalog.byType[type.key]?.count ?? 0
            return Row(
                label: type.label, key: type.key, url: c.urls.type(type.key), description: type.description, count: count,
                countLabel: c.formats.initiatives(count))
        }
    }
}
