import Foundation

/// The sharded search index (see README, "Search index"). Built once per build from values the
/// parser already produced; the browser loads a small entry file, then only the term shards
/// its query words need, then result fragments for the results it shows.
///
/// A corpus has millions of words but a vocabulary of tens of thousands, so words are interned
/// to integer ids while tokenising (in parallel, per block of documents) and everything that
/// needs Strings (stopwords, stemming, folding, term keys) is done once per distinct word.
/// Postings are flat arrays indexed by those ids. The Strings keep Swift's semantics (canonical
/// equivalence, first-seen spelling), so the files are the same as with one String dictionary
/// per term.
enum SearchIndexBuilder {
    /// Field weights: title > tags/type/region/organisations > summary > headings > body.
    enum Field: Int, CaseIterable {
        case title, facets, summary, headings, body
        var weight: Double { [10, 5, 3, 2, 1][rawValue] }
    }

    static let k1 = 1.2
    static let b = 0.75
    /// Postings found only through a compound's tail count for this much of a whole word.
    static let compoundFactor = 0.5
    static let minimumTail = 4
    static let fieldCount = Field.allCases.count

    /// One term shard file: its key, its JSON (empty when `kept`) and a digest of everything
    /// its JSON is made from: the term keys and every posting's document and score.
    struct Shard {
        var key: String
        var bytes: [UInt8]
        var digest: UInt64 = 0
        /// Not serialised: `unchanged` said the output already holds it.
        var kept = false
    }

