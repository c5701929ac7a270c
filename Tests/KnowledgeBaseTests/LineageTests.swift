import Foundation
import Testing

@testable import KnowledgeBase

/// `based_on`, `reviewed` and `stopped_reason`: fixture sites built and read as a reader reads
/// the pages (the texts of sections and facts, not the models).
@Suite("lineage")
struct LineageTests {
    /// The visible text of an HTML fragment, whitespace collapsed.
    static func text(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
            .replacingOccurrences(of: " )", with: ")").replacingOccurrences(of: "( ", with: "(")
            .trimmingCharacters(in: .whitespaces)
    }

    /// The items of the "Navolging" section, as text.
    static func followers(_ page: String) -> [String] {
        guard let section = page.range(of: #"<section[^>]*"sectie-navolging">[\s\S]*?</section>"#, options: .regularExpression),
            let list = page[section].range(of: #"<ul class="navolging">[\s\S]*</ul>"#, options: .regularExpression)
        else { return [] }
        return page[list].components(separatedBy: "\n").filter { $0.hasPrefix("<li>") }.map(text)
    }

    static func reach(_ page: String) -> String? {
        page.range(of: #"<p class="bereik">[^<]*</p>"#, options: .regularExpression).map { text(String(page[$0])) }
    }

    /// The value of a fact in "In het kort".
    static func fact(_ page: String, _ label: String) -> String? {
        guard let range = page.range(of: "<dt>\(label)</dt><dd>[\\s\\S]*?</dd>", options: .regularExpression) else { return nil }
        return text(String(page[range]).replacingOccurrences(of: "<dt>\(label)</dt>", with: ""))
    }

    func chain() throws -> FixtureSite {
        let site = try FixtureSite()
        try site.initiative("arrangeur-ede", writeUp(title: "Arrangeur in Ede", region: "Arnhem"))
        try site.initiative(
            "maotwarker-hollandscheveld",
            writeUp(title: "Maotwarker in Hollandscheveld", region: "Drenthe", extra: "based_on: [arrangeur-ede]"))
        try site.initiative(
            "dorpsregisseur-het-hogeland",
            writeUp(title: "Dorpsregisseur in Het Hogeland", region: "ZK09", extra: "based_on: maotwarker-hollandscheveld"))
        return site
    }

    @Test("a chain of three shows on all three pages with the right regions and the count")
    func chainOfThree() throws {
        let site = try chain()
        defer { site.remove() }
        let result = try site.build()
        #expect(result.wrote, "\(result.site.diagnostics)")
        #expect(result.site.diagnostics.isEmpty, "\(result.site.diagnostics)")

        let ede = try #require(site.page("initiatieven/arrangeur-ede/index.html"))
        #expect(
            Self.followers(ede) == [
                "Dorpsregisseur in Het Hogeland (Groningen) via Maotwarker in Hollandscheveld", "Maotwarker in Hollandscheveld (Drenthe)",
            ])
        #expect(Self.reach(ede) == "In 3 van 31 regio's")
        #expect(Self.fact(ede, "Gebaseerd op") == nil)
        #expect(ede.contains(#"<a href="/initiatieven/dorpsregisseur-het-hogeland/">"#))

        let hollandscheveld = try #require(site.page("initiatieven/maotwarker-hollandscheveld/index.html"))
        #expect(Self.fact(hollandscheveld, "Gebaseerd op") == "Arrangeur in Ede (Arnhem)")
        #expect(Self.followers(hollandscheveld) == ["Dorpsregisseur in Het Hogeland (Groningen)"])
        #expect(Self.reach(hollandscheveld) == nil, "only an original shows its reach")

        let hogeland = try #require(site.page("initiatieven/dorpsregisseur-het-hogeland/index.html"))
        #expect(Self.fact(hogeland, "Gebaseerd op") == "Maotwarker in Hollandscheveld (Drenthe)")
        #expect(Self.followers(hogeland) == [])
        #expect(!hogeland.contains("sectie-navolging"))

        let api = try #require(site.page("api/initiatieven.json"))
        #expect(api.contains(#""based_on" : ["#) && api.contains(#""arrangeur-ede""#))
        let csv = try #require(site.page("api/initiatieven.csv"))
        #expect(csv.contains(";based_on;reviewed;stopped_reason\r\n"))
    }

    @Test("two followers in one region count that region once; the total comes from the reference data")
    func reachCountsRegions() throws {
        let site = try chain()
        defer { site.remove() }
        try site.initiative(
            "leefcoach-dongen", writeUp(title: "Leefcoach in Dongen", region: "Drenthe", extra: "based_on: [arrangeur-ede]"))
        try site.write(
            "content/regions.yml",
            """
            - {code: ZK04, name: Arnhem, slug: arnhem}
            - {code: ZK06, name: Drenthe, slug: drenthe}
            - {code: ZK09, name: Groningen, slug: groningen}
            - {code: ZK10, name: Haaglanden, slug: haaglanden}
            """)
        let result = try site.build()
        #expect(result.wrote, "\(result.site.diagnostics)")
        let ede = try #require(site.page("initiatieven/arrangeur-ede/index.html"))
        #expect(Self.reach(ede) == "In 3 van 4 regio's")
        #expect(Self.followers(ede).count == 3)
    }

    @Test("a cycle, an unknown slug and the write-up itself give errors at their line and column")
    func errors() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("a", writeUp(title: "A", extra: "based_on: [b]"))
        try site.initiative("b", writeUp(title: "B", extra: "based_on:\n  - c"))
        try site.initiative("c", writeUp(title: "C", extra: "based_on: [a]"))
        try site.initiative("d", writeUp(title: "D", extra: "based_on: [arangeur-ede]"))
        try site.initiative("arrangeur-ede", writeUp(title: "Ede", extra: "based_on: [arrangeur-ede]"))
        let diagnostics = site.check().diagnostics.sortedForDisplay()
        let found = diagnostics.map { "\($0.file):\($0.line):\($0.column) \($0.code.rawValue)" }
        #expect(
            found == [
                "content/initiatieven/a.md:11:12 KB307", "content/initiatieven/arrangeur-ede.md:11:12 KB306",
                "content/initiatieven/d.md:11:12 KB305",
            ])
        let cycle = try #require(diagnostics.first { $0.code == .basedOnCycle })
        #expect(cycle.severity == .error)
        #expect(cycle.message.contains("a → b → c → a"))
        let unknown = try #require(diagnostics.first { $0.code == .unknownBasedOn })
        #expect(unknown.message.contains("bestaat niet") && unknown.message.contains("\"arrangeur-ede\""))
        #expect(try !site.build().wrote, "a site with errors is not written")
    }

