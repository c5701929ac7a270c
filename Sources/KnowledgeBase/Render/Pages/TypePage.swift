/// One type of initiative and its write-ups.
struct TypePage: PageKind {
    static let template = "type"

    var type: Facts
    var initiatives: Summaries
    /// Their business cases side by side; nil without write-ups.
    var comparison: Comparison?

    struct Facts: TemplateModel {
        var label: String
        var key: String
        var description: String
        var countLabel: String
        var regionsLabel: String

        var templateValue: TemplateValue {
            [
                "label": .string(label), "key": .string(key), "description": .string(description), "countLabel": .string(countLabel),
                "regionsLabel": .string(regionsLabel),
            ]
        }
    }

    var templateValue: TemplateValue {
        .fields(["type": type.templateValue, "initiatives": initiatives.templateValue, "comparison": comparison?.templateValue])
    }

    static func pages(_ c: PageContext) -> [Page] {
        c.site.reference.types.map { type in
            let indexes = c.catalog.byType[type.key] ?? []
            return page(
                url: c.urls.type(type.key), title: type.label, description: type.description, section: "type",
                breadcrumbs: [(c.strings["nav.types"], c.urls.types), (type.label, "")],
                // The comparison table sorts; without write-ups there is no table.
                scripts: indexes.isEmpty ? [] : ["sort.js", "compare-select.js"],
                // The regions counted and the comparison table are the write-ups' front matter.
                inputs: PageInputs("type:" + type.key, frontMatter: indexes, summaries: indexes)
            ) {
                let regions = Set(indexes.map { c.catalog.initiatives[$0].regionCode }).count
                return TypePage(
                    type: Facts(
                        label: type.label, key: type.key, description: type.description, countLabel: c.formats.initiatives(indexes.count),
                        regionsLabel: c.strings.count("pages.in_regions", regions)),
                    initiatives: c.summaries(indexes), comparison: indexes.isEmpty ? nil : Comparison(indexes, c))
            }
        }
    }
}
