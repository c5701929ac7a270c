/// One care office region: its facts and sums, charts, and its write-ups.
struct RegionPage: PageKind {
    static let template = "region"

    var region: Facts
    var initiatives: Summaries
    /// Their business cases side by side; nil without write-ups.
    var comparison: Comparison?
    /// "Nog niet in deze regio": each type without a write-up here, with examples elsewhere.
    var gaps: [Gap]

    struct Gap: TemplateModel {
        var label: String
        var url: String
        /// Up to three, best evidence and a positive business case first.
        var examples: [Example]

        var templateValue: TemplateValue { ["label": .string(label), "url": .string(url), "examples": examples.templateValue] }
    }

    struct Example: TemplateModel {
        var title: String
        var url: String
        var region: String
        /// "Effectief, positieve businesscase": what puts it first.
        var facts: String

        var templateValue: TemplateValue {
            ["title": .string(title), "url": .string(url), "region": .string(region), "facts": .string(facts)]
        }
    }

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
        .fields([
            "region": region.templateValue, "initiatives": initiatives.templateValue, "comparison": comparison?.templateValue,
            "gaps": gaps.templateValue,
        ])
    }

    static func pages(_ c: PageContext) -> [Page] {
        let examples = examplesByType(c)
        return c.site.reference.regions.map { region in
            let indexes = c.catalog.byRegion[region.code] ?? []
            let present = Set(indexes.flatMap { c.catalog.initiatives[$0].types })
            let gaps = c.site.reference.types.filter { !present.contains($0.key) }.map { ($0, examples[$0.key] ?? []) }
            let shown = gaps.flatMap(\.1)
            // Sums, counts, charts and the comparison table of this region's write-ups' front matter, and
            // their cards; the examples' front matter, and which they are (chosen from every write-up of
            // their type: naming them in order covers a change in the ranking).
            var inputs = PageInputs("region:" + region.code, frontMatter: indexes + shown, summaries: indexes, slugs: shown)
            for (type, list) in gaps {
                inputs.add(type.key)
                inputs.add(list.count)
            }
            return page(
                url: c.urls.region(region.slug), title: region.name,
                description: c.strings.format("pages.region_description", ["name": region.name, "code": region.code]), section: "regio",
                breadcrumbs: [(c.strings["nav.regions"], c.urls.regions), (region.name, "")],
                // The comparison table sorts; without write-ups there is no table.
                scripts: indexes.isEmpty ? [] : ["sort.js", "compare-select.js"],
                inputs: inputs
            ) {
                RegionPage(
                    region: facts(region, indexes, c), initiatives: c.summaries(indexes),
                    comparison: indexes.isEmpty ? nil : Comparison(indexes, c),
                    gaps: gaps.map { type, list in
                        Gap(label: type.label, url: c.urls.type(type.key), examples: list.map { example($0, c) })
                    })
            }
        }
    }

    /// Per type its three best write-ups: the strongest evidence first, then a positive business
    /// case, then by title. A region lacking the type has none of them, so they are all elsewhere.
    static func examplesByType(_ c: PageContext) -> [String: [Int]] {
        func rank(_ index: Int) -> (Int, Int) {
            let i = c.catalog.initiatives[index]
            let evidence = i.evidenceLevel.map { (EvidenceLevel.allCases.firstIndex(of: $0) ?? 0) + 1 } ?? 0
            let businessCase = i.businessCase.map { $0.isPositive ? 2 : 0 } ?? 1
            return (evidence, businessCase)
        }
        return c.catalog.byType.mapValues { indexes in
            let ranked: [(index: Int, rank: (Int, Int))] = indexes.map { ($0, rank($0)) }
            // Catalog indexes are in title order: ties go by title.
            let sorted = ranked.sorted { a, b in a.rank != b.rank ? a.rank > b.rank : a.index < b.index }
            return sorted.prefix(3).map(\.index)
        }
    }

    static func example(_ index: Int, _ c: PageContext) -> Example {
        let i = c.catalog.initiatives[index]
        var facts: [String] = []
        if let level = i.evidenceLevel { facts.append(c.strings["evidence.\(level.rawValue)"]) }
        if let bc = i.businessCase { facts.append(c.strings[bc.isPositive ? "format.verdict_positive" : "format.verdict_negative"].lowercased()) }
        return Example(
            title: i.title, url: c.urls.initiative(i.slug), region: c.site.reference.region(code: i.regionCode)?.name ?? i.regionCode,
            facts: facts.joined(separator: ", "))
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
