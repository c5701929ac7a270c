import Foundation

/// The machine-readable outputs: data API (JSON, CSV), Atom feed, sitemap, robots.txt and the
/// search index. Field names here are a public contract, documented in the README.
struct DataOutputs {
    let site: CheckedSite
    let urls: SiteURLs
    let strings: Strings
    let formats: Formats
    let pageURLs: [String]
    let fragments: FragmentCache?

    var catalog: Catalog { site.catalog }

    /// One data file: where it goes, the digest of what it is made from (see
    /// `CheckedSite.digest`; a rebuild with the same digest keeps the file) and how to make it.
    struct Producer {
        var path: String
        var digest: UInt64
        var make: () -> [UInt8]
    }

    /// Each output as its own job, so they render in parallel with the pages. All of them show
    /// front matter only, so a body edit leaves them as they are.
    var producers: [Producer] {
        let data = self
        let all = Array(catalog.initiatives.indices)
        let newest = Array(catalog.newest.prefix(Self.feedSize))
        return [
            Producer(path: urls.outputPath(for: urls.apiJSON), digest: site.digest("api-file", words: apiDigests)) { data.apiJSON() },
            Producer(path: urls.outputPath(for: urls.apiCSV), digest: site.digest("csv-file", front: all)) { Array(data.apiCSV().utf8) },
            Producer(path: urls.outputPath(for: urls.feed), digest: site.digest("feed", front: newest)) { Array(data.feed().utf8) },
            Producer(
                path: urls.outputPath(for: urls.sitemap),
                digest: site.digest("sitemap", front: all, words: pageURLs.map { TemplateValue.string($0).digest })
            ) { Array(data.sitemap().utf8) },
            Producer(path: "robots.txt", digest: site.digest("robots")) { Array(data.robots().utf8) },
        ]
    }

    static let feedSize = 50

    /// Digest of each write-up's object in the JSON API: its front matter and its related
    /// write-ups' slugs.
    var apiDigests: [UInt64] {
        let initiatives = catalog.initiatives
        let slugDigests = initiatives.map { TemplateValue.string($0.slug).digest }
        return initiatives.indices.map { index in
            site.digest("api", front: [index], words: catalog.related[index].map { slugDigests[$0] })
        }
    }

    // MARK: JSON API

    /// One write-up in the data API. Absent optional fields are left out; keys are written
    /// sorted (see JSONValue).
    func apiInitiative(_ index: Int) -> JSONValue {
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
    func apiJSON() -> [UInt8] {
        let count = catalog.initiatives.count
        let initiatives = catalog.initiatives
        let digests = apiDigests
        let parts = concurrentMap(count) { index in
            let make = {
                var writer = JSONWriter(style: .dataAPI, capacity: 4096)
                writer.value(apiInitiative(index), indent: 4)
                return writer.bytes
            }
            return fragments?.bytes("api:" + initiatives[index].slug, digest: digests[index], make: make) ?? make()
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
        "tags", "updated", "url",
    ]

    /// `;`-separated UTF-8 with BOM and CRLF: what Dutch Excel opens correctly by double-click.
    func apiCSV() -> String {
        let initiatives = catalog.initiatives
        let rows = concurrentMap(initiatives.count) { index in
            let make = { Array(csvRow(initiatives[index]).utf8) }
            let digest = site.digest("csv", front: [index])
            return String(decoding: fragments?.bytes("csv:" + initiatives[index].slug, digest: digest, make: make) ?? make(), as: UTF8.self)
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

    // MARK: Feed, sitemap, robots

    static func xml(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // Control characters are not allowed in XML 1.0 at all.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    func isoTimestamp(_ initiative: Initiative) -> String {
        if let updated = initiative.updated { return "\(updated)T00:00:00Z" }
        let start = initiative.period.start
        return "\(start.year)-\(String(format: "%02d", start.month ?? 1))-01T00:00:00Z"
    }

    func feed() -> String {
        let entries = catalog.newest.prefix(Self.feedSize).map { catalog.initiatives[$0] }
        let updated = entries.map(isoTimestamp).max() ?? "2000-01-01T00:00:00Z"
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(strings.language.rawValue)">
              <title>\(Self.xml(site.config.title))</title>
              <subtitle>\(Self.xml(site.config.description))</subtitle>
              <id>\(Self.xml(urls.absolute(urls.home)))</id>
              <link rel="alternate" type="text/html" href="\(Self.xml(urls.absolute(urls.home)))"/>
              <link rel="self" type="application/atom+xml" href="\(Self.xml(urls.absolute(urls.feed)))"/>
              <updated>\(updated)</updated>

            """
        for i in entries {
            let link = Self.xml(urls.absolute(urls.initiative(i.slug)))
            let region = site.reference.region(code: i.regionCode)?.name ?? ""
            out += """
                  <entry>
                    <title>\(Self.xml(i.title))</title>
                    <id>\(link)</id>
                    <link rel="alternate" type="text/html" href="\(link)"/>
                    <updated>\(isoTimestamp(i))</updated>
                    <author><name>\(Self.xml(i.partners.first?.name ?? site.config.title))</name></author>
                    <category term="\(Self.xml(i.types.first ?? ""))" label="\(Self.xml(site.reference.type(key: i.types.first ?? "")?.label ?? ""))"/>
                    <summary type="text">\(Self.xml(i.summary + (region.isEmpty ? "" : " (\(region))")))</summary>
                  </entry>

                """
        }
        return out + "</feed>\n"
    }

    func sitemap() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        var lastmod: [String: String] = [:]
        for i in catalog.initiatives { if let updated = i.updated { lastmod[urls.initiative(i.slug)] = updated } }
        for url in pageURLs where url != urls.notFound {
            out += "  <url><loc>\(Self.xml(urls.absolute(url)))</loc>"
            if let date = lastmod[url] { out += "<lastmod>\(date)</lastmod>" }
            out += "</url>\n"
        }
        return out + "</urlset>\n"
    }

    func robots() -> String {
        "User-agent: *\nAllow: /\nSitemap: \(urls.absolute(urls.sitemap))\n"
    }
}