    /// Shard key of an index term: its first two characters, so a query word (or prefix of ≥ 2
    /// letters) needs exactly one shard.
    static func shardKey(_ term: String) -> String {
        let scalars = Array(term.unicodeScalars.prefix(2))
        let key = String(String.UnicodeScalarView(scalars))
        // Keep file names plain ASCII; anything else shares one shard.
        return key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) } ? key : "_"
    }

    /// The term shards, sorted by key. `fields(doc, text)` calls `text(field, part)` with a
    /// document's text, fields in order (Field's raw values), each field in one or more parts
    /// taken as if joined by spaces. It is called concurrently.
    static func build(documents count: Int, wordList: WordList? = nil, fields: (Int, (Int, String) -> Void) -> Void) -> [Shard] {
        build(documents: count, fields: fields, known: { _ in nil }, wordList: wordList).shards
    }

    /// A block of documents as tokenised, with its key: the hash of exactly the text its
    /// documents hand over, so a block with the same key tokenises the same.
    struct TokenBlock {
        var key: UInt64
        var tokens: BlockTokens
        /// Taken from `known` rather than tokenised now.
        var reused: Bool
    }

    /// The shards, and this build's token blocks for the next (see BuildMemo.searchBlocks).
    struct Result {
        var shards: [Shard]
        var blocks: [TokenBlock]
        /// Every term key that has postings of its own, for the typo index (SearchFiles).
        var terms: [String] = []
    }

    /// Documents per token block, on average. Small enough that an edit tokenises little again,
    /// large enough that the blocks' vocabularies (interned one by one in step 2) repeat little.
    static let blockSize = 128

    /// As `build(documents:fields:)`, taking blocks whose key is in `known` from there instead of
    /// tokenising them. The shards do not depend on `known` or `blockSize`: words get global ids
    /// in order of first occurrence, and everything after runs document by document.
    /// `documentKey`, when given, stands for the hash of a document's text (see `textKey`): it
    /// must change whenever that text does, and lets a caller avoid producing the text of
    /// documents in blocks it will not tokenise.
    /// `unchanged(key, digest)`, when given, tells whether the output already holds the shard
    /// with this digest: most shards of a one-edit rebuild are the same bytes, and are then
    /// neither serialised nor hashed again.
    /// `wordList`, when given, splits compounds against a Dutch lexicon too (see Lexicon.tails).
    static func build(
        documents count: Int, fields: (Int, (Int, String) -> Void) -> Void, known: (UInt64) -> BlockTokens?, blockSize: Int = blockSize,
        documentKey: ((Int) -> UInt64)? = nil, unchanged: ((_ key: String, _ digest: UInt64) -> Bool)? = nil, wordList: WordList? = nil
    ) -> Result {
        guard count > 0 else { return Result(shards: [], blocks: []) }

        // 1. Tokenise and count per block, words as block-local ids, unless the block is known.
        let (ranges, keys) =
            documentKey.map { tokenBlocks(documents: count, key: $0, size: blockSize) }
            ?? tokenBlocks(documents: count, key: { textKey(fields, document: $0) }, size: blockSize)
        let found = keys.map(known)
        let missing = ranges.indices.filter { found[$0]?.documents != ranges[$0].count }
        let made = concurrentMap(missing.count) { BlockTokens(ranges[missing[$0]], fields: fields) }
        var next = made.makeIterator()
        let blocks = ranges.indices.map { n -> TokenBlock in
            var block = found[n].map { TokenBlock(key: keys[n], tokens: $0, reused: true) }
            if block?.tokens.documents != ranges[n].count { block = TokenBlock(key: keys[n], tokens: next.next()!, reused: false) }
            block!.tokens.docs = ranges[n]
            return block!
        }
        let tokens = blocks.map(\.tokens)

        // 2. One id per distinct spelling, in order of first occurrence (the order the words
        // would be met reading the documents one by one).
        let (globalIds, spelled) = Self.spellingIds(tokens)

        // BM25 length normalisation per document and field, as one flat table.
        let norms = Self.norms(tokens, documents: count)

        // What the folded words add besides their terms, known from the lexicon alone:
        // compound tails ("mantelzorgondersteuning" is also found by "ondersteuning") and
        // whether the word gets a "^word" entry (prefixes while typing: the stem may not start
        // like the word, "woningen" → "woon", so "^woningen" carries the stem's postings for
        // the documents with that word, in the word's own shard, where "wonin" finds it).
        let (lexicon, tails) = spelled.withTails(wordList: wordList)
        let prefixed: [Bool] = lexicon.vocabulary.indices.map { word in
            let text = lexicon.vocabulary[word]
            let key = lexicon.vocabularyKeys[word]
            return text.unicodeScalars.count >= 4 && !key.isEmpty && !text.hasPrefix(key) && lexicon.vocabularyTerms[word] >= 0
        }

        // 3. Per document: its terms with their weighted frequency, and what its words add.
        // In a few groups of consecutive blocks per core: steps 3 and 4 keep tables as large
        // as the vocabulary per group.
        let wanted = zip(prefixed, tails).map { $0 || !$1.isEmpty }
        let groups = groupRanges(ranges, documents: count)
        var tailStarts: [Int32] = [0]
        for list in tails { tailStarts.append(tailStarts.last! + Int32(list.count)) }
        let tailList = Array(tails.joined())
        let docTerms = concurrentMap(groups.count) { n in
            DocTerms(
                tokens[groups[n]], globalIds: globalIds[groups[n]], lexicon: lexicon, norms: norms, tailStarts: tailStarts, tailList: tailList,
                prefixed: prefixed, wanted: wanted)
        }

        // 4. Postings per term, in document order, with their scores.
        let scorer = Scorer(documents: count)
        let postings = Postings(docTerms, terms: lexicon.termKeys.count, scorer: scorer)

        var entries: [Entry] = []
        entries.reserveCapacity(lexicon.termKeys.count * 2)
        for (term, key) in lexicon.termKeys[..<lexicon.corpusTerms].enumerated() {
            let shard = key.hasPrefix("=") ? Self.shardKey(Text.removingDiacritics(String(key.dropFirst()))) : Self.shardKey(key)
            entries.append(Entry(shard: shard, key: key, content: .term(term)))
        }
        let prefixes = PrefixPostings(docTerms, words: lexicon.vocabulary.count, scorer: scorer, postings: postings)
        for (word, text) in lexicon.vocabulary.enumerated() where prefixed[word] && prefixes.hasEntries(word) {
            entries.append(Entry(shard: Self.shardKey(text), key: "^" + text, content: .prefix(word)))
        }

        let tailPostings = TailPostings(docTerms, terms: lexicon.termKeys.count, scorer: scorer, postings: postings)
        for term in 0..<lexicon.termKeys.count where tailPostings.hasEntries(term) {
            let key = lexicon.termKeys[term]
            entries.append(Entry(shard: Self.shardKey(key), key: "~" + key, content: .tail(term)))
        }

        // 5. One JSON object per shard.
        let result = Self.shards(entries, postings: postings, tails: tailPostings, prefixes: prefixes, unchanged: unchanged)
        let terms = lexicon.termKeys[..<lexicon.corpusTerms].filter { !$0.hasPrefix("=") }
        return Result(shards: result, blocks: blocks, terms: terms)
    }

    /// One id per distinct spelling over all blocks, in order of first occurrence, and the
    /// lexicon of those spellings.
    private static func spellingIds(_ tokens: [BlockTokens]) -> (ids: [[Int32]], lexicon: Lexicon) {
        var spellings = WordTable(capacity: 1 << 16)
        let globalIds: [[Int32]] = tokens.map { block in
            block.withColumns { c in
                var start = 0
                return (0..<c.ends.count).map { n in
                    let end = Int(c.ends[n])
                    defer { start = end }
                    let word = UnsafeBufferPointer(rebasing: c.spellings[start..<end])
                    return Int32(spellings.intern(WordBytes(word, readable: c.spellings.count - start)))
                }
            }
        }
        return (globalIds, Lexicon(spellings))
    }

    /// BM25 length normalisation per document and field, as one flat table.
    private static func norms(_ tokens: [BlockTokens], documents count: Int) -> [Double] {
        var averages = Array(repeating: 0.0, count: fieldCount)
        for block in tokens {
            block.withColumns { c in
                for doc in 0..<block.docs.count {
                    for f in 0..<fieldCount { averages[f] += Double(c.lengths[doc * fieldCount + f]) }
                }
            }
        }
        averages = averages.map { max(1, $0 / Double(max(1, count))) }
        var norms = [Double](repeating: 0, count: count * fieldCount)
        for block in tokens {
            block.withColumns { c in
                for (n, doc) in block.docs.enumerated() {
                    for f in 0..<fieldCount {
                        norms[doc * fieldCount + f] = 1 - b + b * Double(c.lengths[n * fieldCount + f]) / averages[f]
                    }
                }
            }
        }
        return norms
    }

    /// Step 5: one JSON object per shard, keys in byte order (String's <); a shard the output
    /// already holds (`unchanged`) is neither serialised nor hashed again.
    private static func shards(
        _ entries: [Entry], postings: Postings, tails: TailPostings, prefixes: PrefixPostings,
        unchanged: ((_ key: String, _ digest: UInt64) -> Bool)?
    ) -> [Shard] {
        let shards = Dictionary(grouping: entries.indices, by: { entries[$0].shard }).sorted { $0.key < $1.key }
        let shard = { (n: Int) -> Shard in
            let (key, members) = shards[n]
            let sorted = members.map({ entries[$0] }).sorted(by: { $0.key < $1.key })
            func postingsOf(_ e: Entry) -> (ArraySlice<Int32>, ArraySlice<Int32>) {
                switch e.content {
                case .term(let term): (postings.docs(term), postings.scores(term))
                case .tail(let term): (tails.docs(term), tails.scores(term))
                case .prefix(let word): (prefixes.docs(word), prefixes.scores(word))
                }
            }
            // The JSON is a function of the sorted keys and their postings: hashing those (as
            // raw Int32s, with the fast text hash) costs a fraction of writing the JSON.
            var digest = mix(0x6b62_7368_6172_6431, UInt64(sorted.count))
            for e in sorted {
                var text = e.key
                let (docs, scores) = postingsOf(e)
                digest = mix(digest, text.withUTF8 { textHash(UnsafeRawBufferPointer($0)) })
                digest = mix(digest, docs.withUnsafeBytes { textHash($0) })
                digest = mix(digest, scores.withUnsafeBytes { textHash($0) })
            }
            if let unchanged, unchanged(key, digest) { return Shard(key: key, bytes: [], digest: digest, kept: true) }
            var writer = JSONWriter(style: .searchFiles, capacity: 1 << 16)
            writer.byte(123)
            for (i, e) in sorted.enumerated() {
                if i > 0 { writer.byte(44) }
                writer.string(e.key)
                writer.byte(58)
                let (docs, scores) = postingsOf(e)
                writer.postings(docs, scores)
            }
            writer.byte(125)
            return Shard(key: key, bytes: writer.bytes, digest: digest)
        }
        return concurrentMap(shards.count, shard)
    }


    /// One key of a shard.    /// One key of a shard.
    private struct Entry {
        enum Content {
            case term(Int)
            case tail(Int)
            case prefix(Int)
        }
        var shard: String
        var key: String
        var content: Content
    }

    /// Token blocks of about `size` consecutive documents, and each block's key. A block ends
    /// after a document whose hash is 0 modulo 3/4 `size` once it has `size`/4 documents (or at
    /// 4 × `size`), not after a fixed count: an edited, added or removed write-up then changes
    /// the blocks around it only, and the others keep their documents and so their keys.
    /// A document's key from its text: the hash of a list of (field, length, hash) per part.
    static func textKey(_ fields: (Int, (Int, String) -> Void) -> Void, document: Int) -> UInt64 {
        var parts: [UInt64] = []
        fields(document) { field, text in
            var text = text
            text.withUTF8 { bytes in
                parts.append(UInt64(field) << 56 | UInt64(bytes.count))
                parts.append(textHash(UnsafeRawBufferPointer(bytes)))
            }
        }
        return parts.withUnsafeBytes { Hash.content($0) }
    }

    static func tokenBlocks(documents count: Int, key: (Int) -> UInt64, size: Int) -> ([Range<Int>], [UInt64]) {
        let hashes = concurrentMap(count, key)
        let minimum = max(1, size / 4)
        let maximum = size * 4
        let divisor = UInt64(max(1, size - minimum))
        var ranges: [Range<Int>] = []
        var start = 0
        for doc in 0..<count where doc + 1 == count || (doc + 1 - start >= minimum && hashes[doc] % divisor == 0) || doc + 1 - start == maximum {
            ranges.append(start..<doc + 1)
            start = doc + 1
        }
        let keys = ranges.map { range in hashes[range].withUnsafeBytes { Hash.content($0) } }
        return (ranges, keys)
    }

    /// A hash of text for the block keys, four times as fast as contentHash (every build hashes
    /// all text): two lanes of 16 bytes, each folded by one 128-bit multiplication as in wyhash.
    /// Each product has a factor with a 0xff byte, which UTF-8 never has, so text cannot zero it.
    static func textHash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        let (k0, k1): (UInt64, UInt64) = (0xa076_1d64_78bd_642f, 0xe703_7ed1_a0b4_28db)
        let (k2, k3): (UInt64, UInt64) = (0xff51_afd7_ed55_8ccd, 0xffb9_2ac4_3e37_5b6d)
        func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
            let product = a.multipliedFullWidth(by: b)
            return product.high ^ product.low
        }
        func word(_ at: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: at, as: UInt64.self) }
        let count = raw.count
        var (a, b) = (k0 ^ UInt64(count), k1)
        var at = 0
        while at + 32 <= count {
            a = mix(word(at) ^ k2, word(at + 8) ^ a)
            b = mix(word(at + 16) ^ k3, word(at + 24) ^ b)
            at += 32
        }
        while at < count {
            var last: UInt64 = 0  // the last one zero-padded; the length is in the seed
            if at + 8 <= count {
                last = word(at)
            } else {
                for n in at..<count { last |= UInt64(raw[n]) << (8 * UInt64(n - at)) }
            }
            a = mix(last ^ k2, a ^ k1)
            at += 8
        }
        return mix(a ^ k3, b ^ k0)
    }

    /// Two hashes in one (a 128-bit product folded, as in textHash); order matters.
    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let product = (a ^ 0xe703_7ed1_a0b4_28db).multipliedFullWidth(by: b ^ 0xa076_1d64_78bd_642f)
        return product.high ^ product.low
    }

    /// Consecutive token blocks in groups of about equal documents, a few groups per core so
    /// both cores stay busy to the end.
    private static func groupRanges(_ blocks: [Range<Int>], documents count: Int) -> [Range<Int>] {
        let groups = max(1, ProcessInfo.processInfo.activeProcessorCount * 4)
        var out: [Range<Int>] = []
        var first = 0
        let group = { (block: Range<Int>) in block.upperBound * groups / count }
        for (n, block) in blocks.enumerated() where n + 1 == blocks.count || group(block) != group(blocks[n + 1]) {
            out.append(first..<n + 1)
            first = n + 1
        }
        return out
    }
}


