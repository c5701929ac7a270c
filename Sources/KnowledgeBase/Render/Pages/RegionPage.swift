/// One care office region: its facts and sums, charts, and its write-ups.
struct RegionPage: PageKind {
    static let template = "region"

    var region: Facts
    var initiatives: Summaries
    /// Their business cases side by side; nil without write-ups.
    var comparison: Comparison?

    struct Facts: TemplateModel {
        var name: String
        var code: String
        var count: Int
        var countLabel: String
        /// Sums of the write-ups' business cases, formatted.
        var investment: String
        var expected: String
        /// The types of its write-ups, with how many of each.
        var types: [TypeCount]
        /// Charts of its write-ups per type and their expected savings ("" without write-ups).
        var chartsHTML: String

        var templateValue: TemplateValue {
            [
                "name": .string(name), "code": .string(code), "count": .int(count), "countLabel": .string(countLabel),
                "investment": .string(investment), "expected": .string(expected), "types": types.templateValue,
                "chartsHTML": .string(chartsHTML),
            ]
        }
    }

    struct TypeCount: TemplateModel {
        var label: String
        var url: String
        var count: Int

        var templateValue: TemplateValue { ["label": .string(label), "url": .string(url), "count": .int(count)] }
    }

    var templateValue: TemplateValue {
        .fields(["region": region.templateValue, "initiatives": initiatives.templateValue, "comparison": comparison?.templateValue])
    }

    static func pages(_ c: PageContext) -> [Page] {
        c.site.reference.regions.map { region in
            let indexes = c.catalog.byRegion[region.code] ?? []
            return page(
                url: c.urls.region(region.slug), title: region.name,
                description: c.strings.format("pages.region_description", ["name": region.name, "code": region.code]), section: "regio",
                breadcrumbs: [(c.strings["nav.regions"], c.urls.regions), (region.name, "")],
                // The comparison table sorts; without write-ups there is no table.
                scripts: indexes.isEmpty ? [] : ["sort.js"],
                // Sums, counts, charts and the comparison table of this region's write-ups' front matter, and their cards.
                inputs: PageInputs("region:" + region.code, frontMatter: indexes, summaries: indexes)
            ) {
                RegionPage(
                    region: facts(region, indexes, c), initiatives: c.summaries(indexes),
                    comparison: indexes.isEmpty ? nil : Comparison(indexes, c))
            }
        }
    }

    static func facts(_ region: Region, _ indexes: [Int], _ c: PageContext) -> Facts {
        let items = indexes.map { c.catalog.initiatives[$0] }
        let investment = items.reduce(0) { $0 + ($1.businessCase?.investment ?? 0) }
        let expected = items.reduce(0) { $0 + ($1.businessCase?.expectedWlzSavings ?? 0) }
        var typeCounts: [String: Int] = [:]
        for item in items { for t in item.types { typeCounts[t, default: 0] += 1 } }
        let types = c.site.reference.types.compactMap { t in
            typeCounts[t.key].map { TypeCount(label: t.label, url: c.urls.type(t.key), count: $0) }
        }
        return Facts(
            name: region.name, code: region.code, count: indexes.count, countLabel: c.formats.initiatives(indexes.count),
            investment: c.formats.money(investment), expected: c.formats.money(expected), types: types, chartsHTML: charts(items, c))
    }

    static func charts(_ items: [Initiative], _ c: PageContext) -> String {
        guard !items.isEmpty else { return "" }
        let strings = c.strings
        var perType: [String: Int] = [:]
        for item in items { for t in item.types { perType[t, default: 0] += 1 } }
        let rows = c.site.reference.types.compactMap { t in perType[t.key].map { (t.label, $0) } }
        let savings = items.compactMap { item in item.businessCase.map { (item.title, $0.expectedWlzSavings) } }
        return c.countChart(id: "grafiek-per-type", title: strings["format.chart_per_type"], label: strings["format.chart_type"], rows: rows)
            + (savings.isEmpty
                ? ""
                : c.moneyChart(
                    id: "grafiek-besparing", title: strings["format.chart_savings_per_initiative"], label: strings["format.chart_initiative"],
                    rows: savings))
    }
}
