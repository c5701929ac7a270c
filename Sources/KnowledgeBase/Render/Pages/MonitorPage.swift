/// The national monitor at /monitor/: per region and in total, initiatives by status, business
/// cases and how many are positive, contributions per partner kind, expected against realised
/// Wlz savings, starts per year and evidence levels; each chart with its data table. Its data as
/// `/api/monitor.csv`.
struct MonitorPage: PageKind {
    static let template = "monitor"

    /// The totals, formatted.
    var figures: Figures
    /// Charts of the totals, each with its data table (HTML).
    var chartsHTML: String
    /// Per region, with a total row: status and evidence, business cases, starts per year.
    var tables: [Table]

    struct Figures: TemplateModel {
        var initiatives: String
        var businessCases: String
        /// "9 van 12 (75%)", or "onbekend" without business cases.
        var positive: String
        var expected: String
        var realised: String
        var expectedWhereRealised: String

        var templateValue: TemplateValue {
            [
                "initiatives": .string(initiatives), "businessCases": .string(businessCases), "positive": .string(positive),
                "expected": .string(expected), "realised": .string(realised), "expectedWhereRealised": .string(expectedWhereRealised),
            ]
        }
    }

    struct Table: TemplateModel {
        var id: String
        var caption: String
        var heads: [Label]
        var rows: [Row]
        /// The total row's cells.
        var total: [Cell]

        var templateValue: TemplateValue {
            [
                "id": .string(id), "caption": .string(caption), "heads": heads.templateValue, "rows": rows.templateValue,
                "total": total.templateValue,
            ]
        }
    }

    struct Row: TemplateModel {
        var name: String
        var url: String
        var cells: [Cell]

        var templateValue: TemplateValue { ["name": .string(name), "url": .string(url), "cells": cells.templateValue] }
    }

    struct Cell: TemplateModel {
        var text: String
        /// What it sorts by: a plain number ("" for unknown).
        var sort: String

        var templateValue: TemplateValue { ["text": .string(text), "sort": .string(sort)] }
    }

    var templateValue: TemplateValue {
        ["figures": figures.templateValue, "chartsHTML": .string(chartsHTML), "tables": tables.templateValue]
    }

    static func pages(_ c: PageContext) -> [Page] {
        let title = c.strings["views.monitor_title"]
        return [
            page(
                url: c.urls.monitor, title: title, description: c.strings["views.monitor_description"], section: "regio",
                breadcrumbs: [(title, "")], scripts: ["sort.js"],
                // Totals over every write-up.
                inputs: .everything("monitor")
            ) { MonitorPage(c) }
        ]
    }

