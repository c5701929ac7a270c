import Foundation

/// The machine-readable outputs: data API (JSON, CSV), Atom feed, sitemap, robots.txt and the
/// search index. Field names here are a public contract, documented in the README.
struct DataOutputs {
    let site: CheckedSite
    let urls: SiteURLs
    let strings: Strings
    let formats: Formats
    let pageURLs: [String]

    var catalog: Catalog { site.catalog }

    func all() -> [OutputFile] { producers.map { $0() } }

    /// Each output as its own job, so they render in parallel with the pages.
    var producers: [() -> OutputFile] {
        let data = self
        return [
            { OutputFile(path: data.urls.outputPath(for: data.urls.apiJSON), bytes: data.apiJSON()) },
            { OutputFile(path: data.urls.outputPath(for: data.urls.apiCSV), text: data.apiCSV()) },
            { OutputFile(path: data.urls.outputPath(for: data.urls.feed), text: data.feed()) },
            { OutputFile(path: data.urls.outputPath(for: data.urls.sitemap), text: data.sitemap()) },
            { OutputFile(path: "robots.txt", text: data.robots()) },
        ]
    }

    // MARK: JSON API

    struct APIDocument: Encodable {
        var version = 1
        var site: String
        var count: Int
        var initiatives: [APIInitiative]
    }

    struct APIInitiative: Encodable {
        struct Region: Encodable { var code, name, url: String }
        struct TypeRef: Encodable { var key, label: String }
        struct PeriodValue: Encodable { var start: String; var end: String? }
        struct PartnerValue: Encodable { var name, kind, organisation_url: String }
        struct Contribution: Encodable { var kind: String; var amount: Int }
        struct BusinessCaseValue: Encodable {
            var investment: Int
            var contributions: [Contribution]
            var expected_wlz_savings: Int
            var horizon_years: Int?
            var realised_wlz_savings: Int?
            var zorgkantoor_contribution: Int
            var positive: Bool
            var savings_per_zorgkantoor_euro: Double?
        }
        struct ResultsValue: Encodable {
            var participants: Int?
            var admissions_prevented_or_delayed_pct: Double?
            var average_delay_months: Double?
            var quality_of_life, caregiver_burden, evaluator: String?
        }
        struct SourceValue: Encodable { var title, url: String }
        struct ContactValue: Encodable { var name, organisation, email: String? }

        var slug, url, title, summary: String
        var types: [TypeRef]
        var region: Region
        var municipalities: [String]
        var status: String
        var period: PeriodValue
        var partners: [PartnerValue]
        var funding: [String]
        var business_case: BusinessCaseValue?
        var results: ResultsValue?
        var evidence_level: String?
        var tags: [String]
        var sources: [SourceValue]
        var contact: ContactValue?
        var updated: String?
        var related: [String]
    }

    func apiInitiative(_ index: Int) -> APIInitiative {
        let i = catalog.initiatives[index]
        let region = site.reference.region(code: i.regionCode)
        return APIInitiative(
            slug: i.slug, url: urls.absolute(urls.initiative(i.slug)), title: i.title, summary: i.summary,
            types: i.types.map { .init(key: $0, label: site.reference.type(key: $0)?.label ?? $0) },
            region: .init(code: i.regionCode, name: region?.name ?? "", url: urls.absolute(urls.region(region?.slug ?? ""))),
            municipalities: i.municipalities, status: i.status.rawValue,
            period: .init(start: i.period.start.description, end: i.period.end?.description),
            partners: i.partners.map {
                .init(name: $0.name, kind: $0.kind.rawValue, organisation_url: urls.absolute(urls.organisation(Text.slug($0.name))))
            },
            funding: i.funding.map(\.rawValue),
            business_case: i.businessCase.map { bc in
                .init(
                    investment: bc.investment, contributions: bc.contributions.map { .init(kind: $0.kind.rawValue, amount: $0.amount) },
                    expected_wlz_savings: bc.expectedWlzSavings, horizon_years: bc.horizonYears,
                    realised_wlz_savings: bc.realisedWlzSavings, zorgkantoor_contribution: bc.zorgkantoorContribution,
                    positive: bc.isPositive,
                    savings_per_zorgkantoor_euro: bc.savingsPerZorgkantoorEuro.map { ($0 * 100).rounded() / 100 })
            },
            results: i.results.map { r in
                .init(
                    participants: r.participants, admissions_prevented_or_delayed_pct: r.admissionsPreventedOrDelayedPct,
                    average_delay_months: r.averageDelayMonths, quality_of_life: r.qualityOfLife, caregiver_burden: r.caregiverBurden,
                    evaluator: r.evaluator)
            },
            evidence_level: i.evidenceLevel?.rawValue, tags: i.tags, sources: i.sources.map { .init(title: $0.title, url: $0.url) },
            contact: i.contact.map { .init(name: $0.name, organisation: $0.organisation, email: $0.email) },
            updated: i.updated, related: catalog.related[index].map { catalog.initiatives[$0].slug })
    }

    func apiJSON() -> [UInt8] {
        let document = APIDocument(
            site: site.config.title, count: catalog.initiatives.count, initiatives: catalog.initiatives.indices.map(apiInitiative))
        return Self.encode(document)
    }

    /// Sorted keys for stable output; <, > and & as \u escapes so the JSON is safe to embed anywhere.
    static func encode<T: Encodable>(_ value: T, pretty: Bool = true) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return embeddable((try? encoder.encode(value)) ?? Data("{}".utf8))
    }

    /// <, > and & as \u escapes: still the same JSON, and safe inside HTML or a script tag.
    static func embeddable(_ data: Data) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        for byte in data {
            switch byte {
            case UInt8(ascii: "<"): out += Array("\\u003c".utf8)
            case UInt8(ascii: ">"): out += Array("\\u003e".utf8)
            case UInt8(ascii: "&"): out += Array("\\u0026".utf8)
            default: out.append(byte)
            }
        }
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
        var rows = [Self.csvColumns.joined(separator: ";")]
        for i in catalog.initiatives {
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
            rows.append(fields.map(Self.csvField).joined(separator: ";"))
        }
        return "\u{FEFF}" + rows.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes when needed; a leading =, +, - or @ is defused so Excel never runs it as a formula.
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        if text.contains(";") || text.contains("\"") || text.contains("\n") || text.contains("\r") || text.hasPrefix("'") {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
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
        let entries = catalog.newest.prefix(50).map { catalog.initiatives[$0] }
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
