import Foundation

/// The data API: every published write-up as JSON (`initiatieven.json`) and as CSV
/// (`initiatieven.csv`). Field names and columns are a public contract, documented in the
/// README. Both show front matter only, so a body edit leaves them as they are; each write-up's
/// object and row is a piece of its own in the data cache.
struct DataAPI {
    let c: PageContext

    var site: CheckedSite { c.site }
    var urls: SiteURLs { c.urls }
    var formats: Formats { c.formats }
    var catalog: Catalog { c.catalog }
    var memo: MemoTable<[UInt8]> { c.dataMemo }

    static func files(_ c: PageContext) -> [DataFile] {
        let api = DataAPI(c: c)
        var json = PageInputs("api-file", frontMatter: Array(c.catalog.initiatives.indices))
        // Each object's `related` names other write-ups by slug.
        for related in c.catalog.related {
            json.add(related.count)
            for index in related { json.add(c.catalog.initiatives[index].slug) }
        }
        return [
            DataFile(path: c.urls.outputPath(for: c.urls.apiJSON), inputs: json) { api.json() },
            DataFile(path: c.urls.outputPath(for: c.urls.apiCSV), inputs: PageInputs("csv-file", frontMatter: Array(c.catalog.initiatives.indices))) {
                Array(api.csv().utf8)
            },
        ]
    }

    /// What one write-up's object shows: its front matter and its related write-ups' slugs.
    func objectInputs(_ index: Int) -> PageInputs {
        PageInputs("api", frontMatter: [index], slugs: catalog.related[index])
    }

    /// What one write-up's CSV row shows: its front matter.
    func rowInputs(_ index: Int) -> PageInputs { PageInputs("csv", frontMatter: [index]) }

    // MARK: JSON

    /// One write-up in the data API. Absent optional fields are left out; keys are written
    /// sorted (see JSONValue).
    func object(_ index: Int) -> JSONValue {
        let i = catalog.initiatives[index]
        let region = site.reference.region(code: i.regionCode)
        var fields: [String: JSONValue?] = [
            "slug": .string(i.slug), "url": .string(urls.absolute(urls.initiative(i.slug))), "title": .string(i.title),
            "summary": .string(i.summary),
            "types": .array(i.types.map { .object(["key": .string($0), "label": .string(site.reference.type(key: $0)?.label ?? $0)]) }),
            "region": .object([
                "code": .string(i.regionCode), "name": .string(region?.name ?? ""),
                "url": .string(urls.absolute(urls.region(region?.slug ?? ""))),
            ]),
            "municipalities": .array(i.municipalities.map(JSONValue.string)), "status": .string(i.status.rawValue),
            "period": .object(["start": .string(i.period.start.description), "end": i.period.end.map { .string($0.description) }]),
            "partners": .array(
                i.partners.map {
                    .object([
                        "name": .string($0.name), "kind": .string($0.kind.rawValue),
                        "organisation_url": .string(urls.absolute(urls.organisation(catalog.slug(ofPartner: $0.name)))),
                    ])
                }),
            "funding": .array(i.funding.map { .string($0.rawValue) }),
            "evidence_level": i.evidenceLevel.map { .string($0.rawValue) },
            "tags": .array(i.tags.map(JSONValue.string)),
            "sources": .array(i.sources.map { .object(["title": .string($0.title), "url": .string($0.url)]) }),
            "updated": i.updated.map(JSONValue.string),
            // As written (the link stage has checked each names a published write-up).
            "based_on": .array(i.basedOn.map { .string($0.slug) }),
            "reviewed": i.reviewed.map { .string($0.date) },
            "stopped_reason": i.stoppedReason.map(JSONValue.string),
            "related": .array(catalog.related[index].map { .string(catalog.initiatives[$0].slug) }),
        ]
        if let bc = i.businessCase {
            fields["business_case"] = .object([
                "investment": .int(bc.investment),
                "contributions": .array(bc.contributions.map { .object(["kind": .string($0.kind.rawValue), "amount": .int($0.amount)]) }),
                "expected_wlz_savings": .int(bc.expectedWlzSavings), "horizon_years": bc.horizonYears.map(JSONValue.int),
                "realised_wlz_savings": bc.realisedWlzSavings.map(JSONValue.int), "zorgkantoor_contribution": .int(bc.zorgkantoorContribution),
                "positive": .bool(bc.isPositive),
                "savings_per_zorgkantoor_euro": bc.savingsPerZorgkantoorEuro.map { .double(($0 * 100).rounded() / 100) },
            ])
        }
        if let r = i.results {
            fields["results"] = .object([
                "participants": r.participants.map(JSONValue.int),
                "admissions_prevented_or_delayed_pct": r.admissionsPreventedOrDelayedPct.map(JSONValue.double),
                "average_delay_months": r.averageDelayMonths.map(JSONValue.double),
                "quality_of_life": r.qualityOfLife.map(JSONValue.string), "caregiver_burden": r.caregiverBurden.map(JSONValue.string),
                "evaluator": r.evaluator.map(JSONValue.string),
            ])
        }
        if let c = i.contact {
            fields["contact"] = .object([
                "name": c.name.map(JSONValue.string), "organisation": c.organisation.map(JSONValue.string),
                "email": c.email.map(JSONValue.string),
            ])
        }
        return .object(fields)
    }