// MARK: Words

/// The words of a block of documents: per document and field, each distinct word (block-local
/// id) with its count, and the number of words per field (stopwords included). All but `docs`
/// depends only on the documents' text, and lies in one run of bytes that the incremental layer stores
/// as it is and reads back without decoding: the spellings in local-id order (UTF-8), then
/// where each ends, per document where its pairs start (one more than documents), the pairs
/// (local id << 3 | field), their counts (one byte each unless one exceeds 255) and the
/// words per document and field, the others as native UInt32s.
struct BlockTokens {
    var docs: Range<Int>
    let bytes: ArraySlice<UInt8>
    let layout: Layout

    struct Layout: Equatable {
        var spellingBytes: Int
        var words: Int
        var documents: Int
        var pairs: Int
        var wideCounts: Bool

        var size: Int {
            spellingBytes + 4 * (words + documents + 1 + pairs) + (wideCounts ? 4 : 1) * pairs + 4 * documents * SearchIndexBuilder.fieldCount
        }
    }

    var documents: Int { layout.documents }

    init(_ docs: Range<Int>, fields: (Int, (Int, String) -> Void) -> Void) {
        // Locals rather than properties: the per-word closure then needs no exclusivity checks.
        var words = WordTable(capacity: 1 << 12)
        var counter = FieldCounter()
        var ids = IdList()  // the current field's words, in order
        defer { ids.free() }
        var cache = Tokenizer.WordCache()
        var starts: [UInt32] = [0]
        for doc in docs {
            var field = 0
            fields(doc) { part, text in
                assert(part >= field, "fields in order")
                while field < part {
                    counter.count(field, ids: &ids, words: words.count)
                    field += 1
                }
                Tokenizer.forEachWord(in: text, cache: &cache) { ids.append(Int32(words.intern($0))) }
            }
            while field < SearchIndexBuilder.fieldCount {
                counter.count(field, ids: &ids, words: words.count)
                field += 1
            }
            starts.append(UInt32(counter.pairs.count))
        }
        let (spellings, ends) = words.spellings
        let wide = counter.counts.contains { $0 > 255 }
        layout = Layout(spellingBytes: spellings.count, words: ends.count, documents: docs.count, pairs: counter.pairs.count, wideCounts: wide)
        var bytes = spellings
        bytes.reserveCapacity(layout.size)
        for array in [ends, starts, counter.pairs] { array.withUnsafeBytes { bytes += $0 } }
        if wide { counter.counts.withUnsafeBytes { bytes += $0 } } else { bytes += counter.counts.lazy.map { UInt8($0) } }
        counter.lengths.withUnsafeBytes { bytes += $0 }
        self.bytes = bytes[...]
        self.docs = docs
    }

