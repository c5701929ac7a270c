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
        url = siteDirectory.appendingPathComponent(".kb-cache").appendingPathComponent("search.cache")
        key = BuildState.contentHash("search v\(Self.formatVersion)\n\(BuildState.executableStamp())")
    }

    /// The blocks in the file by key, and how many records it holds; none (and -1) when it is
    /// missing, from another kb or damaged anywhere.
    func load() -> (blocks: [UInt64: BlockTokens], records: Int) {
        let records = CacheLog.read(url, magic: Self.magic, version: Self.formatVersion, key: key) { r -> (UInt64, BlockTokens) in
            let key = try r.uint64()
            let block = BlockTokens(
                spellings: try r.plain(), ends: try r.plain(), starts: try r.plain(), pairs: try r.plain(), counts: try r.plain(),
                lengths: try r.plain())
            guard let block else { throw BinaryReader.Malformed() }
            return (key, block)
        }
        guard let records else { return ([:], -1) }
        return (Dictionary(records, uniquingKeysWith: { _, later in later }), records.count)
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
            w.plain(block.spellings)
            w.plain(block.ends)
            w.plain(block.starts)
            w.plain(block.pairs)
            w.plain(block.counts)
            w.plain(block.lengths)
        }
    }
}
