import Foundation
import Testing

@testable import KnowledgeBase

@Suite("incremental builds")
struct IncrementalTests {
    /// Builds `site` incrementally, then the same content cleanly into another folder, and
    /// compares every byte.
    func expectSameAsClean(_ site: FixtureSite, _ step: String) throws {
        let result = try site.build()
        #expect(result.wrote, "\(step): \(result.site.diagnostics)")
        let clean = site.root.appendingPathComponent("clean-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: clean) }
        var options = BuildOptions(siteDirectory: site.root, outputDirectory: clean)
        options.cache = false  // a clean build parses every file itself
        _ = try Pipeline.build(options)
        var cleanFiles: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: clean, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if !url.hasDirectoryPath { cleanFiles[String(url.path.dropFirst(clean.path.count))] = try Data(contentsOf: url) }
        }
        let incremental = site.snapshot()
        #expect(Set(incremental.keys) == Set(cleanFiles.keys), "\(step): same files")
        // Folders too: a removed write-up must not leave its page's folder behind.
        let extraOrMissing = folders(site.output).symmetricDifference(folders(clean))
        #expect(extraOrMissing.isEmpty, "\(step): same folders")
        for (path, data) in cleanFiles where incremental[path] != data {
            Issue.record("\(step): \(path) differs from a clean build")
        }
    }

    func folders(_ root: URL) -> Set<String> {
        var out: Set<String> = []
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = walker?.nextObject() as? URL {
            if url.hasDirectoryPath { out.insert(String(url.path.dropFirst(root.path.count))) }
        }
        return out
    }

    @Test("edits that move related pages, region sums and the search index give the clean build's bytes")
    func editsMatchCleanBuild() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        let bc = "business_case: {investment: 1000, contributions: {gemeente: 1000}, expected_wlz_savings: 2000}"
        try site.initiative("a", writeUp(title: "Arrangeur Ede", type: "centraal-persoon", region: "Arnhem", extra: bc))
        try site.initiative("b", writeUp(title: "Leefcoach Dongen", type: "centraal-persoon", region: "Midden-Brabant", extra: bc))
        try site.initiative("c", writeUp(title: "Ontmoeting Arnhem", type: "ontmoeting", region: "Arnhem", body: "## Aanleiding\n\nEenzaamheid.\n"))
        try expectSameAsClean(site, "first build")

        let noop = try site.build()
        #expect(noop.upToDate, "nothing changed, nothing to do")
        try expectSameAsClean(site, "no-op")

        // Title of b appears on a's page (related), the lists, the API and the search index.
        try site.initiative("b", writeUp(title: "Leefcoach voor ouderen in Dongen", type: "centraal-persoon", region: "Midden-Brabant", extra: bc))
        try expectSameAsClean(site, "title edit")
        #expect(site.page("initiatieven/a/index.html")?.contains("Leefcoach voor ouderen in Dongen") == true)

        // Moving b to Arnhem changes both regions' sums and a's related order.
        try site.initiative("b", writeUp(title: "Leefcoach voor ouderen in Dongen", type: "centraal-persoon", region: "Arnhem", extra: bc))
        try expectSameAsClean(site, "region edit")
        #expect(site.page("regio/arnhem/index.html")?.contains("€ 2.000") == true)

        // A new word in a body lands in the search index.
        try site.initiative("c", writeUp(title: "Ontmoeting Arnhem", type: "ontmoeting", region: "Arnhem", body: "## Aanleiding\n\nEenzaamheid en zingeving.\n"))
        try expectSameAsClean(site, "body edit")

        // A new write-up and a removed one.
        try site.initiative("d", writeUp(title: "Logeerhuis Zeeland", type: "respijtzorg", region: "Zeeland"))
        try expectSameAsClean(site, "file added")
        try FileManager.default.removeItem(at: site.root.appendingPathComponent("content/initiatieven/a.md"))
        try expectSameAsClean(site, "file removed")
        #expect(site.page("initiatieven/a/index.html") == nil)