    init(_ c: PageContext) {
        let (strings, formats) = (c.strings, c.formats)
        let m = MonitorFigures(c)
        let t = m.total
        func share(_ tally: MonitorFigures.Tally) -> String {
            tally.positiveShare.map {
                strings.format(
                    "views.monitor_positive",
                    ["n": formats.integer(tally.positive), "total": formats.integer(tally.businessCases), "share": formats.percent($0)])
            } ?? strings["views.unknown"]
        }
        figures = Figures(
            initiatives: formats.integer(t.initiatives), businessCases: formats.integer(t.businessCases), positive: share(t),
            expected: formats.money(t.expected), realised: formats.money(t.realised),
            expectedWhereRealised: formats.money(t.expectedWhereRealised))

        let statusLabels = Status.allCases.map { strings["status.\($0.rawValue)"] }
        let evidenceLabels = EvidenceLevel.allCases.map { strings["evidence.\($0.rawValue)"] } + [strings["views.unknown_evidence"]]
        let kinds = PartnerKind.allCases.map { strings["kind.\($0.rawValue)"] }
        // Partner kinds that contribute anywhere; the CSV has every kind.
        let paying = PartnerKind.allCases.indices.filter { t.contributions[$0] > 0 }

        func count(_ n: Int) -> Cell { Cell(text: formats.integer(n), sort: String(n)) }
        func money(_ n: Int) -> Cell { Cell(text: formats.money(n), sort: String(n)) }
        func statusCells(_ x: MonitorFigures.Tally) -> [Cell] { [count(x.initiatives)] + x.statuses.map(count) + x.evidence.map(count) }
        func moneyCells(_ x: MonitorFigures.Tally) -> [Cell] {
            [count(x.businessCases), count(x.positive),
             Cell(text: x.positiveShare.map(formats.percent) ?? strings["views.unknown"], sort: x.positiveShare.map { String(Int(($0 * 10).rounded())) } ?? "")]
                + paying.map { money(x.contributions[$0]) } + [money(x.expected), money(x.expectedWhereRealised), money(x.realised)]
        }
        func yearCells(_ x: MonitorFigures.Tally) -> [Cell] { m.years.map { count(x.years[$0] ?? 0) } }
        func table(_ id: String, _ caption: String, _ heads: [String], _ cells: (MonitorFigures.Tally) -> [Cell]) -> Table {
            Table(
                id: id, caption: caption, heads: heads.map { Label(label: $0) },
                rows: m.regions.map { Row(name: $0.region.name, url: c.urls.region($0.region.slug), cells: cells($0.tally)) },
                total: cells(t))
        }
        tables = [
            table(
                "monitor-status", strings["views.monitor_status_table"], [strings["views.monitor_initiatives"]] + statusLabels + evidenceLabels,
                statusCells),
            table(
                "monitor-businesscase", strings["views.monitor_money_table"],
                [strings["views.monitor_business_cases"], strings["views.monitor_positive_count"], strings["views.monitor_positive_share"]]
                    + paying.map { strings.format("format.chart_contribution", ["party": kinds[$0]]) }
                    + [strings["format.chart_expected"], strings["views.monitor_expected_where_realised"], strings["format.chart_realised"]],
                moneyCells),
            table("monitor-jaren", strings["views.monitor_years_table"], m.years.map(String.init), yearCells),
        ]

        chartsHTML =
            c.countChart(
                id: "grafiek-status", title: strings["views.monitor_chart_status"], label: strings["ui.col_status"],
                rows: Array(zip(statusLabels, t.statuses)))
            + c.countChart(
                id: "grafiek-bewijskracht", title: strings["views.monitor_chart_evidence"], label: strings["ui.col_evidence"],
                rows: Array(zip(evidenceLabels, t.evidence)))
            + c.countChart(
                id: "grafiek-startjaar", title: strings["views.monitor_chart_years"], label: strings["views.monitor_year"],
                rows: m.years.map { (String($0), t.years[$0] ?? 0) })
            + c.moneyChart(
                id: "grafiek-bijdragen", title: strings["views.monitor_chart_contributions"], label: strings["ui.col_kind"],
                rows: paying.map { (kinds[$0], t.contributions[$0]) })
            + c.moneyChart(
                id: "grafiek-verwacht-gerealiseerd", title: strings["views.monitor_chart_savings"], label: strings["views.monitor_savings"],
                rows: [
                    // A short label: SVG text does not wrap at 360 px.
                    (strings["format.chart_expected"], t.expected), (strings["views.monitor_expected_short"], t.expectedWhereRealised),
                    (strings["format.chart_realised"], t.realised),
                ])
    }

    // MARK: monitor.csv

    static let csvColumns: [String] =
        ["region_code", "region", "initiatives"] + Status.allCases.map { "status_\($0.rawValue)" }
        + ["business_cases", "positive_business_cases", "positive_share_pct"]
        + PartnerKind.allCases.map { "contribution_\($0.rawValue)" }
        + ["expected_wlz_savings", "expected_wlz_savings_where_realised", "realised_wlz_savings"]
        + EvidenceLevel.allCases.map { "evidence_\($0.rawValue)" } + ["evidence_unknown"]

    /// `/api/monitor.csv`: a row per region and a total row; `;`, UTF-8 with BOM, CRLF, like the
    /// data API's CSV. Whole euros and plain counts; the share with the site's decimal comma.
    static func csvFile(_ c: PageContext) -> DataFile {
        DataFile(path: c.urls.outputPath(for: c.urls.apiMonitorCSV), inputs: .everything("monitor-csv")) {
            let m = MonitorFigures(c)
            func fields(_ code: String, _ name: String, _ x: MonitorFigures.Tally) -> [String] {
                [code, name, String(x.initiatives)] + x.statuses.map(String.init)
                    + [String(x.businessCases), String(x.positive), x.positiveShare.map { c.formats.decimal($0) } ?? ""]
                    + x.contributions.map(String.init)
                    + [String(x.expected), String(x.expectedWhereRealised), String(x.realised)] + x.evidence.map(String.init)
                    + m.years.map { String(x.years[$0] ?? 0) }
            }
            let header = csvColumns + m.years.map { "started_\($0)" }
            let rows =
                [header] + m.regions.map { fields($0.region.code, $0.region.name, $0.tally) }
                + [fields("", c.strings["views.monitor_total"], m.total)]
            return Array(("\u{FEFF}" + rows.map { $0.map(DataAPI.csvField).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n").utf8)
        }
    }
}
