import Foundation

/// Builds the typed values the templates read. Every value is display-ready: translated,
/// formatted, and every URL final. Templates never compute.
///
/// A class: every page's context closure holds it, and copying a struct of this size into
/// 10,000 closures was a visible part of a rebuild. The lists below are filled once before
/// any page renders and only read after.
final class ViewModels: @unchecked Sendable {
    let site: CheckedSite
    let urls: SiteURLs
    let strings: Strings
    let formats: Formats

    init(site: CheckedSite, urls: SiteURLs, strings: Strings, formats: Formats) {
        self.site = site
        self.urls = urls
        self.strings = strings
        self.formats = formats
        bodyReplacements = [
            (Array("aria-label=\"Back to content\"".utf8), Array("aria-label=\"\(strings["format.footnote_back"])\"".utf8)),
            (
                Array("<input type=\"checkbox\" checked=\"\" disabled=\"\" />".utf8),
                Array("<input type=\"checkbox\" checked disabled aria-label=\"\(strings["format.task_done"])\">".utf8)
            ),
            (
                Array("<input type=\"checkbox\" disabled=\"\" />".utf8),
                Array("<input type=\"checkbox\" disabled aria-label=\"\(strings["format.task_open"])\">".utf8)
            ),
            (
                Array("<section class=\"footnotes\" data-footnotes>".utf8),
                Array("<section class=\"footnotes\" data-footnotes><h2 class=\"visueel-verborgen\">\(strings["format.footnotes"])</h2>".utf8)
            ),
            (Array("</table>".utf8), Array("</table></div>".utf8)),
        ]
    }

    /// What `localisedBody` replaces in cmark-gfm's HTML (its English labels and bare
    /// checkboxes), made once.
    private let bodyReplacements: [(from: [UInt8], to: [UInt8])]

    var catalog: Catalog { site.catalog }
    /// Each summary's digest: pages that show write-ups as cards (lists, related) depend on
    /// these, not on the whole write-up, so a body edit leaves them as they are. A summary
    /// (card included) shows front matter only, so its digest is that of the front matter;
    /// the incremental tests compare every page after body edits, which catches a summary
    /// that starts to show anything else.
    var summaryDigests: [UInt64] = []
    /// Renders an initiative's card from its summary (made without a card).
    var makeCard: (@Sendable (Int) -> String)?

    /// Each initiative's card (rendered once from the "initiative-card" template) and summary,
    /// made the first time a page shows them, then shared by every list they appear in. A
    /// rebuild after one edit renders a handful of pages, which show a few dozen of them.
    private let lock = NSLock()
    private var cards: [String?] = []
    private var summaryValues: [TemplateValue?] = []

    func prepareSummaries() {
        let count = catalog.initiatives.count
        cards = Array(repeating: nil, count: count)
        summaryValues = Array(repeating: nil, count: count)
        summaryDigests = (0..<count).map { site.digest("summary", front: [$0]) }
    }

    /// All cards and summaries at once on both cores, for a build that renders every page.
    func makeAllSummaries() {
        let count = catalog.initiatives.count
        let cards = concurrentMap(count) { makeCard?($0) }
        lock.withLock { self.cards = cards }
        let summaries = concurrentMap(count) { Optional(summary($0)) }
        lock.withLock { summaryValues = summaries }
    }

    func card(_ index: Int) -> String? {
        if let card = lock.withLock({ cards[index] }) { return card }
        guard let card = makeCard?(index) else { return nil }
        lock.withLock { cards[index] = card }
        return card
    }

    func summaryValue(_ index: Int) -> TemplateValue {
        if let value = lock.withLock({ summaryValues[index] }) { return value }
        let value = summary(index)
        lock.withLock { summaryValues[index] = value }
        return value
    }

    func regionRef(_ code: String) -> TemplateValue {
        let region = site.reference.region(code: code)
        return ["name": .string(region?.name ?? code), "code": .string(code), "url": .string(region.map { urls.region($0.slug) } ?? "")]
    }

    func typeRefs(_ keys: [String]) -> TemplateValue {
        .list(
            keys.map { key in
                ["key": .string(key), "label": .string(site.reference.type(key: key)?.label ?? key), "url": .string(urls.type(key))]
            })
    }

