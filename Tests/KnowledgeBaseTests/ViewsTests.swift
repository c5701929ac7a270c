import Foundation
import Testing

@testable import KnowledgeBase

/// The views of issue #15 read as a reader checks them: the business-case table on type and
/// region pages, coverage of the regions, gaps on region pages, the national monitor.
@Suite struct ViewsTests {
    /// Three write-ups: two arrangeurs (Arnhem with a positive business case, Twente with a
    /// negative one) and a respijtzorg write-up in Arnhem without one.
    static func fixture() throws -> FixtureSite {
        let site = try FixtureSite()
        try site.initiative(
            "ede",
            writeUp(
                extra: """
                    business_case:
                      investment: 180000
                      contributions: {zorgkantoor: 60000, gemeente: 120000}
                      expected_wlz_savings: 240000
                      realised_wlz_savings: 210000
                    results: {participants: 40, admissions_prevented_or_delayed_pct: 62.5}
                    evidence_level: goed-onderbouwd
                    """,
                partners: "  - {name: Menzis Zorgkantoor, kind: zorgkantoor}\n  - {name: Gemeente Ede, kind: gemeente}"))
        try site.initiative(
            "enschede",
            writeUp(
                title: "Arrangeur in Enschede", region: "Twente", status: "lopend",
                extra: """
                    business_case:
                      investment: 90000
                      contributions: {zorgkantoor: 90000}
                      expected_wlz_savings: 45000
                    """,
                partners: "  - {name: Menzis Zorgkantoor, kind: zorgkantoor}\n  - {name: Gemeente Enschede, kind: gemeente}"))
        try site.initiative("logeerhuis", writeUp(title: "Logeerhuis Arnhem", type: "respijtzorg", status: "idee"))
        return site
    }

    /// The cells of the row whose header links to `slug`, as text.
    static func row(_ page: String, _ slug: String) -> [String] {
        guard let start = page.range(of: "<tr data-slug=\"\(slug)\">"), let end = page[start.upperBound...].range(of: "</tr>")
        else { return [] }
        return cells(String(page[start.upperBound..<end.lowerBound]))
    }