    /// A block as read back (BuildMemo.searchBlocks), if its arrays fit together: offsets and ids in range,
    /// so nothing later reads outside the bytes.
    init?(_ bytes: ArraySlice<UInt8>, layout: Layout) {
        guard layout.size == bytes.count, layout.documents >= 0, layout.spellingBytes >= 0 else { return nil }
        self.bytes = bytes
        self.layout = layout
        docs = 0..<layout.documents
        let fields = SearchIndexBuilder.fieldCount
        let valid = withColumns { c in
            var last: UInt32 = 0
            for n in 0..<c.ends.count {
                guard c.ends[n] >= last else { return false }
                last = c.ends[n]
            }
            guard Int(last) <= layout.spellingBytes, c.starts[0] == 0, Int(c.starts[layout.documents]) == layout.pairs else { return false }
            for n in 0..<layout.documents where c.starts[n] > c.starts[n + 1] { return false }
            for n in 0..<c.pairs.count where Int(c.pairs[n] >> 3) >= layout.words || Int(c.pairs[n] & 7) >= fields { return false }
            return true
        }
        if !valid { return nil }
    }

    /// The arrays, read in place.
    func withColumns<R>(_ body: (Columns) -> R) -> R {
        bytes.withUnsafeBytes { raw in
            var at = raw.baseAddress!
            func take(_ count: Int, _ width: Int = 4) -> UnsafeRawPointer {
                defer { at += count * width }
                return at
            }
            let spellings = UnsafeBufferPointer(start: take(layout.spellingBytes, 1).assumingMemoryBound(to: UInt8.self), count: layout.spellingBytes)
            let ends = UInt32s(take(layout.words), count: layout.words)
            let starts = UInt32s(take(layout.documents + 1), count: layout.documents + 1)
            let pairs = UInt32s(take(layout.pairs), count: layout.pairs)
            let counts = Counts(take(layout.pairs, layout.wideCounts ? 4 : 1), count: layout.pairs, wide: layout.wideCounts)
            let lengths = UInt32s(take(layout.documents * SearchIndexBuilder.fieldCount), count: layout.documents * SearchIndexBuilder.fieldCount)
            return body(Columns(spellings: spellings, ends: ends, starts: starts, pairs: pairs, counts: counts, lengths: lengths))
        }
    }

    struct Columns {
        var spellings: UnsafeBufferPointer<UInt8>
        var ends: UInt32s
        var starts: UInt32s
        var pairs: UInt32s
        var counts: Counts
        var lengths: UInt32s
    }

    /// UInt32s at any alignment (the bytes lie wherever the cache file put them).
    struct UInt32s {
        let base: UnsafeRawPointer
        let count: Int
        init(_ base: UnsafeRawPointer, count: Int) { (self.base, self.count) = (base, count) }

        @inline(__always)
        subscript(_ n: Int) -> UInt32 {
            precondition(n >= 0 && n < count)
            return base.loadUnaligned(fromByteOffset: n &* 4, as: UInt32.self)
        }
    }

    struct Counts {
        let base: UnsafeRawPointer
        let count: Int
        let wide: Bool
        init(_ base: UnsafeRawPointer, count: Int, wide: Bool) { (self.base, self.count, self.wide) = (base, count, wide) }

        @inline(__always)
        subscript(_ n: Int) -> UInt32 {
            precondition(n >= 0 && n < count)
            return wide ? base.loadUnaligned(fromByteOffset: n &* 4, as: UInt32.self) : UInt32(base.load(fromByteOffset: n, as: UInt8.self))
        }
    }
}

/// Counts a field's words once they are all collected.
private struct FieldCounter {
    var pairs: [UInt32] = []
    var counts: [UInt32] = []
    var lengths: [UInt32] = []
    private var perWord: [UInt32] = []  // count in the current field, by local id
    private var seen: [Int32] = []  // ids in order of first occurrence in the field

    /// Appends the (word, field) pairs of `ids` with their counts, and empties `ids`.
    mutating func count(_ field: Int, ids: inout IdList, words known: Int) {
        if perWord.count < known { perWord += repeatElement(0, count: known - perWord.count) }
        if seen.count < ids.count { seen = [Int32](repeating: 0, count: ids.count * 2) }
        let words = UnsafeBufferPointer(start: ids.base, count: ids.count)
        perWord.withUnsafeMutableBufferPointer { perWord in
            seen.withUnsafeMutableBufferPointer { seen in
                // Without branches: about half the words are a field's first of their kind.
                var firsts = 0
                for id in words {
                    let before = perWord[Int(id)]
                    seen[firsts] = id
                    firsts &+= before == 0 ? 1 : 0
                    perWord[Int(id)] = before &+ 1
                }
                for id in seen[..<firsts] {
                    pairs.append(UInt32(id) << 3 | UInt32(field))
                    counts.append(perWord[Int(id)])
                    perWord[Int(id)] = 0
                }
            }
        }
        lengths.append(UInt32(ids.count))
        ids.count = 0
    }
}

