/// The table of all care office regions.
struct RegionsPage: PageKind {
    static let template = "regions"

    /// All of them (31 by default), with or without write-ups.
    var regions: [Row]

    struct Row: TemplateModel {
        var name: String
        var code: String
        var url: String
        var count: Int
        var countLabel: String

        var templateValue: TemplateValue {
            ["name": .string(name), "code": .string(code), "url": .string(url), "count": .int(count), "countLabel": .string(countLabel)]
        }
    }

    var templateValue: TemplateValue { ["regions": regions.templateValue] }

    static func pages(_ c: PageContext) -> [Page] {
        [
            page(
                url: c.urls.regions, title: c.strings["nav.regions"], description: c.strings["pages.regions_description"], section: "regio",
                breadcrumbs: [(c.strings["nav.regions"], "")], scripts: ["sort.js"], inputs: .everything("regions")
            ) { RegionsPage(regions: rows(c)) }
        ]
    }

    /// Also the home page's.
    static func rows(_ c: PageContext) -> [Row] {
        c.site.reference.regions.map { region in
            let count = c.catalog.byRegion[region.code]?.count ?? 0
            return Row(name: region.name, code: region.code, url: c.urls.region(region.slug), count: count, countLabel: c.formats.initiatives(count))
        }
    }
}
