import Foundation
import Testing

@testable import KnowledgeBase

@Suite("languages")
struct LanguageTests {
    @Test("the sample site built with language: en shows no Dutch UI string")
    func englishBuild() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        let content = projectRoot.appendingPathComponent("content/initiatieven")
        var contentText = try String(contentsOf: projectRoot.appendingPathComponent("kb.yml"), encoding: .utf8)
        for name in try FileManager.default.contentsOfDirectory(atPath: content.path) where name.hasSuffix(".md") {
            let text = try String(contentsOf: content.appendingPathComponent(name), encoding: .utf8)
            try site.initiative(String(name.dropLast(3)), text)
            contentText += text
        }
        try site.write("kb.yml", "language: en\n")
        let result = try site.build()
        #expect(result.wrote)

        let nl = Strings(language: .nl)
        let en = Strings(language: .en)
        #expect(nl.allKeys == en.allKeys, "both catalogs have the same keys")
        // Dutch UI strings: every catalog value that differs in English and is not also words of
        // the (Dutch) content itself, which an English UI still shows as written.
        let dutch = nl.allKeys.compactMap { key -> String? in
            guard let value = nl.value(forKey: key), value != en.value(forKey: key), value.count >= 4, !value.contains("{") else { return nil }
            return value
        }.filter { !contentText.contains($0) }
        #expect(dutch.count > 50)
        var pages = 0
        for (path, data) in site.snapshot() where path.hasSuffix(".html") {
            pages += 1
            let html = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "&#39;", with: "'")
            #expect(html.contains("<html lang=\"en\">"), "\(path)")
            for text in dutch where html.contains(">\(text)<") || html.contains("\"\(text)\"") {
                Issue.record("Dutch UI text \"\(text)\" in \(path)")
            }
        }
        #expect(pages > 40)
        // The same check on the Dutch build must find those strings, or it proves nothing.
        try site.write("kb.yml", "language: nl\n")
        let dutchOut = site.root.appendingPathComponent("nl")
        _ = try Pipeline.build(BuildOptions(siteDirectory: site.root, outputDirectory: dutchOut))
        let home = try String(contentsOf: dutchOut.appendingPathComponent("index.html"), encoding: .utf8).replacingOccurrences(of: "&#39;", with: "'")
        #expect(dutch.filter { home.contains(">\($0)<") || home.contains("\"\($0)\"") }.count >= 10)
        let page = try #require(site.page("initiatieven/arrangeur-ede/index.html"))
        #expect(page.contains("62.5%") && page.contains("8 months"))
        #expect(page.contains("January 2018"))
        #expect(page.contains("Care coordinator / central contact"))
    }
}