/// Word ids, appended once per word of the corpus: a plain buffer, without the uniqueness
/// check Array makes on every append.
private struct IdList {
    private(set) var base = UnsafeMutablePointer<Int32>.allocate(capacity: 1024)
    private var capacity = 1024
    var count = 0

    @inline(__always)
    mutating func append(_ id: Int32) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<Int32>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        base[count] = id
        count += 1
    }

    func free() { base.deallocate() }
}

/// What each distinct spelling contributes: its term keys and folded word, computed with the
/// same String operations (and caches) as a word-by-word build.
private struct Lexicon {
    /// Term key strings by term id ("=…" for the spelling with diacritics). Those from
    /// `corpusTerms` on are compound tails only (from the word list): no document has them.
    var termKeys: [String] = []
    var corpusTerms = 0
    private var termIndex: [String: Int32] = [:]
    /// Folded surface words by word id.
    var vocabulary: [String] = []
    private var vocabularyIndex: [String: Int32] = [:]
    /// The same by UTF-8 bytes (distinct Strings have distinct bytes), ids equal to word ids.
    private var vocabularyBytes = WordTable()
    /// Stem key of each folded word, and its term id (-1 if no document has that term).
    var vocabularyKeys: [String] = []
    var vocabularyTerms: [Int32] = []
    /// Per spelling: its stem term (-1 for stopwords and empty stems), its "=" term (-1 if it
    /// has no diacritics) and its folded word.
    var stemTerm: [Int32]
    var exactTerm: [Int32]
    var folded: [Int32]

    init(_ spellings: WordTable) {
        let count = spellings.count
        let words = (0..<count).map { spellings.string($0) }
        // Stemming and folding are pure: do them on all cores, use them in order below.
        let stems = concurrentMap(count) { DutchStemmer.stem(words[$0]) }
        let stemKeys = concurrentMap(count) { Text.removingDiacritics(stems[$0]) }
        let foldedWords = concurrentMap(count) { Text.removingDiacritics(words[$0]) }
        stemTerm = [Int32](repeating: -1, count: count)
        exactTerm = [Int32](repeating: -1, count: count)
        folded = [Int32](repeating: -1, count: count)
        func term(_ key: String) -> Int32 { self.term(key) }
        // Keyed by String, so spellings that are canonically equal share the first one's stem.
        var stemCache: [String: String] = [:]
        for id in 0..<count {
            let word = words[id]
            guard !Tokenizer.stopwords.contains(word) else { continue }
            let key: String
            if let cached = stemCache[word] {
                key = cached
            } else {
                key = stemKeys[id]
                stemCache[word] = key
            }
            guard !key.isEmpty else { continue }
            stemTerm[id] = term(key)
            if foldedWords[id] != word {
                // The form with diacritics too, so "cliënt" ranks writers who spell it so first.
                exactTerm[id] = term("=" + stems[id])
            }
            folded[id] = vocabularyId(foldedWords[id])
        }
        for word in vocabulary {
            let key: String
            if let cached = stemCache[word] {
                key = cached
            } else {
                key = Text.removingDiacritics(DutchStemmer.stem(word))
                stemCache[word] = key
            }
            vocabularyKeys.append(key)
            vocabularyTerms.append(termIndex[key] ?? -1)
            var bytes = word
            bytes.withUTF8 { _ = vocabularyBytes.intern($0) }
        }
        corpusTerms = termKeys.count
    }

    private mutating func term(_ key: String) -> Int32 {
        if let id = termIndex[key] { return id }
        let id = Int32(termKeys.count)
        termIndex[key] = id
        termKeys.append(key)
        return id
    }

    /// A compound's tail: a folded word of the corpus, or the stem key of a word-list word.
    enum Tail {
        case word(Int32)
        case key(String)
    }

    /// Each folded word's tail terms, and the lexicon with the word-list tails that are no term
    /// of the corpus as terms of their own (after `corpusTerms`).
    func withTails(wordList: WordList?) -> (Lexicon, [[Int32]]) {
        let found = concurrentMap(vocabulary.count) { tails(of: $0, wordList: wordList) }
        var lexicon = self
        let terms = found.map { tails in
            var terms: [Int32] = []
            for tail in tails {
                let id: Int32
                switch tail {
                case .word(let word): id = lexicon.vocabularyTerms[Int(word)]
                case .key(let key): id = lexicon.term(key)
                }
                if id >= 0 && !terms.contains(id) { terms.append(id) }
            }
            return terms
        }
        return (lexicon, terms)
    }

    private mutating func vocabularyId(_ word: String) -> Int32 {
        if let id = vocabularyIndex[word] { return id }
        let id = Int32(vocabulary.count)
        vocabularyIndex[word] = id
        vocabulary.append(word)
        return id
    }

    /// The tails of `word` after at least three letters: folded words of the corpus, and
    /// (with a word list) words of the list after a head that is a word of the list too,
    /// maybe with a linking "s" ("val|preventie", "respijt|zorg", "veiligheid|s|plan"). The
    /// head check keeps accidental endings out ("ver|zorging" has no word "zorging" anyway,
    /// but "bel|eid" must not make "eid" a tail).
    func tails(of word: Int, wordList: WordList?) -> [Tail] {
        var text = vocabulary[word]
        let minimum = SearchIndexBuilder.minimumTail
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            // An ASCII tail equals (canonically) only the folded word with the same bytes:
            // folded words hold no scalars that decompose. So bytes are looked up, without
            // making a String per tail.
            return text.withUTF8 { bytes in
                guard bytes.count >= minimum + 3 else { return [] }
                var found: [Tail] = []
                for start in 3...(bytes.count - minimum) {
                    let tail = UnsafeBufferPointer(rebasing: bytes[start...])
                    if let id = vocabularyBytes.id(of: tail) {
                        found.append(.word(Int32(id)))
                    } else if let wordList, wordList.contains(tail), Self.isHead(UnsafeBufferPointer(rebasing: bytes[..<start]), wordList) {
                        let tailText = String(decoding: tail, as: UTF8.self)
                        found.append(.key(Text.removingDiacritics(DutchStemmer.stem(tailText))))
                    }
                }
                return found
            }
        }
        let scalars = Array(text.unicodeScalars)
        guard scalars.count >= minimum + 3 else { return [] }
        var found: [Tail] = []
        for start in 3...(scalars.count - minimum) {
            let tail = String(String.UnicodeScalarView(scalars[start...]))
            if let id = vocabularyIndex[tail] { found.append(.word(id)) }
        }
        return found
    }

    /// A compound's head: a word of the list, or one followed by a linking "s".
    private static func isHead(_ head: UnsafeBufferPointer<UInt8>, _ wordList: WordList) -> Bool {
        if wordList.contains(head) { return true }
        return head.count >= 4 && head[head.count - 1] == UInt8(ascii: "s") && wordList.contains(UnsafeBufferPointer(rebasing: head.dropLast()))
    }
}

