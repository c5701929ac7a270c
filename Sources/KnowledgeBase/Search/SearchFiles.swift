import Foundation

/// Writes the search index files under /zoeken/:
/// - index.json      entry: version, document count, the shards that exist, facet labels
/// - s/<xx>.json     term shards: term → [Δdoc, score, …]; "~term" are compound tails,
///                   "=term" the form with diacritics
/// - t/<xx>.json     typo lists: the term keys whose letters 2–3, 3–4 or 4–5 are `xx`, so a
///                   word with a typo in its first two letters finds its term (and shard)
/// - facetten.json   per document: type, region, status, evidence, organisations, start year (as ids)
/// - f/<doc>.json    result fragment: what a result shows, loaded only when shown
struct SearchFiles {
    let site: CheckedSite
    let urls: SiteURLs
    let strings: Strings
    /// Token blocks of earlier builds to reuse, and where this build's are kept.
    var blocks: MemoTable<BlockTokens>
    /// The Dutch word list compounds are split against (nil: only against the corpus's words).
    var wordList: WordList?

    static let version = 2

    /// Hands each file to `sink` as it is made (fragments straight from the threads that make
    /// them), so the index of a large site is never in memory twice. Returns the file count.
    func write(into sink: OutputSink) throws -> Int {
        let initiatives = site.catalog.initiatives
        let base = urls.outputPath(for: urls.search)  // "zoeken/index.html"
        let folder = (base as NSString).deletingLastPathComponent
        // Facets and fragments do not depend on the term shards: they are made on another
        // thread meanwhile, so the core the index's serial steps leave idle does them.
        let side = BackgroundJob {
            try sink.emit("\(folder)/facetten.json", facets())
            try writeFragments(into: sink, folder: folder)
        }
        // Content pages are documents too, after the write-ups.
        let index = SearchIndexBuilder.build(
            documents: initiatives.count + site.pages.count, fields: { searchFields(initiatives, $0, $1) },
            known: { [blocks] key in blocks.lookup(String(key, radix: 16), inputs: key) },
            documentKey: { documentKey(initiatives, $0) },
            unchanged: sink.rebuilding ? { key, digest in keepShard("\(folder)/s/\(key).json", digest, sink: sink) } : nil,
            wordList: wordList)
        let shards = index.shards
        let typos = Self.typoLists(index.terms)
        let terms = Set(index.terms)
        do {
            // On both cores: the sink hashes each file's bytes (16 MB of shards at 10,000
            // write-ups), and index.json and the typo lists are made meanwhile.
            try concurrentForEach(1 + shards.count) { n in
                if n == 0 {
                    try sink.emit("\(folder)/index.json", entry(shards: shards.map(\.key), typos: typos.map(\.key), terms: terms))
                    for (key, list) in typos { try sink.emit("\(folder)/t/\(key).json", JSONValue.array(list.map(JSONValue.string)).bytes(.searchFiles)) }
                } else if !shards[n - 1].kept {
                    let shard = shards[n - 1]
                    try sink.emit("\(folder)/s/\(shard.key).json", shard.bytes, digest: site.digest(of: Self.shardInputs(shard.digest)))
                }
            }
        } catch {
            try? side.wait()  // nothing may write into the sink once this returns
            throw error
        }
        for block in index.blocks where !block.reused { blocks.record(String(block.key, radix: 16), inputs: block.key, block.tokens) }
        try side.wait()
        return shards.count + typos.count + 2 + initiatives.count + site.pages.count
    }

    /// Shortest term a typo list holds: a typed word of six letters or more is one edit away.
    static let typoMinimum = 5

    /// The typo lists, by key. A word with one edit in its first two letters keeps its letters
    /// from the third on, shifted by at most one: its letters 3–4 (what the browser looks up)
    /// are a term's letters 3–4 (a letter replaced or two swapped), 4–5 (one left out) or 2–3
    /// (one added). So each term is listed under all three, and one small file answers.
    static func typoLists(_ terms: [String]) -> [(key: String, list: [String])] {
        var lists: [String: Set<String>] = [:]
        for term in terms where term.utf8.count >= typoMinimum && term.utf8.allSatisfy({ (97...122).contains($0) || (48...57).contains($0) }) {
            let bytes = Array(term.utf8)
            for start in 1...3 { lists[String(decoding: bytes[start..<start + 2], as: UTF8.self), default: []].insert(term) }
        }
        return lists.map { ($0.key, $0.value.sorted()) }.sorted { $0.key < $1.key }
    }

