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
}