// MARK: Postings

/// Per document of a block: the terms it has, each with its weighted frequency (the part of
/// BM25 that does not depend on other documents), and what its words add: the "^word" entries
/// it belongs to and its compound-tail candidates. One pass, so frequencies live only per
/// document and nothing else needs the document's words again.
private struct DocTerms {
    let docs: Range<Int>
    var termStarts: [Int] = [0]
    var terms: [Int32] = []
    var weighted: [Double] = []  // per entry of `terms`
    /// Per document: (folded word, its stem term's entry in `terms`) for words with a "^" entry.
    var prefixStarts: [Int] = [0]
    var prefixWords: [Int32] = []
    var prefixEntries: [Int32] = []
    /// Per document: (tail term, weighted frequency of the compound) for tail terms the
    /// document lacks; a term may come more than once, the best score counts.
    var tailStarts: [Int] = [0]
    var tailTerms: [Int32] = []
    var tailWeighted: [Double] = []

    private struct Local {
        var stem: Int32  // -1: a stopword or empty stem, nothing to index
        var exact: Int32
        var word: Int32
        var wanted: Bool
    }

    /// Term frequencies below this have their quotients computed once per document.
    private static let cached = 16

    /// `blocks`: consecutive token blocks. `wanted`: per folded word, whether it has a "^" entry or tails.
    /// `tails`: each folded word's tail words, as `tailList[tailStarts[w]..<tailStarts[w + 1]]`.
    init(
        _ blocks: ArraySlice<BlockTokens>, globalIds: ArraySlice<[Int32]>, lexicon: Lexicon, norms: [Double], tailStarts wordTailStarts: [Int32],
        tailList: [Int32], prefixed: [Bool], wanted: [Bool]
    ) {
        docs = blocks.first!.docs.lowerBound..<blocks.last!.docs.upperBound
        let fields = SearchIndexBuilder.fieldCount
        let cached = Self.cached
        // Everything in locals and read through buffers: appending to the struct's own arrays
        // and indexing checked arrays per (word, field) pair was most of this step.
        var slot = [Int32](repeating: -1, count: lexicon.termKeys.count)  // term -> entry of this document
        var wordSeen = [Int32](repeating: -1, count: lexicon.vocabulary.count)  // word -> last document that had it
        var frequencies = [UInt32](repeating: 0, count: 64 * fields)  // fieldCount per entry of this document
        var words: [Int32] = []  // this document's words with a "^" entry or tails
        // (weight × tf) / norm for small tf, per field of the current document: the same
        // Doubles as dividing for each term, a fraction of the divisions.
        var quotients = [Double](repeating: 0, count: fields * cached)
        // Room for about one term per (word, field) pair: growing from empty copies megabytes.
        let pairCount = blocks.reduce(0) { $0 + $1.layout.pairs }
        var terms: [Int32] = []
        var weighted: [Double] = []
        terms.reserveCapacity(pairCount)
        weighted.reserveCapacity(pairCount)
        var termStarts = [0], prefixStarts = [0], tailStarts = [0]
        var prefixWords: [Int32] = [], prefixEntries: [Int32] = [], tailTerms: [Int32] = [], tailWeighted: [Double] = []
        let weights = Scorer.weights
        let vocabularyTerms = lexicon.vocabularyTerms
        for (tokens, globalIds) in zip(blocks, globalIds) {
            // What each of the block's words adds, looked up once instead of once per pair.
            let locals = globalIds.map { id in
                let spelling = Int(id)
                let word = lexicon.folded[spelling]
                return Local(
                    stem: lexicon.stemTerm[spelling], exact: lexicon.exactTerm[spelling], word: word,
                    wanted: word >= 0 && wanted[Int(word)])
            }
            tokens.withColumns { columns in
                locals.withUnsafeBufferPointer { locals in
                    norms.withUnsafeBufferPointer { norms in
                        slot.withUnsafeMutableBufferPointer { slot in
                            wordSeen.withUnsafeMutableBufferPointer { wordSeen in
                                quotients.withUnsafeMutableBufferPointer { quotients in
                                    for n in 0..<tokens.docs.count {
                                        let doc = tokens.docs.lowerBound + n
                                        let first = terms.count
                                        words.removeAll(keepingCapacity: true)
                                        let pairs = Int(columns.starts[n])..<Int(columns.starts[n + 1])
                                        // At most two terms (stem and "=" form) per pair.
                                        if frequencies.count < 2 * pairs.count * fields {
                                            frequencies = [UInt32](repeating: 0, count: 4 * pairs.count * fields)
                                        }
                                        frequencies.withUnsafeMutableBufferPointer { tfs in
                                            Self.count(
                                                pairs, columns, locals: locals, doc: doc, first: first, slot: slot, wordSeen: wordSeen, tfs: tfs,
                                                terms: &terms, words: &words)
                                            let norm = UnsafeBufferPointer(rebasing: norms[(doc * fields)..<((doc + 1) * fields)])
                                            Self.weigh(tfs, entries: terms.count - first, norm: norm, quotients: quotients, weights: weights, into: &weighted)
                                        }
                                        for word in words {
                                            let own = vocabularyTerms[Int(word)]
                                            let entry = own >= 0 ? Int(slot[Int(own)]) : -1
                                            if prefixed[Int(word)] && entry >= 0 {
                                                prefixWords.append(word)
                                                prefixEntries.append(Int32(entry))
                                            }
                                            let tails = Int(wordTailStarts[Int(word)])..<Int(wordTailStarts[Int(word) + 1])
                                            Self.addTails(
                                                tailList[tails], entry: entry, doc: doc, slot: UnsafeBufferPointer(slot), vocabularyTerms: vocabularyTerms,
                                                weighted: weighted, norms: norms, terms: &tailTerms, weights: &tailWeighted)
                                        }
                                        for term in terms[first...] { slot[Int(term)] = -1 }
                                        termStarts.append(terms.count)
                                        prefixStarts.append(prefixWords.count)
                                        tailStarts.append(tailTerms.count)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        (self.terms, self.weighted, self.termStarts) = (terms, weighted, termStarts)
        (self.prefixWords, self.prefixEntries, self.prefixStarts) = (prefixWords, prefixEntries, prefixStarts)
        (self.tailTerms, self.tailWeighted, self.tailStarts) = (tailTerms, tailWeighted, tailStarts)
    }

    /// Counts a document's (word, field) pairs into `tfs` per term entry (a new entry for a term
    /// met first), and notes its words that have a "^" entry or tails.
    @inline(__always)
    private static func count(
        _ pairs: Range<Int>, _ columns: BlockTokens.Columns, locals: UnsafeBufferPointer<Local>, doc: Int, first: Int,
        slot: UnsafeMutableBufferPointer<Int32>, wordSeen: UnsafeMutableBufferPointer<Int32>, tfs: UnsafeMutableBufferPointer<UInt32>,
        terms: inout [Int32], words: inout [Int32]
    ) {
        let fields = SearchIndexBuilder.fieldCount
        func add(_ term: Int32, field: Int, count: UInt32) {
            var at = Int(slot[Int(term)])
            if at < 0 {
                at = terms.count
                slot[Int(term)] = Int32(at)
                terms.append(term)
            }
            tfs[(at - first) &* fields &+ field] &+= count
        }
        for p in pairs {
            let pair = columns.pairs[p]
            let local = locals[Int(pair >> 3)]
            guard local.stem >= 0 else { continue }
            let field = Int(pair & 7)
            let count = columns.counts[p]
            add(local.stem, field: field, count: count)
            if local.exact >= 0 { add(local.exact, field: field, count: count) }
            if local.wanted && wordSeen[Int(local.word)] != Int32(doc) {
                wordSeen[Int(local.word)] = Int32(doc)
                words.append(local.word)
            }
        }
    }

    /// A document's weighted frequency per entry (its terms from `entries` back), as
    /// Scorer.weighted computes it: the same quotients added in the same order. Clears `tfs`.
    @inline(__always)
    private static func weigh(
        _ tfs: UnsafeMutableBufferPointer<UInt32>, entries: Int, norm: UnsafeBufferPointer<Double>, quotients: UnsafeMutableBufferPointer<Double>,
        weights: [Double], into weighted: inout [Double]
    ) {
        let fields = SearchIndexBuilder.fieldCount
        for f in 0..<fields {
            for tf in 1..<cached {
                quotients[f &* cached &+ tf] = weights[f] * Double(tf) / norm[f]
            }
        }
        for e in 0..<entries {
            var sum = 0.0
            for f in 0..<fields {
                let tf = Int(tfs[e &* fields &+ f])
                sum += tf < cached ? quotients[f &* cached &+ tf] : weights[f] * Double(tf) / norm[f]
                tfs[e &* fields &+ f] = 0
            }
            weighted.append(sum)
        }
    }

    /// The tail terms a compound word adds to its document (those the document lacks as terms
    /// of its own), each weighted as the compound: by its own entry, or as one body occurrence
    /// when it has none.
    @inline(__always)
    private static func addTails(
        _ tails: ArraySlice<Int32>, entry: Int, doc: Int, slot: UnsafeBufferPointer<Int32>, vocabularyTerms: [Int32], weighted: [Double],
        norms: UnsafeBufferPointer<Double>, terms: inout [Int32], weights: inout [Double]
    ) {
        var compound = -1.0
        for key in tails {
            guard slot[Int(key)] < 0 else { continue }
            if compound < 0 {
                let body: [UInt32] = [0, 0, 0, 0, 1]
                compound = entry >= 0 ? weighted[entry] : body.withUnsafeBufferPointer { Scorer.weighted($0, doc: doc, norms: norms) }
            }
            terms.append(key)
            weights.append(compound)
        }
    }
}

/// BM25 over weighted fields, in two parts: the weighted frequency needs only the document,
/// the rest the document frequency.
private struct Scorer {
    let documents: Int

    static let weights = SearchIndexBuilder.Field.allCases.map(\.weight)

    static func weighted(_ tfs: UnsafeBufferPointer<UInt32>, doc: Int, norms: UnsafeBufferPointer<Double>) -> Double {
        // Fields the term is not in add 0.0, which changes nothing (norms are positive): no
        // branch on which fields it is in.
        var weighted = 0.0
        for f in 0..<tfs.count {
            weighted += weights[f] * Double(tfs[f]) / norms[doc * tfs.count + f]
        }
        return weighted
    }

    func idf(df: Int) -> Double {
        log(1 + (Double(documents) - Double(df) + 0.5) / (Double(df) + 0.5))
    }

    /// The index's integer score: BM25 × 100 × `factor`, at least 1.
    @inline(__always)
    static func score(idf: Double, weighted: Double, factor: Double = 1) -> Int32 {
        let bm25 = idf * weighted * (SearchIndexBuilder.k1 + 1) / (weighted + SearchIndexBuilder.k1)
        return Int32(max(1, Int((bm25 * 100 * factor).rounded())))  // × 1 is exact
    }
}

/// Groups (key, document, score) triples that blocks produce in document order by key, each
/// group in document order. Each block's share of each group is known from counts, so the
/// blocks fill their parts at the same time.
private struct Grouped {
    /// A block's triples: its documents, where each document's entries start, and each
    /// entry's key and score.
    struct Part {
        var docs: Range<Int>
        var starts: [Int]
        var keys: [Int32]
        var scores: [Int32]
    }

    var starts: [Int]
    var docList: [Int32]
    var scoreList: [Int32]

    /// How often each key occurs in each block's keys.
    static func counts(_ blocks: [[Int32]], keys count: Int) -> [[Int]] {
        concurrentMap(blocks.count) { b in
            var counts = [Int](repeating: 0, count: count)
            for key in blocks[b] { counts[Int(key)] += 1 }
            return counts
        }
    }

    init(_ parts: [Part], keys count: Int, counts given: [[Int]]? = nil) {
        let perBlock = given ?? Self.counts(parts.map(\.keys), keys: count)
        var starts = [Int](repeating: 0, count: count + 1)
        var offsets = perBlock  // where block b's part of each group starts
        for k in 0..<count {
            var at = starts[k]
            for b in 0..<parts.count {
                offsets[b][k] = at
                at += perBlock[b][k]
            }
            starts[k + 1] = at
        }
        let total = starts[count]
        // Every slot is written once below: no need to clear megabytes first.
        var scoreList: [Int32] = []
        let docList = [Int32](unsafeUninitializedCapacity: total) { docs, docsWritten in
            scoreList = [Int32](unsafeUninitializedCapacity: total) { scores, scoresWritten in
                let (docs, scores) = (docs, scores)
                _ = concurrentMap(parts.count) { b in
                    var next = offsets[b]
                    next.withUnsafeMutableBufferPointer { next in
                        parts[b].keys.withUnsafeBufferPointer { keys in
                            parts[b].scores.withUnsafeBufferPointer { partScores in
                                for (n, doc) in parts[b].docs.enumerated() {
                                    for e in parts[b].starts[n]..<parts[b].starts[n + 1] {
                                        let at = next[Int(keys[e])]
                                        docs[at] = Int32(doc)
                                        scores[at] = partScores[e]
                                        next[Int(keys[e])] = at + 1
                                    }
                                }
                            }
                        }
                    }
                }
                scoresWritten = total
            }
            docsWritten = total
        }
        self.starts = starts
        self.docList = docList
        self.scoreList = scoreList
    }

    func count(_ key: Int) -> Int { starts[key + 1] - starts[key] }
    func docs(_ key: Int) -> ArraySlice<Int32> { docList[starts[key]..<starts[key + 1]] }
    func scores(_ key: Int) -> ArraySlice<Int32> { scoreList[starts[key]..<starts[key + 1]] }
}

/// All (document, score) postings, grouped by term, each group in document order.
private struct Postings {
    var grouped: Grouped
    var idf: [Double]

    init(_ blocks: [DocTerms], terms: Int, scorer: Scorer) {
        let counts = Grouped.counts(blocks.map(\.terms), keys: terms)
        var df = [Int](repeating: 0, count: terms)
        for block in counts { for term in 0..<terms { df[term] += block[term] } }
        let idf = df.map { scorer.idf(df: $0) }
        let parts = concurrentMap(blocks.count) { b in
            let scores = blocks[b].terms.indices.map { e in
                Scorer.score(idf: idf[Int(blocks[b].terms[e])], weighted: blocks[b].weighted[e])
            }
            return Grouped.Part(docs: blocks[b].docs, starts: blocks[b].termStarts, keys: blocks[b].terms, scores: scores)
        }
        grouped = Grouped(parts, keys: terms, counts: counts)
        self.idf = idf
    }

    func df(_ term: Int) -> Int { grouped.count(term) }
    func docs(_ term: Int) -> ArraySlice<Int32> { grouped.docs(term) }
    func scores(_ term: Int) -> ArraySlice<Int32> { grouped.scores(term) }
}

/// "^word" postings: the stem term's postings for the documents that have the word.
private struct PrefixPostings {
    var grouped: Grouped

    init(_ blocks: [DocTerms], words: Int, scorer: Scorer, postings: Postings) {
        let parts = concurrentMap(blocks.count) { b in
            let block = blocks[b]
            let scores = block.prefixEntries.map { entry in
                Scorer.score(idf: postings.idf[Int(block.terms[Int(entry)])], weighted: block.weighted[Int(entry)])
            }
            return Grouped.Part(docs: block.docs, starts: block.prefixStarts, keys: block.prefixWords, scores: scores)
        }
        grouped = Grouped(parts, keys: words)
    }

    func hasEntries(_ word: Int) -> Bool { grouped.count(word) > 0 }
    func docs(_ word: Int) -> ArraySlice<Int32> { grouped.docs(word) }
    func scores(_ word: Int) -> ArraySlice<Int32> { grouped.scores(word) }
}

/// Compound-tail postings: a document with "mantelzorgondersteuning" but not the term
/// "ondersteun" itself gets a reduced posting for it, the best its compounds give. Grouped by
/// term, in document order.
private struct TailPostings {
    var grouped: Grouped

    init(_ blocks: [DocTerms], terms: Int, scorer: Scorer, postings: Postings) {
        // Scored with the tail term's document frequency counting this document too.
        let idf = (0..<terms).map { scorer.idf(df: postings.df($0) + 1) }
        // Per block and document: each term once, with its best score.
        let parts = concurrentMap(blocks.count) { b in
            let block = blocks[b]
            var best = [Int32](repeating: -1, count: terms)  // term -> its entry in `out`
            var out = Grouped.Part(docs: block.docs, starts: [0], keys: [], scores: [])
            for n in 0..<block.docs.count {
                let first = out.keys.count
                for c in block.tailStarts[n]..<block.tailStarts[n + 1] {
                    let key = Int(block.tailTerms[c])
                    let score = Scorer.score(idf: idf[key], weighted: block.tailWeighted[c], factor: SearchIndexBuilder.compoundFactor)
                    if best[key] < 0 {
                        best[key] = Int32(out.keys.count)
                        out.keys.append(Int32(key))
                        out.scores.append(score)
                    } else {
                        out.scores[Int(best[key])] = max(out.scores[Int(best[key])], score)
                    }
                }
                for term in out.keys[first...] { best[Int(term)] = -1 }
                out.starts.append(out.keys.count)
            }
            return out
        }
        grouped = Grouped(parts, keys: terms)
    }

    func hasEntries(_ term: Int) -> Bool { grouped.count(term) > 0 }
    func docs(_ term: Int) -> ArraySlice<Int32> { grouped.docs(term) }
    func scores(_ term: Int) -> ArraySlice<Int32> { grouped.scores(term) }
}