    /// Whether the output holds this shard as this build would write it. The shard's digest
    /// covers its postings, the site's digest kb and the build's options (0 without caches).
    private func keepShard(_ path: String, _ shardDigest: UInt64, sink: OutputSink) -> Bool {
        let digest = site.digest(of: Self.shardInputs(shardDigest))
        return digest != 0 && sink.keep(path, digest: digest)
    }

    /// A shard shows its postings, whose digest the index builder makes.
    static func shardInputs(_ postings: UInt64) -> PageInputs {
        var inputs = PageInputs("search-shard")
        inputs.add(digest: postings)
        return inputs
    }

    /// index.json: what the browser loads first.
    private func entry(shards: [String], typos: [String], terms: Set<String>) -> [UInt8] {
        let types = site.reference.types
        let regions = site.reference.regions
        let organisations = site.catalog.organisations
        let statuses = Status.allCases
        func list(_ texts: [String]) -> JSONValue { .array(texts.map(JSONValue.string)) }
        func facet(_ values: [String], _ labels: [String]) -> JSONValue { .object(["values": list(values), "labels": list(labels)]) }
        let levels = EvidenceLevel.allCases
        var evidence = facet(levels.map(\.rawValue), levels.map { strings["evidence.\($0.rawValue)"] })
        if case .object(var fields) = evidence {
            // The page template has no label for it: the entry brings its own.
            fields["title"] = .string(strings["ui.search_facet_evidence"])
            evidence = .object(fields)
        }
        let entry: JSONValue = .object([
            "version": .int(Self.version),
            "documents": .int(site.catalog.initiatives.count + site.pages.count),
            "shards": list(shards),
            // Two letters per list, one string: the names cost a few bytes each.
            "typos": .string(typos.joined()),
            "synonyms": .array(Self.synonyms(site.reference.synonyms, terms: terms).map { .array($0.map(JSONValue.string)) }),
            "stopwords": list(Tokenizer.stopwords.sorted()),
            "facets": .object([
                "type": facet(types.map(\.key), types.map(\.label)),
                "regio": facet(regions.map(\.code), regions.map(\.name)),
                "status": facet(statuses.map(\.rawValue), statuses.map { strings["status.\($0.rawValue)"] }),
                "bewijs": evidence,
                "organisatie": facet(organisations.map(\.slug), organisations.map(\.name)),
            ]),
        ])
        return entry.bytes(.searchEntry)
    }

    /// The synonym groups as the browser matches them: each word or phrase as its term keys
    /// (stopwords left out) joined by spaces, as a query's words become. Only groups of which
    /// some phrase occurs in the corpus (every key a term): the others find nothing.
    static func synonyms(_ groups: [[String]], terms: Set<String>) -> [[String]] {
        var out: [[String]] = []
        for group in groups {
            var phrases: [String] = []
            for phrase in group {
                let keys = Tokenizer.words(phrase).filter { !Tokenizer.stopwords.contains($0) }.map { Text.removingDiacritics(DutchStemmer.stem($0)) }
                let joined = keys.filter { !$0.isEmpty }.joined(separator: " ")
                if !joined.isEmpty && !phrases.contains(joined) { phrases.append(joined) }
            }
            let present = phrases.contains { $0.split(separator: " ").allSatisfy { terms.contains(String($0)) } }
            if phrases.count >= 2 && present { out.append(phrases) }
        }
        return out
    }

