import Foundation

/// Token blocks of earlier builds (see `SearchIndexBuilder.build(documents:fields:known:)`), in
/// SITE/.kb-cache/search.cache. Tokenising all plain text again was most of the search stage of
/// a rebuild. A block's key is the hash of the very text it was tokenised from, so a block
/// found here is what tokenising would give; the file's key is kb itself, so blocks of another
/// tokeniser are never read. A log like the other caches: a build appends the blocks it
/// tokenised and writes the file anew when most of it is superseded.
struct SearchCache {
    static let formatVersion = 1
    private static let magic = "kb-search"

    let url: URL
    let key: UInt64

    init(siteDirectory: URL) {
        url = CacheFolder.file(siteDirectory: siteDirectory, "search.cache")
        key = Hash.content("search v\(Self.formatVersion)\n\(FileWalker.executableStamp())")
    }

    /// The blocks in the file by key, and how many records it holds; none (and -1) when it is
    /// missing, from another kb or damaged anywhere. Blocks refer to the file's bytes in place.
    func load() -> (blocks: [UInt64: BlockTokens], records: Int) {
        let read = CacheLog.readInPlace(url, magic: Self.magic, version: Self.formatVersion, key: key) { r, record in
            let key = try r.uint64()
            let layout = BlockTokens.Layout(
                spellingBytes: try r.int(), words: try r.int(), documents: try r.int(), pairs: try r.int(), wideCounts: try r.bool())
            let start = record.lowerBound + r.offset
            try r.skip(layout.size)
            return (key: key, layout: layout, bytes: start..<start + layout.size)
        }
        guard let (bytes, records) = read else { return ([:], -1) }
        let blocks = concurrentMap(records.count) { BlockTokens(bytes[records[$0].bytes], layout: records[$0].layout) }
        guard blocks.allSatisfy({ $0 != nil }) else { return ([:], -1) }
        var known: [UInt64: BlockTokens] = [:]
        for (record, block) in zip(records, blocks) { known[record.key] = block }
        return (known, records.count)
    }

    /// Saves this build's blocks given the file's `records` (from `load`): appends the new ones
    /// while the file is mostly current, else writes all anew. Nothing when nothing is new.
    func save(_ blocks: [SearchIndexBuilder.TokenBlock], records: Int) {
        var seen: Set<UInt64> = []
        let current = blocks.filter { seen.insert($0.key).inserted }  // equal texts, equal blocks: once
        let fresh = current.filter { !$0.reused }
        let append = records >= 0 && records + fresh.count <= 2 * current.count + 16
        if append && fresh.isEmpty { return }
        let list = append ? fresh : current
        CacheLog.write(url, magic: Self.magic, version: Self.formatVersion, key: key, append: append, count: list.count) { n, w in
            let block = list[n].tokens
            w.uint64(list[n].key)
            for value in [block.layout.spellingBytes, block.layout.words, block.layout.documents, block.layout.pairs] { w.int(value) }
            w.bool(block.layout.wideCounts)
            w.bytes += block.bytes
        }
    }
}
