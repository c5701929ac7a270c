import Foundation

/// The memo tables of one build: every result kb keeps between builds, with what it is keyed
/// by. The stages get these tables; none of them reads or writes a cache file itself.
///
/// | table (`.kb-cache/…`) | one entry is | name | inputs | scope |
/// |---|---|---|---|---|
/// | `files.cache` | a write-up through read → parse → validate (`CheckedFile`, body HTML and text included) | its path | its file's stamp; the entry holds only while its links resolve as they did | kb.yml, reference data, base URL |
/// | `related.cache` | every write-up's related list | `related` | what the ranking reads (`Catalog.relatedSignature`) | as files |
/// | `cards.cache` | a rendered card | `card:<slug>` | the page inputs it shows (`PageInputs`) | site digest |
/// | `data.cache` | a data-API object or CSV row | `api:<slug>`, `csv:<slug>` | as cards | site digest |
/// | `search.cache` | the tokens of a block of search documents | the block's key | the block's key (a hash of its documents' texts or identities) | kb |
///
/// Every scope includes kb itself and the table's format version (see `Memo.table`).
struct BuildMemo: Sendable {
    let files: MemoTable<CheckedFile>
    let related: MemoTable<[[Int]]>
    let cards: MemoTable<[UInt8]>
    let data: MemoTable<[UInt8]>
    let searchBlocks: MemoTable<BlockTokens>

    /// `siteDigest`: the inputs every page shares, taken before reading them (0: unknown, so
    /// no rendered piece is kept or found).
    init(_ options: BuildOptions, siteDigest: UInt64 = 0) {
        let memo = Memo(siteDirectory: options.siteDirectory, enabled: options.cache)
        let siteKey = memo.folder == nil ? 0 : Self.siteInputsKey(options)
        files = memo.table("files", version: 2, scope: siteKey, codec: CheckedFile.codec)
        related = memo.table("related", version: 2, scope: siteKey, codec: .relatedLists)
        let pieces = siteDigest == 0 ? Memo.off : memo
        cards = pieces.table("cards", version: 1, scope: siteDigest, keep: .all, codec: .bytes)
        data = pieces.table("data", version: 1, scope: siteDigest, keep: .all, codec: .bytes)
        searchBlocks = memo.table("search", version: 2, scope: 0, codec: .searchBlocks)
    }

    /// The inputs every write-up's parse depends on besides its file: kb.yml (language, URLs),
    /// the reference data (names of regions and types) and the base URL. Taken from the files
    /// as they are *before* the build reads them: a file changed while the build runs then
    /// gives the next build another key, never an entry made from other contents than its key
    /// says. The synonyms and the word list are not in it: no parse reads them; the site digest
    /// (BuildState.siteInputs) has them, and the search shards' digests follow their postings.
    static func siteInputsKey(_ options: BuildOptions) -> UInt64 {
        let site = options.siteDirectory.path
        var parts = ["base:\(options.baseURL ?? "-")"]
        for file in ["kb.yml", "content/regions.yml", "content/types.yml"] {
            parts.append(FileManager.default.contents(atPath: "\(site)/\(file)").map { String(Hash.content([UInt8]($0)), radix: 16) } ?? "-")
        }
        return Hash.content(parts.joined(separator: "\n"))
    }

    /// Per candidate of `content`, what the files table kept for its stamp (nil: read it).
    func remembered(_ content: ContentListing) -> [CheckedFile?] {
        concurrentMap(content.candidates.count) { n in
            content.stamps[n].flatMap { files.lookup(content.candidates[n].path, inputs: $0.digest) }
        }
    }

    /// Keeps this build's validated files by their stamps, on a thread of its own while link
    /// runs (encoding 10,000 was a quarter second on one core with the other idle).
    func record(_ validated: [CheckedFile]) -> BackgroundJob<Void> {
        BackgroundJob {
            for file in validated { files.record(file.path, inputs: file.stamp?.digest ?? 0, file) }
            files.save()
        }
    }

    /// Writes what every table recorded this build.
    func save() {
        files.save()
        related.save()
        cards.save()
        data.save()
        searchBlocks.save()
    }

    /// Keeps none of the rendered pieces of a build that failed.
    func discardRendered() {
        cards.discard()
        data.discard()
        searchBlocks.discard()
    }
}

extension MemoCodec where Value == [[Int]] {
    static var relatedLists: MemoCodec<[[Int]]> {
        MemoCodec(
            encode: { lists, w in w.array(lists) { w, list in w.array(list) { $0.int($1) } } },
            decode: { r, _ in try r.array { try $0.array { try $0.int() } } })
    }
}

extension MemoCodec where Value == BlockTokens {
    /// A block's layout, then its bytes, used in place.
    static var searchBlocks: MemoCodec<BlockTokens> {
        MemoCodec(
            encode: { block, w in
                for value in [block.layout.spellingBytes, block.layout.words, block.layout.documents, block.layout.pairs] { w.int(value) }
                w.bool(block.layout.wideCounts)
                w.bytes += block.bytes
            },
            decode: { r, slice in
                let layout = BlockTokens.Layout(
                    spellingBytes: try r.int(), words: try r.int(), documents: try r.int(), pairs: try r.int(), wideCounts: try r.bool())
                let start = slice.startIndex + r.offset
                try r.skip(layout.size)
                guard let block = BlockTokens(slice[start..<start + layout.size], layout: layout) else { throw BinaryReader.Malformed() }
                return block
            })
    }
}