        // A template override counts as an input too.
        try site.write("templates/404.mustache", "{{<layout}}{{$content}}<h1>Weg</h1>{{/content}}{{/layout}}")
        try expectSameAsClean(site, "template added")
        #expect(site.page("404.html")?.contains("<h1>Weg</h1>") == true)
    }

    @Test("a hand-deleted output file is noticed: the next build writes the whole site again")
    func damagedOutput() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("a", writeUp())
        try site.build()
        try FileManager.default.removeItem(at: site.output.appendingPathComponent("regio/arnhem/index.html"))
        let again = try site.build()
        #expect(!again.upToDate)
        #expect(site.page("regio/arnhem/index.html") != nil)
    }

    @Test("a resized, added or replaced output file makes the next build write the site again, never a no-op")
    func changedOutput() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("a", writeUp())
        try site.build()
        let fm = FileManager.default
        let page = site.output.appendingPathComponent("initiatieven/a/index.html")
        let original = try Data(contentsOf: page)
        #expect(try site.build().upToDate, "nothing changed yet")

        // One byte longer, deep in the tree.
        try (original + Data("x".utf8)).write(to: page)
        #expect(try !site.build().upToDate, "resized page")
        #expect(try Data(contentsOf: page) == original)
        #expect(try site.build().upToDate)

        // A file kb did not write, in a folder it did, and a new folder of its own.
        try Data("stray".utf8).write(to: site.output.appendingPathComponent("regio/stray.html"))
        #expect(try !site.build().upToDate, "added file")
        #expect(!fm.fileExists(atPath: site.output.appendingPathComponent("regio/stray.html").path))
        try fm.createDirectory(at: site.output.appendingPathComponent("extra/deeper"), withIntermediateDirectories: true)
        try Data("stray".utf8).write(to: site.output.appendingPathComponent("extra/deeper/x.html"))
        #expect(try !site.build().upToDate, "added folder")
        #expect(!fm.fileExists(atPath: site.output.appendingPathComponent("extra").path))

        // A page replaced by a link to a file of the same size.
        let copy = site.root.appendingPathComponent("copy.html")
        try original.write(to: copy)
        try fm.removeItem(at: page)
        try fm.createSymbolicLink(at: page, withDestinationURL: copy)
        #expect(try !site.build().upToDate, "page replaced by a link")
        #expect(try fm.attributesOfItem(atPath: page.path)[.type] as? FileAttributeType == .typeRegular)
        #expect(try Data(contentsOf: page) == original)
        #expect(try site.build().upToDate)
    }

    @Test("damaged or cut-short caches are ignored, never trusted")
    func damagedCaches() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("a", writeUp(title: "Arrangeur Ede", type: "centraal-persoon", region: "Arnhem"))
        try site.initiative("b", writeUp(title: "Leefcoach Dongen", type: "centraal-persoon", region: "Midden-Brabant"))
        try expectSameAsClean(site, "first build")
        let cache = site.root.appendingPathComponent(".kb-cache")
        let names = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        for name in ["files.cache", "cards.cache", "data.cache", "related.cache"] { #expect(names.contains(name), "\(name) written") }

        // Cut the files table short and flip one byte inside the others (in the middle of a
        // card's HTML, say, where nothing but a checksum notices), then change a write-up.
        let parse = cache.appendingPathComponent("files.cache")
        let bytes = try Data(contentsOf: parse)
        try bytes.prefix(bytes.count / 2).write(to: parse)
        for name in ["cards.cache", "data.cache", "related.cache"] {
            var flipped = try Data(contentsOf: cache.appendingPathComponent(name))
            flipped[flipped.count * 2 / 3] ^= 0x01
            try flipped.write(to: cache.appendingPathComponent(name))
        }
        try site.initiative("b", writeUp(title: "Leefcoach voor ouderen in Dongen", type: "centraal-persoon", region: "Arnhem"))
        try expectSameAsClean(site, "after damage")
        #expect(site.page("initiatieven/a/index.html")?.contains("Leefcoach voor ouderen in Dongen") == true)
    }

    @Test("the search index from cached token blocks is the clean build's, also after the cache was damaged")
    func searchCache() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        // Enough write-ups for several token blocks (about 128 each).
        let words = ["mantelzorg", "ondersteuning", "wijk", "dementie", "cliënt", "ouderen", "respijt", "zorg", "buurt", "coördinatie"]
        for n in 0..<400 {
            let body = (0..<30).map { words[($0 * 7 + n * 3 + $0 * n) % words.count] }.joined(separator: " ")
            try site.initiative(String(format: "w%03d", n), writeUp(title: "Initiatief \(n)", body: "## Aanleiding\n\n\(body).\n"))
        }
        try expectSameAsClean(site, "first build")
        // A new table each time: it reads the file as the next build would.
        let records = { BuildMemo(BuildOptions(siteDirectory: site.root)).searchBlocks.storedRecords() }
        let url = try #require(BuildMemo(BuildOptions(siteDirectory: site.root)).searchBlocks.fileURL)
        let first = records()
        #expect(first >= 2, "several blocks cached")

        // A new word in one body: one or two blocks tokenised again and appended.
        try site.initiative("w200", writeUp(title: "Initiatief 200", body: "## Aanleiding\n\nZingeving en logeerhuizen.\n"))
        try expectSameAsClean(site, "body edit")
        let second = records()
        #expect(second > first && second <= first + 2, "only changed blocks appended")
        #expect(site.page("zoeken/s/zi.json")?.contains("zing") == true)

        // One flipped byte, then a cut-short file: tokenised anew, same bytes.
        var flipped = try Data(contentsOf: url)
        flipped[flipped.count / 2] ^= 0x01
        try flipped.write(to: url)
        try site.initiative("w201", writeUp(title: "Initiatief 201", body: "## Aanleiding\n\nDagbesteding.\n"))
        try expectSameAsClean(site, "after a flipped byte")
        #expect(abs(records() - first) <= 1, "written anew")
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count - 100).write(to: url)
        try site.initiative("w202", writeUp(title: "Initiatief 202", body: "## Aanleiding\n\nBeweegtuin.\n"))
        try expectSameAsClean(site, "after truncation")
        #expect(abs(records() - first) <= 1, "written anew")
    }
}