    /// facetten.json: labels are in index.json; here one small integer (or list) per document.
    private func facets() -> [UInt8] {
        let catalog = site.catalog
        let initiatives = catalog.initiatives
        let typeIndex = Dictionary(uniqueKeysWithValues: site.reference.types.enumerated().map { ($1.key, $0) })
        let regionIndex = Dictionary(uniqueKeysWithValues: site.reference.regions.enumerated().map { ($1.code, $0) })
        let statuses = Status.allCases
        let orgIndex = catalog.organisationIndexByName
        // Written piece by piece, keys in sorted order: boxing 10,000s of numbers
        // for it costs more than the rest of the index.
        var facets = JSONWriter(style: .searchFiles, capacity: initiatives.count * 32)
        let levels = EvidenceLevel.allCases
        facets.raw("{\"bewijs\":")
        // -1: no evidence level given.
        // Content pages (after the write-ups) have no facet values: -1 or an empty list.
        let none = repeatElement(-1, count: site.pages.count)
        facets.integers(initiatives.indices.lazy.map { initiatives[$0].evidenceLevel.flatMap { levels.firstIndex(of: $0) } ?? -1 } + none)
        facets.raw(",\"jaar\":")
        facets.integers(initiatives.indices.lazy.map { initiatives[$0].period.start.year } + none)
        facets.raw(",\"organisatie\":[")
        for doc in initiatives.indices {
            if doc > 0 { facets.byte(44) }
            let ids = initiatives[doc].partners.compactMap { orgIndex[catalog.slug(ofPartner: $0.name)] }
            facets.integers(Set(ids).sorted())
        }
        for doc in site.pages.indices { facets.raw(doc + initiatives.count > 0 ? ",[]" : "[]") }
        facets.raw("],\"regio\":")
        facets.integers(initiatives.indices.lazy.map { regionIndex[initiatives[$0].regionCode] ?? 0 } + none)
        facets.raw(",\"status\":")
        facets.integers(initiatives.indices.lazy.map { statuses.firstIndex(of: initiatives[$0].status) ?? 0 } + none)
        facets.raw(",\"type\":[")
        for doc in initiatives.indices {
            if doc > 0 { facets.byte(44) }
            facets.integers(initiatives[doc].types.compactMap { typeIndex[$0] })
        }
        for doc in site.pages.indices { facets.raw(doc + initiatives.count > 0 ? ",[]" : "[]") }
        facets.raw("]}")
        return facets.bytes
    }

    /// f/<doc>.json for every document; a rebuild keeps those whose inputs did not change.
    private func writeFragments(into sink: OutputSink, folder: String) throws {
        let initiatives = site.catalog.initiatives
        try concurrentForEach(initiatives.count) { doc in
            let path = "\(folder)/f/\(doc).json"
            let digest = site.digest(of: PageInputs("search-fragment", content: [doc]))
            if digest != 0, sink.keep(path, digest: digest) { return }
            try sink.emit(path, fragment(initiatives[doc]), digest: digest)
        }
        for (n, page) in site.pages.enumerated() {
            var inputs = PageInputs("search-page:" + page.slug)
            inputs.add(digest: page.contentHash)
            let path = "\(folder)/f/\(initiatives.count + n).json", digest = site.digest(of: inputs)
            if digest != 0, sink.keep(path, digest: digest) { continue }
            try sink.emit(path, fragment(page), digest: digest)
        }
    }

    /// A content page's result: its title, summary, text and URL.
    private func fragment(_ page: ContentPage) -> [UInt8] {
        var text = page.body.plainText
        let length = Self.prefixLength(text, characters: 6000)
        var w = JSONWriter(style: .searchFiles, capacity: 8192)
        w.raw("{\"summary\":")
        w.string(page.summary)
        w.raw(",\"text\":")
        text.withUTF8 { w.string(utf8: UnsafeBufferPointer(rebasing: $0[..<length])) }
        w.raw(",\"title\":")
        w.string(page.title)
        w.raw(",\"url\":")
        w.string(urls.contentPage(page.slug))
        w.raw("}")
        return w.bytes
    }

    /// A document's text per SearchIndexBuilder.Field, in parts, fields in order: what was
    /// joined with spaces is handed over part by part, which tokenises the same.
    private func searchFields(_ initiatives: [Initiative], _ doc: Int, _ text: (Int, String) -> Void) {
        guard doc < initiatives.count else {
            let page = site.pages[doc - initiatives.count]
            text(0, page.title)
            text(2, page.summary)
            for heading in page.body.headings { text(3, heading.text) }
            text(4, page.body.plainText)
            return
        }
        // Read in place: copying the large struct per document showed up in profiles.
        text(0, initiatives[doc].title)
        for tag in initiatives[doc].tags { text(1, tag) }
        for key in initiatives[doc].types {
            if let type = site.reference.type(key: key) { text(1, type.label) }
        }
        for key in initiatives[doc].types { text(1, key) }
        text(1, site.reference.region(code: initiatives[doc].regionCode)?.name ?? "")
        text(1, initiatives[doc].regionCode)
        for partner in initiatives[doc].partners { text(1, partner.name) }
        for municipality in initiatives[doc].municipalities { text(1, municipality) }
        text(2, initiatives[doc].summary)
        for heading in initiatives[doc].body.headings { text(3, heading.text) }
        text(4, site.plainText(of: initiatives[doc]))
    }