    func summaryFields(_ index: Int, card: Bool = true) -> [String: TemplateValue] {
        let i = catalog.initiatives[index]
        var out: [String: TemplateValue] = [
            "title": .string(i.title), "url": .string(urls.initiative(i.slug)), "summary": .string(i.summary),
            "region": regionRef(i.regionCode), "types": typeRefs(i.types),
            "status": ["key": .string(i.status.rawValue), "label": .string(strings["status.\(i.status.rawValue)"])],
            "start": .string(formats.yearMonth(i.period.start)), "startSort": .string(i.period.start.description),
            "period": .string(formats.period(i.period)),
        ]
        if let updated = i.updated { out["updated"] = .string(formats.date(updated)) }
        if card, let html = self.card(index) { out["cardHTML"] = .string(html) }
        return out
    }

    func summary(_ index: Int, card: Bool = true) -> TemplateValue { .object(summaryFields(index, card: card)) }

    /// Lists reuse each initiative's summary, built once (with its card).
    func summaries(_ indexes: [Int]) -> TemplateValue { .list(indexes.map(summaryValue)) }

    func initiative(_ index: Int) -> TemplateValue {
        let i = catalog.initiatives[index]
        var out = summaryFields(index)
        out["bodyHTML"] = .string(localisedBody(site.html(of: i)))
        out["municipalities"] = .string(i.municipalities.joined(separator: ", "))
        out["funding"] = .list(i.funding.map { ["label": .string(strings["funding.\($0.rawValue)"])] })
        if let evidence = i.evidenceLevel { out["evidence"] = ["label": .string(strings["evidence.\(evidence.rawValue)"])] }
        var groups: [TemplateValue] = []
        for kind in PartnerKind.allCases {
            let partners = i.partners.filter { $0.kind == kind }
            guard !partners.isEmpty else { continue }
            groups.append([
                "kindLabel": .string(strings["kind.\(kind.rawValue)"]),
                "partners": .list(
                    partners.map { p in
                        ["name": .string(p.name), "url": .string(catalog.organisationSlug(for: p.name).map(urls.organisation) ?? "")]
                    }),
            ])
        }
        out["partnerGroups"] = .list(groups)
        if let bc = i.businessCase {
            var model = businessCase(bc)
            model["chartHTML"] = .string(businessCaseChart(bc, slug: i.slug))
            out["businessCase"] = .object(model)
        }
        if let r = i.results { out["results"] = .object(results(r)) }
        out["tags"] = .list(i.tags.map { ["label": .string($0)] })
        out["sources"] = .list(i.sources.map { ["title": .string($0.title), "url": .string($0.url)] })
        if let c = i.contact {
            var contact: [String: TemplateValue] = [:]
            if let name = c.name { contact["name"] = .string(name) }
            if let org = c.organisation { contact["organisation"] = .string(org) }
            if let email = c.email { contact["email"] = .string(email) }
            if !contact.isEmpty { out["contact"] = .object(contact) }
        }
        out["toc"] = .list(i.body.headings.filter { $0.level == 2 }.map { ["text": .string($0.text), "id": .string($0.id)] })
        out["related"] = summaries(catalog.related[index])
        return .object(out)
    }

