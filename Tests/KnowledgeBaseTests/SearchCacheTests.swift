import Foundation
import Testing

@testable import KnowledgeBase

/// The search index built with token blocks of an earlier build (BuildMemo.searchBlocks) against one
/// built from scratch: the shards must be the same bytes however the documents were blocked
/// and whichever blocks came from where.
@Suite("search token cache")
struct SearchCacheTests {
    static let words = [
        "mantelzorg", "ondersteuning", "mantelzorgondersteuning", "woningen", "woning", "cliënt", "client", "coördinatie",
        "de", "het", "en", "zorg", "Zorg", "ouderen", "wijk", "dementie", "e\u{0301}n", "ﬁets", "2024", "Ede", "’t",
    ]

    /// Documents of random words, each field in one to three parts.
    static func documents(_ count: Int, rng: inout SplitMix) -> [[[String]]] {
        (0..<count).map { _ in
            (0..<SearchIndexBuilder.fieldCount).map { field in
                (0..<(1 + Int(rng.next() % 3))).map { _ in
                    let length = field == 4 ? 40 : Int(rng.next() % 6)
                    return (0..<length).map { _ in words[Int(rng.next() % UInt64(words.count))] }.joined(separator: " ")
                }
            }
        }
    }

    static func build(_ docs: [[[String]]], known: (UInt64) -> BlockTokens? = { _ in nil }, blockSize: Int) -> SearchIndexBuilder.Result {
        SearchIndexBuilder.build(
            documents: docs.count,
            fields: { doc, text in
                for (field, parts) in docs[doc].enumerated() { for part in parts { text(field, part) } }
            }, known: known, blockSize: blockSize)
    }

    static func bytes(_ shards: [SearchIndexBuilder.Shard]) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: shards.map { ($0.key, $0.bytes) })
    }

    @Test("blocks of any size and reused blocks give the shards of a build from scratch")
    func reusedBlocks() {
        var rng = SplitMix(seed: 11)
        var docs = Self.documents(400, rng: &rng)
        docs[123][4].append(Array(repeating: "zorg", count: 300).joined(separator: " "))  // a count past one byte
        let fresh = Self.bytes(SearchIndexBuilder.build(documents: docs.count) { doc, text in
            for (field, parts) in docs[doc].enumerated() { for part in parts { text(field, part) } }
        })
        for size in [1, 3, 16, 128, 1000] { #expect(Self.bytes(Self.build(docs, blockSize: size).shards) == fresh, "block size \(size)") }

        // Through the file form: every block written and read back as it was.
        var known = Self.build(docs, blockSize: 16).blocks
        let (roundTrip, records) = Self.stored(known)
        #expect(records == Set(known.map(\.key)).count)
        #expect(known.contains { $0.tokens.layout.wideCounts } && known.contains { !$0.tokens.layout.wideCounts })
        for block in known { #expect(roundTrip(block.key)?.bytes.elementsEqual(block.tokens.bytes) == true) }

        // An edited, an added and a removed document: only blocks around them are tokenised.
        docs[200][4][0] += " nieuwe woorden zoals mantelzorgwoning"
        docs.insert(docs[7], at: 50)
        docs.remove(at: 300)
        let again = Self.build(docs, known: roundTrip, blockSize: 16)
        let scratch = Self.build(docs, blockSize: 16)
        #expect(Self.bytes(again.shards) == Self.bytes(scratch.shards))
        let tokenised = again.blocks.filter { !$0.reused }.count
        #expect(tokenised > 0 && tokenised <= 6, "\(tokenised) of \(again.blocks.count) blocks tokenised again")
        known = again.blocks
        #expect(Self.bytes(Self.build(docs, known: Self.stored(known).known, blockSize: 16).shards) == Self.bytes(scratch.shards))
    }

    @Test("a shard whose digest is unchanged has the bytes it had; the others are written as from scratch")
    func keptShards() {
        var rng = SplitMix(seed: 23)
        var docs = Self.documents(300, rng: &rng)
        let before = Self.build(docs, blockSize: 16).shards
        let digests = Dictionary(uniqueKeysWithValues: before.map { ($0.key, $0.digest) })
        let oldBytes = Self.bytes(before)
        docs[42][4][0] += " mantelzorg"  // one more word: the scores of many terms shift a little
        docs[7][0][0] += " fiets"
        let scratch = Self.bytes(Self.build(docs, blockSize: 16).shards)
        let again = SearchIndexBuilder.build(
            documents: docs.count,
            fields: { doc, text in
                for (field, parts) in docs[doc].enumerated() { for part in parts { text(field, part) } }
            }, known: { _ in nil }, blockSize: 16, unchanged: { digests[$0] == $1 })
        #expect(again.shards.contains { $0.kept } && again.shards.contains { !$0.kept })
        for shard in again.shards {
            #expect((shard.kept ? oldBytes[shard.key] : shard.bytes) == scratch[shard.key], "shard \(shard.key)")
        }
        #expect(Set(again.shards.map(\.key)) == Set(scratch.keys))
    }

    /// A search-block table in a new cache folder.
    static func table(_ folder: URL) -> MemoTable<BlockTokens> {
        Memo(siteDirectory: folder, enabled: true).table("search", version: 1, scope: 0, codec: .searchBlocks)
    }

    static func save(_ blocks: [SearchIndexBuilder.TokenBlock], in folder: URL) {
        let table = table(folder)
        for block in blocks { table.record(String(block.key, radix: 16), inputs: block.key, block.tokens) }
        table.save()
    }

    /// Blocks as the incremental layer's file holds them: saved, then read back by a new table.
    static func stored(_ blocks: [SearchIndexBuilder.TokenBlock]) -> (known: (UInt64) -> BlockTokens?, records: Int) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kb-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        save(blocks, in: folder)
        let read = table(folder)
        return ({ key in read.lookup(String(key, radix: 16), inputs: key) }, read.storedRecords())
    }

    @Test("every byte and the length of a text change its block-key hash")
    func textHash() {
        let text = Array("Mantelzorgondersteuning in de wijk: cliënten, coördinatie en respijt, zo'n 70 bytes.".utf8)
        var seen: Set<UInt64> = []
        for length in 0...text.count {
            #expect(seen.insert(text[..<length].withUnsafeBytes { SearchIndexBuilder.textHash($0) }).inserted, "prefix \(length)")
        }
        for n in text.indices {
            var changed = text
            changed[n] ^= 0x01
            #expect(seen.insert(changed.withUnsafeBytes { SearchIndexBuilder.textHash($0) }).inserted, "byte \(n)")
        }
    }

    @Test("a damaged block in the file makes the whole file count as absent")
    func damagedFile() throws {
        var rng = SplitMix(seed: 5)
        let docs = Self.documents(100, rng: &rng)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kb-search-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocks = Self.build(docs, blockSize: 16).blocks
        Self.save(blocks, in: folder)
        #expect(!blocks.isEmpty && Self.table(folder).storedRecords() == Set(blocks.map(\.key)).count)
        let url = try #require(Self.table(folder).fileURL)
        let bytes = try Data(contentsOf: url)
        for damage in [bytes.prefix(bytes.count - 3), { var b = bytes; b[b.count / 2] ^= 0x10; return b }()] {
            try damage.write(to: url)
            #expect(Self.table(folder).storedRecords() == -1)
        }
    }
}
