/// Builds the dictionaries the Mustache templates read. Every value is display-ready:
/// translated, formatted, and every URL final. Templates never compute.
struct ViewModels {
    let site: CheckedSite
    let urls: SiteURLs
    let strings: Strings
    let formats: Formats

    var catalog: Catalog { site.catalog }
    /// Each initiative's card, rendered once from the "initiative-card" template; lists of
    /// initiatives (regions, types, organisations, related) reuse it instead of rendering it
    /// again for every page it appears on.
    var cards: [String] = []

    func regionRef(_ code: String) -> [String: Any] {
        let region = site.reference.region(code: code)
        return ["name": region?.name ?? code, "code": code, "url": region.map { urls.region($0.slug) } ?? ""]
    }

    func typeRefs(_ keys: [String]) -> [[String: Any]] {
        keys.map { key in
            ["key": key, "label": site.reference.type(key: key)?.label ?? key, "url": urls.type(key)]
        }
    }

    func summary(_ index: Int) -> [String: Any] {
        let i = catalog.initiatives[index]
        var out: [String: Any] = [
            "title": i.title, "url": urls.initiative(i.slug), "summary": i.summary, "region": regionRef(i.regionCode),
            "types": typeRefs(i.types), "status": ["key": i.status.rawValue, "label": strings["status.\(i.status.rawValue)"]],
            "start": formats.yearMonth(i.period.start), "startSort": i.period.start.description, "period": formats.period(i.period),
        ]
        if let updated = i.updated { out["updated"] = formats.date(updated) }
        if index < cards.count { out["cardHTML"] = cards[index] }
        return out
    }

    func summaries(_ indexes: [Int]) -> [[String: Any]] { indexes.map(summary) }

    func initiative(_ index: Int) -> [String: Any] {
        let i = catalog.initiatives[index]
        var out = summary(index)
        out["bodyHTML"] = localisedBody(i.body.html)
        out["municipalities"] = i.municipalities.joined(separator: ", ")
        out["funding"] = i.funding.map { ["label": strings["funding.\($0.rawValue)"]] }
        if let evidence = i.evidenceLevel { out["evidence"] = ["label": strings["evidence.\(evidence.rawValue)"]] }
        var groups: [[String: Any]] = []
        for kind in PartnerKind.allCases {
            let partners = i.partners.filter { $0.kind == kind }
            guard !partners.isEmpty else { continue }
            groups.append([
                "kindLabel": strings["kind.\(kind.rawValue)"],
                "partners": partners.map { p in
                    ["name": p.name, "url": catalog.organisationSlug(for: p.name).map(urls.organisation) ?? ""]
                },
            ])
        }
        out["partnerGroups"] = groups
        if let bc = i.businessCase {
            var model = businessCase(bc)
            model["chartHTML"] = businessCaseChart(bc, slug: i.slug)
            out["businessCase"] = model
        }
        if let r = i.results { out["results"] = results(r) }
        out["tags"] = i.tags.map { ["label": $0] }
        out["sources"] = i.sources.map { ["title": $0.title, "url": $0.url] }
        if let c = i.contact {
            var contact: [String: Any] = [:]
            if let name = c.name { contact["name"] = name }
            if let org = c.organisation { contact["organisation"] = org }
            if let email = c.email { contact["email"] = email }
            if !contact.isEmpty { out["contact"] = contact }
        }
        out["toc"] = i.body.headings.filter { $0.level == 2 }.map { ["text": $0.text, "id": $0.id] }
        out["related"] = summaries(catalog.related[index])
        return out
    }

    func businessCase(_ bc: BusinessCase) -> [String: Any] {
        var out: [String: Any] = [
            "investment": formats.money(bc.investment),
            "contributions": bc.contributions.map { ["label": strings["kind.\($0.kind.rawValue)"], "amount": formats.money($0.amount)] },
            "expected": formats.money(bc.expectedWlzSavings),
            "positive": bc.isPositive,
            "verdict": strings[bc.isPositive ? "format.verdict_positive" : "format.verdict_negative"],
            "verdictExplained": strings[
                bc.zorgkantoorContribution == 0
                    ? "format.verdict_no_zorgkantoor" : bc.isPositive ? "format.verdict_explained_positive" : "format.verdict_explained_negative"],
        ]
        if let realised = bc.realisedWlzSavings { out["realised"] = formats.money(realised) }
        if let horizon = bc.horizonYears { out["horizon"] = formats.years(horizon) }
        if let ratio = bc.savingsPerZorgkantoorEuro {
            out["perEuro"] = strings.format("format.per_euro", ["amount": formats.moneyWithCents(ratio)])
        }
        return out
    }

