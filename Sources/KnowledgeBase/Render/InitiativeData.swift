import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The data an initiative page carries in itself, as JSON in `<script>` data blocks (never
/// executed, so the strict CSP allows them): the write-up as a schema.org `Project` (JSON-LD),
/// and the facts the compare page (`/vergelijk/`, compare.js) shows side by side. The compare
/// page fetches the chosen initiatives' pages and reads these; no file per initiative is added.
/// Both show only the write-up's own content, which the initiative page declares already.
enum InitiativeData {
    /// Compact, key order by bytes, `<`, `>` and `&` escaped: safe inside a `<script>` element.
    static let style = JSONStyle(pretty: false, keyOrder: .bytes, escapeHTML: true, shortControlEscapes: true)

    // MARK: Compare

    /// A row of the compare table: its key in the island and its label.
    struct Row {
        var key: String
        var label: String
    }

    /// A group of rows under a heading (facts, partners by kind, business case, …).
    struct Group {
        var id: String
        var heading: String
        var rows: [Row]
    }

    /// Every row the compare page can show, in order; an initiative's island has a value for
    /// the keys it has something for.
    static func groups(_ strings: Strings) -> [Group] {
        func row(_ key: String, _ label: String) -> Row { Row(key: key, label: strings["ui.\(label)"]) }
        return [
            Group(
                id: "kenmerken", heading: strings["ui.facts_heading"],
                rows: [
                    row("summary", "compare_summary"), row("region", "fact_region"), row("municipalities", "fact_municipalities"),
                    row("types", "fact_type"), row("status", "fact_status"), row("period", "fact_period"),
                    row("basedOn", "fact_based_on"), row("funding", "fact_funding"),
                ]),
            Group(
                id: "partners", heading: strings["ui.partners_heading"],
                rows: PartnerKind.allCases.map { Row(key: "partners." + $0.rawValue, label: strings["kind.\($0.rawValue)"]) }),
            Group(
                id: "businesscase", heading: strings["ui.bc_heading"],
                rows: [row("investment", "bc_investment")]
                    + PartnerKind.allCases.map {
                        Row(key: "contribution." + $0.rawValue, label: strings["ui.bc_contribution"] + ": " + strings["kind.\($0.rawValue)"])
                    }
                    + [
                        row("expected", "bc_expected"), row("realised", "bc_realised"), row("horizon", "bc_horizon"),
                        row("perEuro", "bc_per_euro"), row("verdict", "bc_verdict"),
                    ]),
            Group(
                id: "resultaten", heading: strings["ui.results_heading"],
                rows: [
                    row("participants", "res_participants"), row("admissions", "res_admissions"), row("delay", "res_delay"),
                    row("quality", "res_quality"), row("caregiver", "res_caregiver"),
                ]),
            Group(
                id: "onderbouwing", heading: strings["ui.compare_evidence_heading"],
                rows: [row("evidence", "fact_evidence"), row("evaluator", "res_evaluator"), row("sources", "sources_heading")]),
            Group(id: "lessen", heading: strings["ui.compare_lessons_heading"], rows: [row("lessons", "compare_lessons")]),
        ]
    }

    /// One shown value: a text, optionally a link or a status badge.
    static func item(_ text: String, url: String? = nil, badge: String? = nil) -> JSONValue {
        .object(["text": .string(text), "url": url.map(JSONValue.string), "badge": badge.map(JSONValue.string)])
    }

    /// `{"v": 1, "slug", "title", "url", "values": {row key: [{text, url?, badge?}]}, "lessonsHTML"?}`.
    static func compare(_ index: Int, _ d: InitiativePage.Detail, _ c: PageContext) -> String {
        let i = c.catalog.initiatives[index]
        let (strings, formats) = (c.strings, c.formats)
        var values: [String: JSONValue?] = [:]
        func set(_ key: String, _ items: [JSONValue]) { if !items.isEmpty { values[key] = .array(items) } }
        func set(_ key: String, _ text: String?) { if let text, !text.isEmpty { set(key, [item(text)]) } }
        set("summary", d.summary)
        set("region", [item("\(d.region.name) (\(d.region.code))", url: d.region.url.isEmpty ? nil : d.region.url)])
        set("municipalities", i.municipalities.map { item($0) })
        set("types", d.types.map { item($0.label, url: $0.url) })
        set("status", [item(d.status.label, badge: d.status.key)])
        set("period", d.period)
        set("basedOn", d.basedOn.map { item("\($0.title) (\($0.region.name))", url: $0.url) })
        set("funding", d.funding.map { item($0.label) })
        for kind in PartnerKind.allCases {
            set(
                "partners." + kind.rawValue,
                i.partners.filter { $0.kind == kind }.map { p in item(p.name, url: c.catalog.organisationSlug(for: p.name).map(c.urls.organisation)) })
        }
        if let bc = i.businessCase {
            set("investment", formats.money(bc.investment))
            for (kind, amount) in bc.contributions { set("contribution." + kind.rawValue, formats.money(amount)) }
            set("expected", formats.money(bc.expectedWlzSavings))
            set("realised", bc.realisedWlzSavings.map(formats.money))
            set("horizon", bc.horizonYears.map(formats.years))
            set("perEuro", d.businessCase?.perEuro)
            set("verdict", [item(d.businessCase?.verdict ?? "", badge: bc.isPositive ? "positief" : "negatief")])
        }
        if let r = d.results {
            set("participants", r.participants)
            set("admissions", r.admissionsPct)
            set("delay", r.averageDelay)
            set("quality", r.qualityOfLife)
            set("caregiver", r.caregiverBurden)
            set("evaluator", r.evaluator)
        }
        set("evidence", d.evidence?.label)
        set("sources", d.sources.map { item($0.title, url: $0.url) })
        return JSONValue.object([
            "v": .int(1), "slug": .string(i.slug), "title": .string(d.title), "url": .string(d.url), "values": .object(values),
            "lessonsHTML": lessonsHTML(d.bodyHTML, headings: i.body.headings).map(JSONValue.string),
        ]).text(style)
    }

    /// The ids a "lessons learned" section's heading gets (`## Geleerde lessen` →
    /// `geleerde-lessen`), best first.
    static let lessonIDs = ["geleerde-lessen", "lessen", "lessons-learned", "lessons"]

    /// The HTML of the body's "Geleerde lessen" section: what follows its level-2 heading up
    /// to the next level-2 heading or the footnotes; nil when the body has no such section.
    static func lessonsHTML(_ html: String, headings: [MarkdownDocument.Heading]) -> String? {
        let level2 = headings.filter { $0.level == 2 }
        guard
            let heading = lessonIDs.lazy.compactMap({ id in level2.first { $0.id == id } }).first
                ?? level2.first(where: { $0.id.hasPrefix("geleerde-lessen") || $0.id.hasPrefix("lessons-learned") })
        else { return nil }
        // On the UTF-8 bytes: Foundation's range(of:) on 10,000 bodies was a sixth
        // of a clean build.
        var html = html
        return html.withUTF8 { bytes -> String? in
            func find(_ needle: String, from start: Int) -> Int? {
                let n = Array(needle.utf8)
                guard let first = n.first, start + n.count <= bytes.count else { return nil }
                let base = bytes.baseAddress!
                var at = start
                // memchr jumps to the next candidate first byte at memory speed.
                while at + n.count <= bytes.count, let hit = memchr(base + at, Int32(first), bytes.count - n.count + 1 - at) {
                    at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + at, n, n.count) == 0 { return at }
                    at += 1
                }
                return nil
            }
            guard let open = find("<h2 id=\"\(heading.id)\">", from: 0), let close = find("</h2>", from: open) else { return nil }
            let start = close + 5
            let end = [find("<h2", from: start), find("<section class=\"footnotes\"", from: start)].compactMap { $0 }.min() ?? bytes.count
            let section = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<max(start, end)]), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            return section.isEmpty ? nil : section
        }
    }

    // MARK: schema.org

    /// The write-up as a schema.org `Project` (an Organization, so its dates are
    /// `foundingDate` and `dissolutionDate`): name, description, url, the region as an
    /// `AdministrativeArea` containing its municipalities, every partner as `member`, the
    /// partners of the kinds that contribute money in the business case as `funder`, keywords.
    /// URLs are absolute when base_url has a host.
    static func schemaOrg(_ index: Int, _ d: InitiativePage.Detail, _ c: PageContext) -> String {
        let i = c.catalog.initiatives[index]
        let urls = c.urls
        func organisation(_ partner: Partner) -> JSONValue {
            let page = c.catalog.organisationSlug(for: partner.name).map { urls.absolute(urls.organisation($0)) }
            return .object(["@type": .string("Organization"), "name": .string(partner.name), "url": page.map(JSONValue.string)])
        }
        let paying = Set(i.businessCase?.contributions.filter { $0.amount > 0 }.map(\.kind) ?? [])
        let funders = i.partners.filter { paying.contains($0.kind) }
        let places = i.municipalities.map { JSONValue.object(["@type": .string("AdministrativeArea"), "name": .string($0)]) }
        let region: JSONValue = .object([
            "@type": .string("AdministrativeArea"), "name": .string(d.region.name), "identifier": .string(d.region.code),
            "url": d.region.url.isEmpty ? nil : .string(urls.absolute(d.region.url)),
            "containsPlace": places.isEmpty ? nil : .array(places),
        ])
        let keywords = d.types.map(\.label) + i.tags
        return JSONValue.object([
            "@context": .string("https://schema.org"), "@type": .string("Project"),
            "@id": .string(urls.absolute(d.url) + "#initiatief"), "identifier": .string(i.slug),
            "name": .string(i.title), "description": .string(i.summary), "url": .string(urls.absolute(d.url)),
            "location": region, "areaServed": region,
            "member": i.partners.isEmpty ? nil : .array(i.partners.map(organisation)),
            "funder": funders.isEmpty ? nil : .array(funders.map(organisation)),
            "foundingDate": .string(i.period.start.description), "dissolutionDate": i.period.end.map { .string($0.description) },
            "keywords": keywords.isEmpty ? nil : .string(keywords.joined(separator: ", ")),
        ]).text(style)
    }
}