    /// A document's block key without its text, which a rebuild does not load for write-ups whose
    /// parse it took from the cache: the source file's identity (its bytes) with the site-wide
    /// inputs (kb itself, kb.yml, the reference data that names types and regions), which
    /// every field follows from. Without those (no cache), the text itself.
    private func documentKey(_ initiatives: [Initiative], _ doc: Int) -> UInt64 {
        // A content page (few, small) by its text.
        let key = doc < initiatives.count ? site.digest(of: PageInputs("search-document", content: [doc])) : 0
        return key != 0 ? key : SearchIndexBuilder.textKey({ searchFields(initiatives, $0, $1) }, document: doc)
    }

    /// The result fragment: what a search result shows.
    private func fragment(_ i: Initiative) -> [UInt8] {
        var w = JSONWriter(style: .searchFiles, capacity: 8192)
        w.raw("{\"region\":")
        w.string(site.reference.region(code: i.regionCode)?.name ?? "")
        w.raw(",\"start\":")
        w.integer(i.period.start.year)
        w.raw(",\"status\":")
        w.string(strings["status.\(i.status.rawValue)"])
        w.raw(",\"summary\":")
        w.string(i.summary)
        w.raw(",\"text\":")
        var text = site.plainText(of: i)
        let length = Self.prefixLength(text, characters: 6000)
        text.withUTF8 { w.string(utf8: UnsafeBufferPointer(rebasing: $0[..<length])) }
        w.raw(",\"title\":")
        w.string(i.title)
        w.raw(",\"types\":[")
        for (n, key) in i.types.enumerated() {
            if n > 0 { w.raw(",") }
            w.string(site.reference.type(key: key)?.label ?? key)
        }
        w.raw("],\"url\":")
        w.string(urls.initiative(i.slug))
        w.raw("}")
        return w.bytes
    }

    /// The UTF-8 length of `text.prefix(limit)`, its first `limit` Characters. Steps over ASCII
    /// bytes directly and leaves grapheme breaking to String only next to other characters.
    static func prefixLength(_ text: String, characters limit: Int) -> Int {
        let utf8 = text.utf8
        var contiguous = text
        return contiguous.withUTF8 { bytes in
            var characters = 0
            var at = 0  // always on a Character boundary
            while characters < limit && at < bytes.count {
                // No more bytes left than Characters wanted: the rest fits (a Character has
                // at least one byte). Most texts are shorter than the limit.
                if bytes.count - at <= limit - characters { return bytes.count }
                // Eight ASCII bytes without CR, followed by an ASCII byte: eight Characters
                // (the rule below, eight times at once). Most of the text is.
                if characters + 8 <= limit && at + 9 <= bytes.count {
                    let chunk = UnsafeRawPointer(bytes.baseAddress! + at).loadUnaligned(as: UInt64.self)
                    let crs = chunk ^ 0x0d0d_0d0d_0d0d_0d0d
                    let hasCR = (crs &- 0x0101_0101_0101_0101) & ~crs & 0x8080_8080_8080_8080 != 0
                    if chunk & 0x8080_8080_8080_8080 == 0 && bytes[at + 8] < 0x80 && !hasCR {
                        at += 8
                        characters += 8
                        continue
                    }
                }
                let byte = bytes[at]
                let next = at + 1
                if byte < 0x80 && (next == bytes.count || bytes[next] < 0x80) {
                    // Between two ASCII bytes there is a boundary, except inside CR LF.
                    at += byte == 13 && next < bytes.count && bytes[next] == 10 ? 2 : 1
                } else if (0xc2...0xd7).contains(byte) && at + 2 < bytes.count && bytes[at + 2] < 0x80 {
                    // U+0080...U+05FF (ë, é, ...) then ASCII: a boundary. No ASCII character
                    // extends or joins the one before it, and none of these is a prepend.
                    at += 2
                } else {
                    // A combining mark may follow even an ASCII letter: ask String.
                    let index = text.index(after: utf8.index(utf8.startIndex, offsetBy: at))
                    at = utf8.distance(from: utf8.startIndex, to: index)
                }
                characters += 1
            }
            return at
        }
    }

}

extension Pipeline {
    /// Stage "search": the search index, its shards and result fragments into `sink`; token
    /// blocks of earlier builds come from `blocks`; compounds are split against `wordList`.
    /// Returns the number of files.
    static func search(_ site: CheckedSite, blocks: MemoTable<BlockTokens>, wordList: WordList?, into sink: OutputSink) throws -> Int {
        let strings = Strings(language: site.config.language)
        return try SearchFiles(
            site: site, urls: SiteURLs(baseURL: site.config.baseURL), strings: strings, blocks: blocks, wordList: wordList
        ).write(into: sink)
    }
}