    @Test("reviewed is shown and warned about when older than review_years; a stop says why")
    func reviewedAndStopped() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("oud", writeUp(title: "Oud", extra: "reviewed: 2001-02-03"))
        try site.initiative(
            "gestopt",
            writeUp(title: "Gestopt", status: "gestopt", extra: "stopped_reason: De financiering liep af en niemand nam het over."))
        try site.initiative("zonder-reden", writeUp(title: "Zonder reden", status: "gestopt"))
        let found = site.check().diagnostics.sortedForDisplay().map { "\($0.file):\($0.line):\($0.column) \($0.code.rawValue)" }
        #expect(found == ["content/initiatieven/oud.md:11:11 KB206", "content/initiatieven/zonder-reden.md:6:9 KB205"])
        try site.build()
        let oud = try #require(site.page("initiatieven/oud/index.html"))
        #expect(Self.fact(oud, "Laatst beoordeeld") == "3 februari 2001")
        let gestopt = try #require(site.page("initiatieven/gestopt/index.html"))
        #expect(gestopt.contains(#"<h2 id="sectie-gestopt">Waarom gestopt</h2>"#))
        #expect(gestopt.contains("De financiering liep af en niemand nam het over."))

        try site.write("kb.yml", "review_years: 100\n")
        #expect(site.check().diagnostics.map(\.code) == [.stoppedReason])
    }

    @Test("review dates are judged against today: cutoff and future dates")
    func reviewCutoff() {
        func initiative(_ date: String) -> Initiative {
            Initiative(
                slug: "x", sourcePath: "x.md", title: "X", summary: "", types: [], regionCode: "ZK04", municipalities: [], status: .lopend,
                period: Period(start: YearMonth("2020")!), partners: [], funding: [], businessCase: nil, results: nil, evidenceLevel: nil,
                tags: [], sources: [], contact: nil, updated: nil, draft: false, body: MarkdownDocument(html: "", plainText: "", headings: [], links: []),
                reviewed: Dated(date: date, line: 3, column: 11))
        }
        let today = "2026-12-06"
        #expect(LineageChecker.reviews([initiative("2023-12-06")], years: 3, today: today).isEmpty)
        #expect(LineageChecker.reviews([initiative("2023-12-05")], years: 3, today: today).count == 1)
        #expect(LineageChecker.reviews([initiative("2026-12-07")], years: 3, today: today).first?.message.contains("na vandaag") == true)
    }
}
