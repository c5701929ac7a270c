/// The business cases of a list of write-ups side by side: the sortable table with
/// `id="vergelijking"` on type and region pages, and the chart of savings per zorgkantoor euro.
/// Everything shown is front matter, so a page that shows it declares its write-ups as
/// `frontMatter`.
struct Comparison: TemplateModel {
    var rows: [Row]
    /// Expected Wlz savings per zorgkantoor euro, per write-up that has a ratio ("" when none has).
    var chartHTML: String

    /// One write-up; every cell formatted, "onbekend" when the write-up does not say.
    struct Row: TemplateModel {
        var title: String
        var url: String
        var slug: String
        var region: String
        var regionURL: String
        var status: Summary.Status
        var start: String
        var startSort: String
        var participants: Cell
        var investment: Cell
        var zorgkantoor: Cell
        var partnerKinds: String
        var expected: Cell
        var perEuro: Cell
        var realised: Cell
        var admissions: Cell
        var evidence: Cell
        /// Art. 4.2.4 Wlz: a co-financier among the partners and a positive business case.
        var conditions: Conditions

        var templateValue: TemplateValue {
            [
                "title": .string(title), "url": .string(url), "slug": .string(slug), "region": .string(region),
                "regionURL": .string(regionURL), "status": status.templateValue, "start": .string(start), "startSort": .string(startSort),
                "participants": participants.templateValue, "investment": investment.templateValue,
                "zorgkantoor": zorgkantoor.templateValue, "partnerKinds": .string(partnerKinds), "expected": expected.templateValue,
                "perEuro": perEuro.templateValue, "realised": realised.templateValue, "admissions": admissions.templateValue,
                "evidence": evidence.templateValue, "conditions": conditions.templateValue,
            ]
        }
    }

    /// A cell's text and the key it sorts by ("" for unknown, so unknown sorts first).
    struct Cell: TemplateModel {
        var text: String
        var sort: String
        var known: Bool

        var templateValue: TemplateValue { ["text": .string(text), "sort": .string(sort), "known": .bool(known)] }
    }

    struct Conditions: TemplateModel {
        /// ja | nee | nvt | onbekend: for the class of the cell.
        var key: String
        var text: String

        var templateValue: TemplateValue { ["key": .string(key), "text": .string(text)] }
    }

    var templateValue: TemplateValue { ["rows": rows.templateValue, "chartHTML": .string(chartHTML)] }

    init(_ indexes: [Int], _ c: PageContext) {
        rows = indexes.map { Self.row(c.catalog.initiatives[$0], c) }
        let ratios = indexes.compactMap { index -> (String, Double)? in
            let i = c.catalog.initiatives[index]
            return i.businessCase?.savingsPerZorgkantoorEuro.map { (i.title, $0) }
        }
        chartHTML =
            ratios.isEmpty
            ? ""
            : BarChart(
                id: "grafiek-rendement", title: c.strings["views.chart_per_euro"],
                rows: ratios.map { BarChart.Row(label: $0.0, value: $0.1, display: c.formats.moneyWithCents($0.1), kind: .saving) },
                // The comparison table beside it has the same figures in its own column.
                table: nil
            ).html()
    }

    static func row(_ i: Initiative, _ c: PageContext) -> Row {
        let (strings, formats) = (c.strings, c.formats)
        let unknown = strings["views.unknown"]
        func cell(_ value: Int?, _ text: (Int) -> String) -> Cell {
            value.map { Cell(text: text($0), sort: String($0), known: true) } ?? Cell(text: unknown, sort: "", known: false)
        }
        let region = c.site.reference.region(code: i.regionCode)
        let bc = i.businessCase
        let kinds = bc?.contributions.map { strings["kind.\($0.kind.rawValue)"] } ?? []
        let evidence = i.evidenceLevel.map { level in
            Cell(
                text: strings["evidence.\(level.rawValue)"], sort: String(EvidenceLevel.allCases.firstIndex(of: level) ?? 0), known: true)
        }
        return Row(
            title: i.title, url: c.urls.initiative(i.slug), slug: i.slug, region: region?.name ?? i.regionCode,
            regionURL: region.map { c.urls.region($0.slug) } ?? "",
            status: Summary.Status(key: i.status.rawValue, label: strings["status.\(i.status.rawValue)"]),
            start: formats.yearMonth(i.period.start), startSort: i.period.start.description,
            participants: cell(i.results?.participants, formats.integer), investment: cell(bc?.investment, formats.money),
            zorgkantoor: cell(bc?.zorgkantoorContribution, formats.money),
            partnerKinds: kinds.isEmpty ? unknown : kinds.joined(separator: ", "),
            expected: cell(bc?.expectedWlzSavings, formats.money),
            // Sorted in cents: sort.js compares digit runs as numbers, not decimals.
            perEuro: bc?.savingsPerZorgkantoorEuro.map {
                Cell(text: formats.moneyWithCents($0), sort: String(Int(($0 * 100).rounded())), known: true)
            } ?? Cell(text: unknown, sort: "", known: false),
            realised: cell(bc?.realisedWlzSavings, formats.money),
            admissions: i.results?.admissionsPreventedOrDelayedPct.map {
                Cell(text: formats.percent($0), sort: String(Int(($0 * 10).rounded())), known: true)
            } ?? Cell(text: unknown, sort: "", known: false),
            evidence: evidence ?? Cell(text: unknown, sort: "", known: false), conditions: conditions(i, c))
    }

    /// "ja", or "nee" with what is missing; "onbekend" without a business case; "n.v.t." when
    /// the zorgkantoor puts in nothing (the article is about its contribution).
    static func conditions(_ i: Initiative, _ c: PageContext) -> Conditions {
        guard let bc = i.businessCase else { return Conditions(key: "onbekend", text: c.strings["views.unknown"]) }
        guard bc.zorgkantoorContribution > 0 else { return Conditions(key: "nvt", text: c.strings["views.conditions_not_applicable"]) }
        let coFinancier = i.partners.contains { PartnerKind.coFinancers.contains($0.kind) }
        var missing: [String] = []
        if !coFinancier { missing.append(c.strings["views.conditions_no_cofinancier"]) }
        if !bc.isPositive { missing.append(c.strings["views.conditions_not_positive"]) }
        if missing.isEmpty { return Conditions(key: "ja", text: c.strings["views.conditions_met"]) }
        return Conditions(
            key: "nee", text: c.strings.format("views.conditions_not_met", ["missing": missing.joined(separator: ", ")]))
    }
}