    /// Who pays what against what the Wlz is expected to save (and did save).
    func businessCaseChart(_ bc: BusinessCase, slug: String) -> String {
        var rows = bc.contributions.map {
            BarChart.Row(
                label: strings.format("format.chart_contribution", ["party": strings["kind.\($0.kind.rawValue)"]]), value: Double($0.amount),
                display: formats.money($0.amount))
        }
        if rows.isEmpty {
            rows.append(BarChart.Row(label: strings["format.chart_investment"], value: Double(bc.investment), display: formats.money(bc.investment)))
        }
        rows.append(
            BarChart.Row(
                label: strings["format.chart_expected"], value: Double(bc.expectedWlzSavings), display: formats.money(bc.expectedWlzSavings),
                kind: .saving))
        if let realised = bc.realisedWlzSavings {
            rows.append(BarChart.Row(label: strings["format.chart_realised"], value: Double(realised), display: formats.money(realised), kind: .realised))
        }
        return BarChart(id: "grafiek-businesscase", title: strings["format.chart_business_case"], rows: rows, table: nil).html()
    }

    func countChart(id: String, title: String, label: String, rows: [(String, Int)]) -> String {
        BarChart(
            id: id, title: title,
            rows: rows.map { BarChart.Row(label: $0.0, value: Double($0.1), display: formats.integer($0.1)) },
            table: (label, strings["format.chart_count"], strings["format.chart_table"])
        ).html()
    }

    func moneyChart(id: String, title: String, label: String, rows: [(String, Int)]) -> String {
        BarChart(
            id: id, title: title,
            rows: rows.map { BarChart.Row(label: $0.0, value: Double($0.1), display: formats.money($0.1), kind: .saving) },
            table: (label, strings["format.chart_amount"], strings["format.chart_table"])
        ).html()
    }

    /// Home page: where the initiatives are, of which types, and what they expect to save.
    func homeCharts() -> String {
        let regions = site.reference.regions
        let perRegion = regions.map { ($0.name, catalog.byRegion[$0.code]?.count ?? 0) }
        let perType = site.reference.types.map { ($0.label, catalog.byType[$0.key]?.count ?? 0) }
        let savings = regions.map { region in
            (region.name, (catalog.byRegion[region.code] ?? []).reduce(0) { $0 + (catalog.initiatives[$1].businessCase?.expectedWlzSavings ?? 0) })
        }
        return countChart(id: "grafiek-per-type", title: strings["format.chart_per_type"], label: strings["format.chart_type"], rows: perType)
            + countChart(id: "grafiek-per-regio", title: strings["format.chart_per_region"], label: strings["format.chart_region"], rows: perRegion)
            + moneyChart(id: "grafiek-besparing-per-regio", title: strings["format.chart_savings_per_region"], label: strings["format.chart_region"], rows: savings)
    }

    func regionCharts(_ region: Region) -> String {
        let items = (catalog.byRegion[region.code] ?? []).map { catalog.initiatives[$0] }
        guard !items.isEmpty else { return "" }
        var perType: [String: Int] = [:]
        for item in items { for t in item.types { perType[t, default: 0] += 1 } }
        let rows = site.reference.types.compactMap { t in perType[t.key].map { (t.label, $0) } }
        let savings = items.filter { $0.businessCase != nil }.map { ($0.title, $0.businessCase!.expectedWlzSavings) }
        return countChart(id: "grafiek-per-type", title: strings["format.chart_per_type"], label: strings["format.chart_type"], rows: rows)
            + (savings.isEmpty
                ? ""
                : moneyChart(
                    id: "grafiek-besparing", title: strings["format.chart_savings_per_initiative"], label: strings["format.chart_initiative"],
                    rows: savings))
    }

