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
        let row = String(page[start.upperBound..<end.lowerBound])
        let cell = try! NSRegularExpression(pattern: "<t[hd][^>]*>(.*?)</t[hd]>", options: [.dotMatchesLineSeparators])
        return cell.matches(in: row, range: NSRange(row.startIndex..., in: row)).map { match in
            String(row[Range(match.range(at: 1), in: row)!]).replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
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
}