    /// The text of every th and td in `html`.
    static func cells(_ html: String) -> [String] {
        let cell = try! NSRegularExpression(pattern: "<t[hd][^>]*>(.*?)</t[hd]>", options: [.dotMatchesLineSeparators])
        return cell.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
            String(html[Range(match.range(at: 1), in: html)!]).replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        }
    }

    @Test("a type table row shows the investment, contribution, savings and ratio of its write-up; unknown cells say so")
    func typeTable() throws {
        let site = try Self.fixture()
        defer { site.remove() }
        try site.build()
        let page = try #require(site.page("type/centraal-persoon/index.html"))
        #expect(page.contains("id=\"vergelijking\""))
        let ede = Self.row(page, "ede")
        #expect(
            ede == [
                "Arrangeur voor kwetsbare ouderen in Ede", "Arnhem", "Geëvalueerd", "januari 2018", "40", "€ 180.000", "€ 60.000",
                "Zorgkantoor, Gemeente", "€ 240.000", "€ 4,00", "€ 210.000", "62,5%", "Goed onderbouwd", "ja",
            ])
        let enschede = Self.row(page, "enschede")
        #expect(enschede[4] == "onbekend" && enschede[9] == "€ 0,50" && enschede[10] == "onbekend")
        #expect(enschede[13] == "nee: businesscase niet positief")
        #expect(page.contains("id=\"grafiek-rendement\""))
        // The respijtzorg write-up is not of this type; on its region page it is, without a business case.
        #expect(Self.row(page, "logeerhuis").isEmpty)
        let arnhem = try #require(site.page("regio/arnhem/index.html"))
        #expect(Self.row(arnhem, "logeerhuis")[5] == "onbekend")
        #expect(Self.row(arnhem, "ede")[5] == "€ 180.000")
        #expect(site.page("regio/amsterdam/index.html")?.contains("id=\"vergelijking\"") == false, "no table without write-ups")
    }

    @Test("a region page lists each type it lacks with up to three examples elsewhere, best evidence and positive business case first")
    func regionGaps() throws {
        let site = try Self.fixture()
        defer { site.remove() }
        // Two more respijtzorg write-ups elsewhere: one effective with a positive case, one without evidence.
        try site.initiative(
            "zeeland", writeUp(title: "Aaa respijt Zeeland", type: "respijtzorg", region: "Zeeland", extra: "evidence_level: geen"))
        try site.initiative(
            "zwolle",
            writeUp(
                title: "Zzz respijt Zwolle", type: "respijtzorg", region: "Zwolle",
                extra: """
                    evidence_level: effectief
                    business_case: {investment: 10000, contributions: {gemeente: 10000}, expected_wlz_savings: 20000}
                    """))
        try site.build()
        let twente = try #require(site.page("regio/twente/index.html"))
        let gaps = String(twente[try #require(twente.range(of: "id=\"nog-niet\"")).lowerBound...])
        #expect(!gaps.contains(">Arrangeur / centraal persoon<"), "Twente has an arrangeur")
        let respijt = String(gaps[try #require(gaps.range(of: ">Respijtzorg<")).lowerBound...].prefix { _ in true })
        let order = ["Zzz respijt Zwolle", "Aaa respijt Zeeland", "Logeerhuis Arnhem"].map { respijt.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil } && order[0]! < order[1]! && order[1]! < order[2]!, "effectief, then geen, then unknown")
        #expect(respijt.contains("Effectief, positieve businesscase"))
        #expect(gaps.contains(">Geclusterd wonen<") && gaps.contains("Nog nergens beschreven."))
        let arnhem = try #require(site.page("regio/arnhem/index.html"))
        #expect(!arnhem[arnhem.range(of: "id=\"nog-niet\"")!.lowerBound...].contains(">Respijtzorg<"))
    }

    @Test("the coverage table has a row per region (31) and a column per type, with the right counts, links and gaps; the tile map has 31 tiles")
    func coverage() throws {
        let site = try Self.fixture()
        defer { site.remove() }
        try site.build()
        let page = try #require(site.page("dekking/index.html"))
        let table = String(page[try #require(page.range(of: "id=\"dekking\"")).lowerBound...])
        let open = try #require(table.range(of: "<tbody>")), close = try #require(table.range(of: "</tbody>"))
        let body = String(table[open.upperBound..<close.lowerBound])
        let rows = body.components(separatedBy: "<tr>").dropFirst()
        #expect(rows.count == 31)
        #expect(rows.allSatisfy { $0.contains("<th scope=\"row\">") && $0.components(separatedBy: "<td").count - 1 == 9 })
        // Type order is /type/'s: centraal-persoon first, respijtzorg fifth.
        let arnhem = try #require(rows.first { $0.contains(">Arnhem<") })
        let cells = Self.cells(arnhem).dropFirst()
        #expect(cells.count == 9 && cells[1].hasPrefix("1") && cells[5].hasPrefix("1") && cells[2].hasPrefix("0"))
        #expect(arnhem.contains("href=\"/zoeken/?type=centraal-persoon&amp;regio=ZK04\""))
        #expect(arnhem.contains("href=\"/zoeken/?type=respijtzorg&amp;regio=ZK04\""))
        #expect(cells[2].contains("nog geen initiatief"), "a gap is said, not only coloured")
        let twente = try #require(rows.first { $0.contains(">Twente<") })
        #expect(twente.contains("regio=ZK22") && !twente.contains("type=respijtzorg"))
        #expect(body.components(separatedBy: "href=\"/zoeken/").count - 1 == 3)
        #expect(page.components(separatedBy: "class=\"tegel tegel-").count - 1 == 31)
        #expect(page.contains("aria-label=\"Arnhem: 2 initiatieven\""))
        #expect(site.page("index.html")?.contains("aria-label=\"Twente: 1 initiatief\"") == true, "the home page has the map too")
    }

    @Test("the monitor's totals and /api/monitor.csv equal the sums of the write-ups; 31 region rows and a total row")
    func monitor() throws {
        let site = try Self.fixture()
        defer { site.remove() }
        try site.build()
        let page = try #require(site.page("monitor/index.html"))
        // ede 180000 (60000 zk + 120000 gemeente, 240000 expected, 210000 realised), enschede 90000 zk, 45000 expected.
        for text in ["€ 285.000", "€ 240.000", "€ 210.000", "1 van 2 (50%)", "€ 150.000", "€ 120.000"] {
            #expect(page.contains(text), "monitor lacks \(text)")
        }
        let status = String(page[try #require(page.range(of: "id=\"monitor-status\"")).lowerBound...])
        let total = String(status[try #require(status.range(of: "<tfoot>")).lowerBound...])
        // initiatives 3; idee 1, gestart 0, lopend 1, geevalueerd 1 ...; evidence: goed-onderbouwd 1, unknown 2.
        #expect(Array(Self.cells(String(total.prefix { _ in true }).components(separatedBy: "</tfoot>")[0]).prefix(12))
            == ["Totaal", "3", "1", "0", "1", "1", "0", "0", "0", "0", "1", "0"])
        let csv = try #require(site.page("api/monitor.csv"))
        #expect(csv.hasPrefix("\u{FEFF}region_code;region;initiatives;status_idee;"))
        let lines = csv.dropFirst().components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.count == 1 + 31 + 1)
        let header = lines[0].components(separatedBy: ";")
        let totalRow = lines.last!.components(separatedBy: ";")
        func value(_ column: String) -> String? { header.firstIndex(of: column).map { totalRow[$0] } }
        #expect(value("region") == "Totaal" && value("initiatives") == "3" && value("business_cases") == "2")
        #expect(value("positive_business_cases") == "1" && value("positive_share_pct") == "50")
        #expect(value("contribution_zorgkantoor") == "150000" && value("contribution_gemeente") == "120000")
        #expect(value("expected_wlz_savings") == "285000" && value("realised_wlz_savings") == "210000")
        #expect(value("expected_wlz_savings_where_realised") == "240000" && value("started_2018") == "3")
        let arnhem = try #require(lines.first { $0.hasPrefix("ZK04;") }).components(separatedBy: ";")
        #expect(arnhem[header.firstIndex(of: "initiatives")!] == "2")
        // The region rows add up to the total in every numeric column but the share.
        for (column, name) in header.enumerated() where column >= 2 && name != "positive_share_pct" {
            let sum = lines.dropFirst().dropLast().reduce(0) { $0 + (Int($1.components(separatedBy: ";")[column]) ?? 0) }
            #expect(String(sum) == totalRow[column], "\(name)")
        }
    }
}