    func results(_ r: Results) -> [String: Any] {
        var out: [String: Any] = [:]
        if let v = r.participants { out["participants"] = formats.integer(v) }
        if let v = r.admissionsPreventedOrDelayedPct { out["admissionsPct"] = formats.percent(v) }
        if let v = r.averageDelayMonths { out["averageDelay"] = formats.months(v) }
        if let v = r.qualityOfLife { out["qualityOfLife"] = v }
        if let v = r.caregiverBurden { out["caregiverBurden"] = v }
        if let v = r.evaluator { out["evaluator"] = v }
        return out
    }

    /// cmark-gfm writes a few English words and unlabelled controls into its HTML; give them
    /// the site's language and make wide tables scroll on small screens.
    func localisedBody(_ html: String) -> String {
        var out = html
        let bytes = Array(html.utf8)
        func has(_ text: String) -> Bool { firstByteRange(of: Array(text.utf8), in: bytes, from: 0) != nil }
        if has("aria-label=\"Back to content\"") {
            out = out.replacingBytes("aria-label=\"Back to content\"", with: "aria-label=\"\(strings["format.footnote_back"])\"")
        }
        if has("<input type=\"checkbox\"") {
            out = out.replacingBytes(
                "<input type=\"checkbox\" checked=\"\" disabled=\"\" />",
                with: "<input type=\"checkbox\" checked disabled aria-label=\"\(strings["format.task_done"])\">")
            out = out.replacingBytes(
                "<input type=\"checkbox\" disabled=\"\" />", with: "<input type=\"checkbox\" disabled aria-label=\"\(strings["format.task_open"])\">")
        }
        if has("<section class=\"footnotes\" data-footnotes>") {
            out = out.replacingBytes(
                "<section class=\"footnotes\" data-footnotes>",
                with: "<section class=\"footnotes\" data-footnotes><h2 class=\"visueel-verborgen\">\(strings["format.footnotes"])</h2>")
        }
        if has("<table>") {
            // Each scrollable region needs its own name (axe landmark-unique): "Tabel 1", "Tabel 2".
            var count = 0
            var pieces: [String] = []
            for piece in out.split(separator: "<table>", omittingEmptySubsequences: false) {
                if count > 0 {
                    pieces.append(
                        "<div class=\"tabel-wrapper\" tabindex=\"0\" role=\"region\" aria-label=\"\(strings["format.table"]) \(count)\"><table>")
                }
                pieces.append(String(piece))
                count += 1
            }
            out = pieces.joined().replacingBytes("</table>", with: "</table></div>")
        }
        return out
    }

    func regionList() -> [[String: Any]] {
        site.reference.regions.map { region in
            let count = catalog.byRegion[region.code]?.count ?? 0
            return [
                "name": region.name, "code": region.code, "url": urls.region(region.slug), "count": count,
                "countLabel": formats.initiatives(count),
            ]
        }
    }

    func typeList() -> [[String: Any]] {
        site.reference.types.map { type in
            let count = catalog.byType[type.key]?.count ?? 0
            return [
                "label": type.label, "key": type.key, "url": urls.type(type.key), "description": type.description,
                "count": count, "countLabel": formats.initiatives(count),
            ]
        }
    }

    func organisationList() -> [[String: Any]] {
        catalog.organisations.map { org in
            [
                "name": org.name, "url": urls.organisation(org.slug),
                "kinds": org.kinds.map { strings["kind.\($0.rawValue)"] }.joined(separator: ", "),
                "count": org.initiatives.count, "countLabel": formats.initiatives(org.initiatives.count),
            ]
        }
    }

    func region(_ region: Region) -> [String: Any] {
        let indexes = catalog.byRegion[region.code] ?? []
        let items = indexes.map { catalog.initiatives[$0] }
        let investment = items.reduce(0) { $0 + ($1.businessCase?.investment ?? 0) }
        let expected = items.reduce(0) { $0 + ($1.businessCase?.expectedWlzSavings ?? 0) }
        var typeCounts: [String: Int] = [:]
        for item in items { for t in item.types { typeCounts[t, default: 0] += 1 } }
        let types = site.reference.types.filter { typeCounts[$0.key] != nil }.map { t -> [String: Any] in
            ["label": t.label, "url": urls.type(t.key), "count": typeCounts[t.key]!]
        }
        return [
            "name": region.name, "code": region.code, "countLabel": formats.initiatives(indexes.count),
            "investment": formats.money(investment), "expected": formats.money(expected), "types": types,
            "count": indexes.count, "chartsHTML": regionCharts(region),
        ]
    }
}
