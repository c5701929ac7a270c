/// The start page: the site in numbers, the newest write-ups, every region and type, charts.
struct HomePage: PageKind {
    static let template = "home"

    var intro: String
    var counts: Counts
    /// Up to 6.
    var newest: Summaries
    var regions: [RegionsPage.Row]
    var types: [TypesPage.Row]
    var chartsHTML: String
    /// The tile map of the regions (HTML), as on the coverage page.
    var tileMapHTML: String

    /// Formatted numbers.
    struct Counts: TemplateModel {
        var initiatives: String
        var regions: String
        var regionsTotal: String
        var types: String
        var organisations: String

        var templateValue: TemplateValue {
            [
                "initiatives": .string(initiatives), "regions": .string(regions), "regionsTotal": .string(regionsTotal),
                "types": .string(types), "organisations": .string(organisations),
            ]
        }
    }

    var templateValue: TemplateValue {
        [
            "intro": .string(intro), "counts": counts.templateValue, "newest": newest.templateValue, "regions": regions.templateValue,
            "types": types.templateValue, "chartsHTML": .string(chartsHTML),
            "tileMapHTML": .string(tileMapHTML),
        ]
    }

    static func pages(_ c: PageContext) -> [Page] {
        // Totals and charts over every write-up.
        [
            page(
                url: c.urls.home, title: c.site.config.title, description: c.site.config.description, section: "home",
                scripts: ["compare-select.js"], inputs: .everything("home")
            ) { HomePage(c) }
        ]
    }

    init(_ c: PageContext) {
        let catalog = c.catalog
        intro = c.strings["pages.home_intro"]
        counts = Counts(
            initiatives: c.formats.integer(catalog.initiatives.count), regions: c.formats.integer(catalog.byRegion.count),
            regionsTotal: c.formats.integer(c.site.reference.regions.count), types: c.formats.integer(catalog.byType.count),
            organisations: c.formats.integer(catalog.organisations.count))
        newest = c.summaries(Array(catalog.newest.prefix(6)))
        regions = RegionsPage.rows(c)
        types = TypesPage.rows(c)
        chartsHTML = Self.charts(c)
        tileMapHTML = TileMap.html(c, id: "tegelkaart")
    }

    /// Where the initiatives are, of which types, and what they expect to save.
    static func charts(_ c: PageContext) -> String {
        let (catalog, strings) = (c.catalog, c.strings)
        let regions = c.site.reference.regions
        let perRegion = regions.map { ($0.name, catalog.byRegion[$0.code]?.count ?? 0) }
        let perType = c.site.reference.types.map { ($0.label, catalog.byType[$0.key]?.count ?? 0) }
        let savings = regions.map { region in
            (region.name, (catalog.byRegion[region.code] ?? []).reduce(0) { $0 + (catalog.initiatives[$1].businessCase?.expectedWlzSavings ?? 0) })
        }
        return c.countChart(id: "grafiek-per-type", title: strings["format.chart_per_type"], label: strings["format.chart_type"], rows: perType)
            + c.countChart(id: "grafiek-per-regio", title: strings["format.chart_per_region"], label: strings["format.chart_region"], rows: perRegion)
            + c.moneyChart(
                id: "grafiek-besparing-per-regio", title: strings["format.chart_savings_per_region"], label: strings["format.chart_region"],
                rows: savings)
    }
}