    func businessCase(_ bc: BusinessCase) -> [String: TemplateValue] {
        var out: [String: TemplateValue] = [
            "investment": .string(formats.money(bc.investment)),
            "contributions": .list(
                bc.contributions.map {
                    ["label": .string(strings["kind.\($0.kind.rawValue)"]), "amount": .string(formats.money($0.amount))]
                }),
            "expected": .string(formats.money(bc.expectedWlzSavings)),
            "positive": .bool(bc.isPositive),
            "verdict": .string(strings[bc.isPositive ? "format.verdict_positive" : "format.verdict_negative"]),
            "verdictExplained": .string(
                strings[
                    bc.zorgkantoorContribution == 0
                        ? "format.verdict_no_zorgkantoor" : bc.isPositive ? "format.verdict_explained_positive" : "format.verdict_explained_negative"]),
        ]
        if let realised = bc.realisedWlzSavings { out["realised"] = .string(formats.money(realised)) }
        if let horizon = bc.horizonYears { out["horizon"] = .string(formats.years(horizon)) }
        if let ratio = bc.savingsPerZorgkantoorEuro {
            out["perEuro"] = .string(strings.format("format.per_euro", ["amount": formats.moneyWithCents(ratio)]))
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

    func results(_ r: Results) -> [String: TemplateValue] {
        var out: [String: TemplateValue] = [:]
        if let v = r.participants { out["participants"] = .string(formats.integer(v)) }
        if let v = r.admissionsPreventedOrDelayedPct { out["admissionsPct"] = .string(formats.percent(v)) }
        if let v = r.averageDelayMonths { out["averageDelay"] = .string(formats.months(v)) }
        if let v = r.qualityOfLife { out["qualityOfLife"] = .string(v) }
        if let v = r.caregiverBurden { out["caregiverBurden"] = .string(v) }
        if let v = r.evaluator { out["evaluator"] = .string(v) }
        return out
    }

    /// cmark-gfm writes a few English words and unlabelled controls into its HTML; give them
    /// the site's language and make wide tables scroll on small screens. One pass over the
    /// bytes: this runs for every write-up.
    func localisedBody(_ html: String) -> String {
        let replacements = bodyReplacements
        let table = Array("<table>".utf8)
        var html = html
        let localised = html.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 256)
            func matches(_ needle: [UInt8], at index: Int) -> Bool {
                guard index + needle.count <= bytes.count else { return false }
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] { return false }
                return true
            }
            var tables = 0
            var index = 0
            var copied = 0
            scan: while index < bytes.count {
                let byte = bytes[index]
                // Every replacement starts a tag or an attribute ("aria-label" after a space).
                guard byte == UInt8(ascii: "<") || (byte == UInt8(ascii: "a") && index > 0 && bytes[index - 1] == 32) else {
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "<") && matches(table, at: index) {
                    // Each scrollable region needs its own name (axe landmark-unique): "Tabel 1", "Tabel 2".
                    tables += 1
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                    out.append(
                        contentsOf: "<div class=\"tabel-wrapper\" tabindex=\"0\" role=\"region\" aria-label=\"\(strings["format.table"]) \(tables)\"><table>"
                            .utf8)
                    index += table.count
                    copied = index
                    continue
                }
                for (from, to) in replacements where from[0] == byte && matches(from, at: index) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                    out.append(contentsOf: to)
                    index += from.count
                    copied = index
                    continue scan
                }
                index += 1
            }
            if copied == 0 { return nil }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count]))
            return String(decoding: out, as: UTF8.self)
        }
        return localised ?? html
    }

    func regionList() -> TemplateValue {
        .list(
            site.reference.regions.map { region in
                let count = catalog.byRegion[region.code]?.count ?? 0
                return [
                    "name": .string(region.name), "code": .string(region.code), "url": .string(urls.region(region.slug)), "count": .int(count),
                    "countLabel": .string(formats.initiatives(count)),
                ]
            })
    }

    func typeList() -> TemplateValue {
        .list(
            site.reference.types.map { type in
                let count = catalog.byType[type.key]?.count ?? 0
                return [
                    "label": .string(type.label), "key": .string(type.key), "url": .string(urls.type(type.key)),
                    "description": .string(type.description), "count": .int(count), "countLabel": .string(formats.initiatives(count)),
                ]
            })
    }

    func organisationList() -> TemplateValue {
        .list(
            catalog.organisations.map { org in
                [
                    "name": .string(org.name), "url": .string(urls.organisation(org.slug)),
                    "kinds": .string(org.kinds.map { strings["kind.\($0.rawValue)"] }.joined(separator: ", ")),
                    "count": .int(org.initiatives.count), "countLabel": .string(formats.initiatives(org.initiatives.count)),
                ]
            })
    }

    func region(_ region: Region) -> TemplateValue {
        let indexes = catalog.byRegion[region.code] ?? []
        let items = indexes.map { catalog.initiatives[$0] }
        let investment = items.reduce(0) { $0 + ($1.businessCase?.investment ?? 0) }
        let expected = items.reduce(0) { $0 + ($1.businessCase?.expectedWlzSavings ?? 0) }
        var typeCounts: [String: Int] = [:]
        for item in items { for t in item.types { typeCounts[t, default: 0] += 1 } }
        let types = site.reference.types.filter { typeCounts[$0.key] != nil }.map { t -> TemplateValue in
            ["label": .string(t.label), "url": .string(urls.type(t.key)), "count": .int(typeCounts[t.key]!)]
        }
        return [
            "name": .string(region.name), "code": .string(region.code), "countLabel": .string(formats.initiatives(indexes.count)),
            "investment": .string(formats.money(investment)), "expected": .string(formats.money(expected)), "types": .list(types),
            "count": .int(indexes.count), "chartsHTML": .string(regionCharts(region)),
        ]
    }
}
