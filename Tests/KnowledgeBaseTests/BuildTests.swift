import Foundation
import Testing

@testable import KnowledgeBase

@Suite("kb build")
struct BuildTests {
    @Test("every page kind exists at its URL for the sample site")
    func samplePages() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("kb-sample-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let result = try Pipeline.build(BuildOptions(siteDirectory: projectRoot, outputDirectory: out))
        #expect(result.wrote, "sample site must build: \(result.site.diagnostics)")
        #expect(!result.site.diagnostics.hasErrors)
        #expect(result.site.catalog.initiatives.count >= 12)
        let regions = Set(result.site.catalog.initiatives.map(\.regionCode))
        #expect(regions.count >= 8)
        let types = Set(result.site.catalog.initiatives.flatMap(\.types))
        #expect(types.count == 9)
        let org = try #require(result.site.catalog.organisations.first)
        let first = try #require(result.site.catalog.initiatives.first)
        for path in [
            "index.html", "initiatieven/index.html", "initiatieven/\(first.slug)/index.html", "regio/index.html",
            "regio/arnhem/index.html", "regio/t-gooi/index.html", "type/index.html", "type/centraal-persoon/index.html",
            "organisatie/index.html", "organisatie/\(org.slug)/index.html", "zoeken/index.html", "zoeken/index.json",
            "api/initiatieven.json", "api/initiatieven.csv", "feed.xml", "sitemap.xml", "404.html", "robots.txt",
            "assets/kb.css",
        ] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(path).path), "missing \(path)")
        }
    }

    @Test("a folder with only content/initiatieven/*.md builds with built-in templates and reference data")
    func minimalSite() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("arrangeur-ede", writeUp())
        let result = try site.build()
        #expect(result.wrote)
        let page = try #require(site.page("initiatieven/arrangeur-ede/index.html"))
        #expect(page.contains("<h1"))
        #expect(page.contains("Arrangeur voor kwetsbare ouderen in Ede"))
        #expect(page.contains("lang=\"nl\""))
        #expect(site.page("regio/index.html")?.contains("Zuid-Limburg") == true, "all 31 regions listed, also without initiatives")
    }

    @Test("business case and results in Dutch format with a verdict")
    func dutchFigures() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative(
            "ede",
            writeUp(
                extra: """
                    business_case:
                      investment: 180000
                      contributions: {zorgkantoor: 60000, gemeente: 120000}
                      expected_wlz_savings: 240000
                      horizon_years: 3
                      realised_wlz_savings: 210000
                    results:
                      participants: 40
                      admissions_prevented_or_delayed_pct: 62.5
                      average_delay_months: 8
                    """,
                partners: "  - {name: Menzis Zorgkantoor, kind: zorgkantoor}\n  - {name: Gemeente Ede, kind: gemeente}"))
        try site.build()
        let page = try #require(site.page("initiatieven/ede/index.html"))
        for text in ["€ 180.000", "€ 60.000", "€ 120.000", "€ 240.000", "€ 210.000", "62,5%", "8 maanden", "3 jaar", "€ 4,00", "Positieve businesscase"] {
            #expect(page.contains(text), "missing \(text)")
        }
    }

    @Test("a business case where savings do not cover the zorgkantoor says so")
    func negativeVerdict() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative(
            "duur",
            writeUp(
                extra: "business_case: {investment: 100000, contributions: {zorgkantoor: 100000}, expected_wlz_savings: 50000}",
                partners: "  - {name: CZ Zorgkantoor, kind: zorgkantoor}\n  - {name: Gemeente Breda, kind: gemeente}"))
        let result = try site.build()
        #expect(result.site.diagnostics.contains { $0.code == .negativeBusinessCase && $0.severity == .warning })
        let page = try #require(site.page("initiatieven/duur/index.html"))
        #expect(page.contains("Geen positieve businesscase"))
        #expect(!page.contains("Positieve businesscase"))
    }

    @Test("related initiatives: same type in another region first, then same region; links to region, type, organisation")
    func relatedAndLinks() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("a-ede", writeUp(title: "A in Ede", type: "centraal-persoon", region: "Arnhem"))
        try site.initiative("b-dongen", writeUp(title: "B in Dongen", type: "centraal-persoon", region: "Midden-Brabant"))
        try site.initiative("c-arnhem", writeUp(title: "C in Arnhem", type: "ontmoeting", region: "ZK04"))
        try site.initiative("d-zeeland", writeUp(title: "D in Zeeland", type: "respijtzorg", region: "Zeeland", partners: "  - {name: Zeeuwse Zorg, kind: zorgaanbieder}"))
        let result = try site.build()
        let catalog = result.site.catalog
        let a = try #require(catalog.bySlug["a-ede"])
        #expect(catalog.related[a].map { catalog.initiatives[$0].slug } == ["b-dongen", "c-arnhem"])
        let page = try #require(site.page("initiatieven/a-ede/index.html"))
        let related = try #require(page.range(of: "/initiatieven/b-dongen/")).lowerBound
        let sameRegion = try #require(page.range(of: "/initiatieven/c-arnhem/")).lowerBound
        #expect(related < sameRegion)
        #expect(!page.contains("/initiatieven/d-zeeland/"))
        #expect(page.contains("href=\"/regio/arnhem/\""))
        #expect(page.contains("href=\"/type/centraal-persoon/\""))
        #expect(page.contains("href=\"/organisatie/gemeente-ede/\""))
        let region = try #require(site.page("regio/arnhem/index.html"))
        #expect(region.contains("/initiatieven/a-ede/") && region.contains("/initiatieven/c-arnhem/"))
        #expect(!region.contains("/initiatieven/b-dongen/"))
        let org = try #require(site.page("organisatie/gemeente-ede/index.html"))
        #expect(org.contains("/initiatieven/a-ede/") && org.contains("/initiatieven/b-dongen/"))
        #expect(!org.contains("/initiatieven/d-zeeland/"))
        let type = try #require(site.page("type/centraal-persoon/index.html"))
        #expect(type.contains("/initiatieven/a-ede/") && type.contains("/initiatieven/b-dongen/"))
    }

    @Test("drafts are left out unless --drafts")
    func drafts() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("gepubliceerd", writeUp(title: "Gepubliceerd"))
        try site.initiative("concept", writeUp(title: "Geheim concept", extra: "draft: true"))
        try site.build()
        #expect(site.page("initiatieven/concept/index.html") == nil)
        for path in ["index.html", "initiatieven/index.html", "api/initiatieven.json", "api/initiatieven.csv", "feed.xml", "sitemap.xml", "zoeken/index.json"] {
            #expect(site.page(path)?.contains("Geheim concept") == false, "draft leaked into \(path)")
        }
        try site.build(drafts: true)
        #expect(site.page("initiatieven/concept/index.html")?.contains("Geheim concept") == true)
    }

    @Test("front-matter text is escaped in every page, feed, JSON and CSV")
    func escaping() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        let attack = "<script>alert(1)</script>"
        try site.initiative(
            "xss",
            writeUp(
                title: "\"\(attack)\"", summary: "\"<img src=x onerror=alert(2)>\"", extra: "tags: [\"<b>vet</b>\"]\nmunicipalities: [\"<i>Ede</i>\"]",
                partners: "  - {name: \"<iframe src=x></iframe>\", kind: gemeente}",
                body: "## Kop\n\n<script>alert(3)</script>\n\n<iframe src=\"https://evil.example\"></iframe>\n"))
        let result = try site.build()
        #expect(result.wrote)
        let files = site.snapshot()
        #expect(files.count > 10)
        // CSV is data, not markup: there the text must survive CSV quoting exactly (checked below).
        for (path, data) in files where !path.hasPrefix("/assets/") && !path.hasSuffix(".csv") {
            let text = String(decoding: data, as: UTF8.self)
            for raw in ["<script>alert", "<img src=x", "<iframe", "<b>vet", "<i>Ede"] {
                #expect(!text.contains(raw), "\(raw) unescaped in \(path)")
            }
        }
        #expect(site.page("initiatieven/xss/index.html")?.contains("&lt;script&gt;alert(1)&lt;/script&gt;") == true)
        let csv = try #require(site.page("api/initiatieven.csv"))
        #expect(csv.contains("\nxss;<script>alert(1)</script>;<img src=x onerror=alert(2)>;"), "text kept exactly, one field each")
    }

    @Test("CSV cells that Excel would run as a formula are defused")
    func csvFormula() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("formule", writeUp(title: "\"=HYPERLINK(\\\"http://x\\\")\"", summary: "\"+1;2\""))
        try site.build()
        let csv = try #require(site.page("api/initiatieven.csv"))
        let row = try #require(csv.components(separatedBy: "\r\n").dropFirst().first)
        #expect(row.hasPrefix("formule;\"'=HYPERLINK(\"\"http://x\"\")\";\"'+1;2\";"))
    }

    @Test("relative links between write-ups point to the right page and anchor")
    func relativeLinks() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("een", writeUp(title: "Een", body: "## Aanleiding\n\nZie [twee](twee.md#geleerde-lessen) en [ook](twee.md).\n"))
        try site.initiative("twee", writeUp(title: "Twee", body: "## Geleerde lessen\n\nTekst.\n"))
        try site.build(baseURL: "https://example.nl/kb/")
        let page = try #require(site.page("initiatieven/een/index.html"))
        #expect(page.contains("href=\"/kb/initiatieven/twee/#geleerde-lessen\""))
        #expect(page.contains("href=\"/kb/initiatieven/twee/\""))
        let target = try #require(site.page("initiatieven/twee/index.html"))
        #expect(target.contains("id=\"geleerde-lessen\""))
    }

    @Test("a site served from a sub-path links everything under it")
    func subPath() throws {
        let site = try FixtureSite(files: ["kb.yml": "base_url: https://zorg.example.nl/kennisbank\n"])
        defer { site.remove() }
        try site.initiative("ede", writeUp())
        try site.build()
        let home = try #require(site.page("index.html"))
        let hrefs = home.components(separatedBy: "href=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(!hrefs.isEmpty)
        for href in hrefs where href.hasPrefix("/") {
            #expect(href.hasPrefix("/kennisbank/"), "link \(href) escapes the sub-path")
        }
        #expect(site.page("sitemap.xml")?.contains("<loc>https://zorg.example.nl/kennisbank/initiatieven/ede/</loc>") == true)
        #expect(site.page("feed.xml")?.contains("https://zorg.example.nl/kennisbank/initiatieven/ede/") == true)
    }

    @Test("data API: JSON with stable fields, CSV for Dutch Excel")
    func dataAPI() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative(
            "ede", writeUp(extra: "results: {admissions_prevented_or_delayed_pct: 62.5}\nbusiness_case: {investment: 1000, expected_wlz_savings: 2000}"))
        try site.build()
        let json = try #require(site.page("api/initiatieven.json"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let items = try #require(object["initiatives"] as? [[String: Any]])
        #expect(items.count == 1)
        #expect(items[0]["slug"] as? String == "ede")
        #expect((items[0]["region"] as? [String: Any])?["code"] as? String == "ZK04")
        #expect((items[0]["business_case"] as? [String: Any])?["investment"] as? Int == 1000)
        let csv = try #require(try? Data(contentsOf: site.output.appendingPathComponent("api/initiatieven.csv")))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0].hasPrefix("slug;title;summary;"))
        #expect(lines[1].hasPrefix("ede;Arrangeur voor kwetsbare ouderen in Ede;"))
        #expect(lines[1].contains(";62,5;"))
    }

    @Test("broken front matter is reported with its line and column and nothing is written")
    func brokenFrontMatter() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("ede", writeUp(region: "Midden Brabant"))
        try site.initiative("fout", "---\ntitle: Fout\nsummary: [niet gesloten\n---\n")
        let result = try site.build()
        #expect(!result.wrote)
        let region = try #require(result.site.diagnostics.first { $0.code == .unknownRegion })
        #expect(region.description == "content/initiatieven/ede.md:5:9: error: onbekende regio \"Midden Brabant\" (bedoelde u \"Midden-Brabant\"?)")
        let yaml = try #require(result.site.diagnostics.first { $0.file == "content/initiatieven/fout.md" })
        #expect(yaml.code == .yamlSyntax)
        #expect(yaml.line == 3 && yaml.column == 10, "points at the '[' that is never closed: \(yaml)")
        #expect(yaml.message.contains("']'"))
        #expect(!FileManager.default.fileExists(atPath: site.output.path))
    }

    @Test("a failed build leaves the existing output folder untouched")
    func failedBuildKeepsOutput() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("ede", writeUp())
        try site.build()
        let before = site.snapshot()
        #expect(!before.isEmpty)
        try site.initiative("ede", writeUp(title: "Nieuwe titel", status: "bezig"))
        let result = try site.build()
        #expect(!result.wrote)
        #expect(result.site.diagnostics.contains { $0.code == .invalidValue && $0.line == 6 })
        #expect(site.snapshot() == before)
    }

    @Test("unknown status and type name the allowed values")
    func unknownValues() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("ede", writeUp(type: "arrangeur", status: "geëvalueerd"))
        let diagnostics = site.check().diagnostics
        let type = try #require(diagnostics.first { $0.code == .unknownType })
        #expect(type.line == 4 && type.column == 7)
        let status = try #require(diagnostics.first { $0.code == .invalidValue })
        #expect(status.message.contains("bedoelde u \"geevalueerd\"?"))
    }
}