    /// The whole API document; write-ups are serialised in parallel and joined.
    func json() -> [UInt8] {
        let count = catalog.initiatives.count
        let initiatives = catalog.initiatives
        let parts = concurrentMap(count) { index in
            let make = {
                var writer = JSONWriter(style: .dataAPI, capacity: 4096)
                writer.value(object(index), indent: 4)
                return writer.bytes
            }
            return memo.value("api:" + initiatives[index].slug, inputs: site.digest(of: objectInputs(index)), make)
        }
        var out: [UInt8] = []
        out.reserveCapacity(parts.reduce(64) { $0 + $1.count + 6 })
        out += Array("{\n  \"count\" : \(count),\n  \"initiatives\" : [\n".utf8)
        if parts.isEmpty { out.append(10) }
        for (index, part) in parts.enumerated() {
            out += [32, 32, 32, 32]
            out += part
            out += Array((index + 1 < parts.count ? ",\n" : "\n").utf8)
        }
        out += Array("  ],\n  \"site\" : ".utf8)
        var title = JSONWriter(style: .dataAPI)
        title.string(site.config.title)
        out += title.bytes
        out += Array(",\n  \"version\" : 1\n}".utf8)
        return out
    }

    // MARK: CSV

    static let csvColumns = [
        "slug", "title", "summary", "types", "region_code", "region", "municipalities", "status", "start", "end", "partners",
        "funding", "investment", "zorgkantoor_contribution", "expected_wlz_savings", "realised_wlz_savings", "horizon_years",
        "positive_business_case", "participants", "admissions_prevented_or_delayed_pct", "average_delay_months", "evidence_level",
        "tags", "updated", "url", "based_on", "reviewed", "stopped_reason",
    ]

    /// `;`-separated UTF-8 with BOM and CRLF: what Dutch Excel opens correctly by double-click.
    func csv() -> String {
        let initiatives = catalog.initiatives
        let rows = concurrentMap(initiatives.count) { index in
            let make = { Array(csvRow(initiatives[index]).utf8) }
            let digest = site.digest(of: rowInputs(index))
            return String(decoding: memo.value("csv:" + initiatives[index].slug, inputs: digest, make), as: UTF8.self)
        }
        return "\u{FEFF}" + ([Self.csvColumns.joined(separator: ";")] + rows).joined(separator: "\r\n") + "\r\n"
    }

    func csvRow(_ i: Initiative) -> String {
        let bc = i.businessCase
        let r = i.results
        let decimal: (Double?) -> String = { $0.map { formats.decimal($0, decimals: 2) } ?? "" }
        let fields: [String] = [
            i.slug, i.title, i.summary, i.types.joined(separator: ", "), i.regionCode,
            site.reference.region(code: i.regionCode)?.name ?? "", i.municipalities.joined(separator: ", "), i.status.rawValue,
            i.period.start.description, i.period.end?.description ?? "",
            i.partners.map { "\($0.name) (\($0.kind.rawValue))" }.joined(separator: ", "),
            i.funding.map(\.rawValue).joined(separator: ", "), bc.map { String($0.investment) } ?? "",
            bc.map { String($0.zorgkantoorContribution) } ?? "", bc.map { String($0.expectedWlzSavings) } ?? "",
            bc?.realisedWlzSavings.map(String.init) ?? "", bc?.horizonYears.map(String.init) ?? "",
            bc.map { $0.isPositive ? "ja" : "nee" } ?? "", r?.participants.map(String.init) ?? "",
            decimal(r?.admissionsPreventedOrDelayedPct), decimal(r?.averageDelayMonths), i.evidenceLevel?.rawValue ?? "",
            i.tags.joined(separator: ", "), i.updated ?? "", urls.absolute(urls.initiative(i.slug)),
            i.basedOn.map(\.slug).joined(separator: ", "), i.reviewed?.date ?? "", i.stoppedReason ?? "",
        ]
        return fields.map(Self.csvField).joined(separator: ";")
    }

    /// Quotes when needed; a leading =, +, - or @ is defused so Excel never runs it as a formula.
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        // Byte scans: Foundation's substring search was half the CSV's time at 10,000 rows.
        let special = text.utf8.contains { $0 == UInt8(ascii: ";") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
        guard special || text.utf8.first == UInt8(ascii: "'") else { return text }
        var quoted: [UInt8] = [UInt8(ascii: "\"")]
        for byte in text.utf8 {
            quoted.append(byte)
            if byte == UInt8(ascii: "\"") { quoted.append(byte) }
        }
        quoted.append(UInt8(ascii: "\""))
        return String(decoding: quoted, as: UTF8.self)
    }
}
