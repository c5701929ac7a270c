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

    /// One term shard file: its key and its JSON.
    struct Shard {
        var key: String
        var bytes: [UInt8]
    }

    /// Shard key of an index term: its first two characters, so a query word (or prefix of ≥ 2
    /// letters) needs exactly one shard.
    static func shardKey(_ term: String) -> String {
        let scalars = Array(term.unicodeScalars.prefix(2))
        let key = String(String.UnicodeScalarView(scalars))
        // Keep file names plain ASCII; anything else shares one shard.
        return key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) } ? key : "_"
    }

    /// The term shards, sorted by key. `fields(doc)` gives a document's text per Field; it is
    /// called concurrently.
    static func build(documents count: Int, fields: (Int) -> [String]) -> [Shard] {
        guard count > 0 else { return [] }
        let blocks = blockRanges(count)

        // 1. Tokenise and count per block, words as block-local ids.
        let tokens = concurrentMap(blocks.count) { BlockTokens(blocks[$0], fields: fields) }

        // 2. One id per distinct spelling, in order of first occurrence (the order the words
        // would be met reading the documents one by one).
        var spellings = WordTable(capacity: 1 << 16)
        let globalIds: [[Int32]] = tokens.map { block in
            (0..<block.words.count).map { id in Int32(block.words.withWord(id) { spellings.intern($0) }) }
        }
        let lexicon = Lexicon(spellings)

        // 3. Term frequencies per document, and the folded words each document has.
        let docTerms = concurrentMap(blocks.count) { n in
            DocTerms(tokens[n], globalIds: globalIds[n], lexicon: lexicon)
        }

        // BM25 length normalisation per document and field, as one flat table.
        var averages = Array(repeating: 0.0, count: fieldCount)
        for block in tokens {
            for doc in 0..<block.docs.count {
                for f in 0..<fieldCount { averages[f] += Double(block.lengths[doc * fieldCount + f]) }
            }
        }
        averages = averages.map { max(1, $0 / Double(max(1, count))) }
        var norms = [Double](repeating: 0, count: count * fieldCount)
        for block in tokens {
            for (n, doc) in block.docs.enumerated() {
                for f in 0..<fieldCount {
                    norms[doc * fieldCount + f] = 1 - Self.b + Self.b * Double(block.lengths[n * fieldCount + f]) / averages[f]
                }
            }
        }
        let scorer = Scorer(documents: count, norms: norms)

        // 4. Postings per term, in document order, with their scores.
        let postings = Postings(docTerms, terms: lexicon.termKeys.count, scorer: scorer)

        var entries: [Entry] = []
        entries.reserveCapacity(lexicon.termKeys.count * 2)
        for (term, key) in lexicon.termKeys.enumerated() {
            let shard = key.hasPrefix("=") ? Self.shardKey(Tokenizer.fold(String(key.dropFirst()))) : Self.shardKey(key)
            entries.append(Entry(shard: shard, key: key, content: .term(term)))
        }

        // Prefixes while typing: the stem may not start like the word ("woningen" → "woon"), so
        // "^woningen" carries the stem's postings for the documents with that word, in the
        // word's own shard, where a typed prefix ("wonin") finds it.
        let wordDocs = WordDocs(docTerms, words: lexicon.vocabulary.count)
        for (word, text) in lexicon.vocabulary.enumerated() where text.unicodeScalars.count >= 4 {
            let key = lexicon.vocabularyKeys[word]
            let term = lexicon.vocabularyTerms[word]
            guard !key.isEmpty, !text.hasPrefix(key), term >= 0 else { continue }
            let mine = postings.entries(of: Int(term), onlyIn: wordDocs.docs(of: word))
            guard !mine.docs.isEmpty else { continue }
            entries.append(Entry(shard: Self.shardKey(text), key: "^" + text, content: .list(mine)))
        }

        // Compound tails: "mantelzorgondersteuning" is also found by "ondersteuning".
        let tails = concurrentMap(lexicon.vocabulary.count) { lexicon.tails(of: $0) }
        let tailPostings = TailPostings(docTerms, tails: tails, lexicon: lexicon, postings: postings, scorer: scorer)
        for term in 0..<lexicon.termKeys.count where tailPostings.hasEntries(term) {
            let key = lexicon.termKeys[term]
            entries.append(Entry(shard: Self.shardKey(key), key: "~" + key, content: .tail(term)))
        }

        // 5. One JSON object per shard, keys sorted like JSONSerialization's .sortedKeys.
        let shards = Dictionary(grouping: entries.indices, by: { entries[$0].shard }).sorted { $0.key < $1.key }
        let result = concurrentMap(shards.count) { n in
            let (key, members) = shards[n]
            var writer = SearchJSON(capacity: 1 << 16)
            writer.byte(123)
            for (i, e) in members.map({ entries[$0] }).sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { writer.byte(44) }
                writer.string(e.key)
                writer.byte(58)
                switch e.content {
                case .term(let term): writer.postings(postings.docs(term), postings.scores(term))
                case .tail(let term): writer.postings(tailPostings.docs(term), tailPostings.scores(term))
                case .list(let list): writer.postings(list.docs, list.scores)
                }
            }
            writer.byte(125)
            return Shard(key: key, bytes: writer.bytes)
        }
        return result
    }

    /// One key of a shard.
    private struct Entry {
        enum Content {
            case term(Int)
            case tail(Int)
            case list((docs: [Int32], scores: [Int32]))
        }
        var shard: String
        var key: String
        var content: Content
    }

    /// Blocks of consecutive documents: a few per core so both cores stay busy to the end.
    private static func blockRanges(_ count: Int) -> [Range<Int>] {
        let blocks = min(count, max(1, ProcessInfo.processInfo.activeProcessorCount * 4))
        return (0..<blocks).map { n in (count * n / blocks)..<(count * (n + 1) / blocks) }
    }
}

// MARK: Words

/// The words of a block of documents: per document and field, each distinct word (block-local
/// id) with its count, and the number of words per field (stopwords included).
private struct BlockTokens {
    let docs: Range<Int>
    var words: WordTable
    /// Per document: start into `pairs`/`counts` (one more entry than documents).
    var starts: [Int]
    /// Local word id << 3 | field.
    var pairs: [UInt32]
    var counts: [UInt32]
    /// Words per document and field.
    var lengths: [Int]

    init(_ docs: Range<Int>, fields: (Int) -> [String]) {
        self.docs = docs
        // Locals rather than properties: the per-word closure then needs no exclusivity checks.
        var words = WordTable(capacity: 1 << 14)
        var pairs: [UInt32] = []
        var counts: [UInt32] = []
        var perWord: [UInt32] = []  // count in the current field, by local id
        var seen: [Int] = []
        var cache = Tokenizer.WordCache()
        var starts = [0]
        var lengths: [Int] = []
        for doc in docs {
            for (field, text) in fields(doc).enumerated() {
                var length = 0
                Tokenizer.forEachWord(in: text, cache: &cache) { word in
                    let id = words.intern(word)
                    if id == perWord.count { perWord.append(0) }
                    if perWord[id] == 0 { seen.append(id) }
                    perWord[id] += 1
                    length += 1
                }
                for id in seen {
                    pairs.append(UInt32(id) << 3 | UInt32(field))
                    counts.append(perWord[id])
                    perWord[id] = 0
                }
                seen.removeAll(keepingCapacity: true)
                lengths.append(length)
            }
            starts.append(pairs.count)
        }
        self.words = words
        self.starts = starts
        self.lengths = lengths
        self.pairs = pairs
        self.counts = counts
    }
}

/// What each distinct spelling contributes: its term keys and folded word, computed with the
/// same String operations (and caches) as a word-by-word build.
private struct Lexicon {
    /// Term key strings by term id ("=…" for the spelling with diacritics).
    var termKeys: [String] = []
    /// Folded surface words by word id.
    var vocabulary: [String] = []
    private var vocabularyIndex: [String: Int32] = [:]
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
        let stemKeys = concurrentMap(count) { Tokenizer.fold(stems[$0]) }
        let foldedWords = concurrentMap(count) { Tokenizer.fold(words[$0]) }
        stemTerm = [Int32](repeating: -1, count: count)
        exactTerm = [Int32](repeating: -1, count: count)
        folded = [Int32](repeating: -1, count: count)
        var termIndex: [String: Int32] = [:]
        func term(_ key: String) -> Int32 {
            if let id = termIndex[key] { return id }
            let id = Int32(termKeys.count)
            termIndex[key] = id
            termKeys.append(key)
            return id
        }
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
                key = Tokenizer.fold(DutchStemmer.stem(word))
                stemCache[word] = key
            }
            vocabularyKeys.append(key)
            vocabularyTerms.append(termIndex[key] ?? -1)
        }
    }

    private mutating func vocabularyId(_ word: String) -> Int32 {
        if let id = vocabularyIndex[word] { return id }
        let id = Int32(vocabulary.count)
        vocabularyIndex[word] = id
        vocabulary.append(word)
        return id
    }

    /// The folded words that end `word` after at least three letters and are words themselves.
    func tails(of word: Int) -> [Int32] {
        let scalars = Array(vocabulary[word].unicodeScalars)
        guard scalars.count >= SearchIndexBuilder.minimumTail + 3 else { return [] }
        var found: [Int32] = []
        for start in 3...(scalars.count - SearchIndexBuilder.minimumTail) {
            let tail = String(String.UnicodeScalarView(scalars[start...]))
            if let id = vocabularyIndex[tail] { found.append(id) }
        }
        return found
    }
}

// MARK: Postings

/// Per document of a block: the terms it has with their frequency per field, and the folded
/// words it has.
private struct DocTerms {
    let docs: Range<Int>
    var termStarts: [Int] = [0]
    var terms: [Int32] = []
    var frequencies: [UInt32] = []  // fieldCount per entry of `terms`
    var wordStarts: [Int] = [0]
    var words: [Int32] = []

    init(_ tokens: BlockTokens, globalIds: [Int32], lexicon: Lexicon) {
        docs = tokens.docs
        let fields = SearchIndexBuilder.fieldCount
        var slot = [Int32](repeating: -1, count: lexicon.termKeys.count)
        var wordSeen = [Int32](repeating: -1, count: lexicon.vocabulary.count)
        // Room for about one term per (word, field) pair: growing from empty copies megabytes.
        terms.reserveCapacity(tokens.pairs.count)
        frequencies.reserveCapacity(tokens.pairs.count * fields)
        words.reserveCapacity(tokens.pairs.count)
        for n in 0..<docs.count {
            let first = terms.count
            func add(_ term: Int32, _ field: Int, _ count: UInt32) {
                var at = Int(slot[Int(term)])
                if at < 0 {
                    at = terms.count - first
                    slot[Int(term)] = Int32(at)
                    terms.append(term)
                    for _ in 0..<fields { frequencies.append(0) }
                }
                frequencies[(first + at) * fields + field] += count
            }
            for p in tokens.starts[n]..<tokens.starts[n + 1] {
                let spelling = Int(globalIds[Int(tokens.pairs[p] >> 3)])
                let stem = lexicon.stemTerm[spelling]
                guard stem >= 0 else { continue }
                let field = Int(tokens.pairs[p] & 7)
                add(stem, field, tokens.counts[p])
                let exact = lexicon.exactTerm[spelling]
                if exact >= 0 { add(exact, field, tokens.counts[p]) }
                let word = lexicon.folded[spelling]
                if wordSeen[Int(word)] != Int32(n) {
                    wordSeen[Int(word)] = Int32(n)
                    words.append(word)
                }
            }
            for term in terms[first...] { slot[Int(term)] = -1 }
            termStarts.append(terms.count)
            wordStarts.append(words.count)
        }
    }
}

/// BM25 over weighted fields.
private struct Scorer {
    let documents: Int
    let norms: [Double]  // per document and field

    func bm25(_ tfs: UnsafeBufferPointer<UInt32>, doc: Int, df: Int) -> Double {
        var weighted = 0.0
        for f in 0..<tfs.count where tfs[f] > 0 {
            weighted += SearchIndexBuilder.Field(rawValue: f)!.weight * Double(tfs[f]) / norms[doc * tfs.count + f]
        }
        let idf = log(1 + (Double(documents) - Double(df) + 0.5) / (Double(df) + 0.5))
        return idf * weighted * (SearchIndexBuilder.k1 + 1) / (weighted + SearchIndexBuilder.k1)
    }
}

/// All (document, score) postings, grouped by term, each group in document order.
private struct Postings {
    var starts: [Int]
    var docList: [Int32]
    var scoreList: [Int32]

    init(_ blocks: [DocTerms], terms: Int, scorer: Scorer) {
        let fields = SearchIndexBuilder.fieldCount
        var starts = [Int](repeating: 0, count: terms + 1)
        for block in blocks { for term in block.terms { starts[Int(term) + 1] += 1 } }
        for t in 0..<terms { starts[t + 1] += starts[t] }
        // Scored where the frequencies are, a block per core; then placed by term.
        let scores = concurrentMap(blocks.count) { b in
            let block = blocks[b]
            var scores = [Int32](repeating: 0, count: block.terms.count)
            block.frequencies.withUnsafeBufferPointer { tfs in
                for (n, doc) in block.docs.enumerated() {
                    for e in block.termStarts[n]..<block.termStarts[n + 1] {
                        let term = Int(block.terms[e])
                        let df = starts[term + 1] - starts[term]
                        let score = scorer.bm25(UnsafeBufferPointer(rebasing: tfs[(e * fields)..<((e + 1) * fields)]), doc: doc, df: df)
                        scores[e] = Int32(max(1, Int((score * 100).rounded())))
                    }
                }
            }
            return scores
        }
        var next = starts
        var docList = [Int32](repeating: 0, count: starts[terms])
        var scoreList = [Int32](repeating: 0, count: starts[terms])
        for (block, blockScores) in zip(blocks, scores) {
            for (n, doc) in block.docs.enumerated() {
                for e in block.termStarts[n]..<block.termStarts[n + 1] {
                    let term = Int(block.terms[e])
                    docList[next[term]] = Int32(doc)
                    scoreList[next[term]] = blockScores[e]
                    next[term] += 1
                }
            }
        }
        self.starts = starts
        self.docList = docList
        self.scoreList = scoreList
    }

    func df(_ term: Int) -> Int { starts[term + 1] - starts[term] }
    func docs(_ term: Int) -> ArraySlice<Int32> { docList[starts[term]..<starts[term + 1]] }
    func scores(_ term: Int) -> ArraySlice<Int32> { scoreList[starts[term]..<starts[term + 1]] }

    /// The term's postings for the documents in `only` (sorted), in document order.
    func entries(of term: Int, onlyIn only: ArraySlice<Int32>) -> (docs: [Int32], scores: [Int32]) {
        var out: (docs: [Int32], scores: [Int32]) = ([], [])
        var i = starts[term]
        let end = starts[term + 1]
        var j = only.startIndex
        while i < end && j < only.endIndex {
            if docList[i] < only[j] {
                i += 1
            } else if docList[i] > only[j] {
                j += 1
            } else {
                out.docs.append(docList[i])
                out.scores.append(scoreList[i])
                i += 1
                j += 1
            }
        }
        return out
    }
}

/// The documents of each folded word, in document order.
private struct WordDocs {
    var starts: [Int]
    var docList: [Int32]

    init(_ blocks: [DocTerms], words: Int) {
        var starts = [Int](repeating: 0, count: words + 1)
        for block in blocks { for word in block.words { starts[Int(word) + 1] += 1 } }
        for w in 0..<words { starts[w + 1] += starts[w] }
        var next = starts
        var docList = [Int32](repeating: 0, count: starts[words])
        for block in blocks {
            for (n, doc) in block.docs.enumerated() {
                for word in block.words[block.wordStarts[n]..<block.wordStarts[n + 1]] {
                    docList[next[Int(word)]] = Int32(doc)
                    next[Int(word)] += 1
                }
            }
        }
        self.starts = starts
        self.docList = docList
    }

    func docs(of word: Int) -> ArraySlice<Int32> { docList[starts[word]..<starts[word + 1]] }
}

/// Compound-tail postings: a document with "mantelzorgondersteuning" but not the term
/// "ondersteun" itself gets a reduced posting for it. Grouped by term, in document order.
private struct TailPostings {
    var starts: [Int]
    var docList: [Int32]
    var scoreList: [Int32]

    init(_ blocks: [DocTerms], tails: [[Int32]], lexicon: Lexicon, postings: Postings, scorer: Scorer) {
        let fields = SearchIndexBuilder.fieldCount
        let terms = lexicon.termKeys.count
        // Per block: per document, (term, score) with the best score per term.
        let found: [(starts: [Int], terms: [Int32], scores: [Int32])] = concurrentMap(blocks.count) { b in
            let block = blocks[b]
            var slot = [Int32](repeating: -1, count: terms)  // term -> its entry in this document
            var best = [Int32](repeating: -1, count: terms)  // term -> its entry in `out`
            var out: (starts: [Int], terms: [Int32], scores: [Int32]) = ([0], [], [])
            for (n, doc) in block.docs.enumerated() {
                let docTerms = block.termStarts[n]..<block.termStarts[n + 1]
                for e in docTerms { slot[Int(block.terms[e])] = Int32(e) }
                let first = out.terms.count
                for word in block.words[block.wordStarts[n]..<block.wordStarts[n + 1]] {
                    for tail in tails[Int(word)] {
                        let key = Int(lexicon.vocabularyTerms[Int(tail)])
                        guard key >= 0, slot[key] < 0 else { continue }
                        let own = lexicon.vocabularyTerms[Int(word)]
                        let entry = own >= 0 ? Int(slot[Int(own)]) : -1
                        // The compound's own frequencies; one body occurrence if it has no term.
                        let tfs = entry >= 0 ? Array(block.frequencies[(entry * fields)..<((entry + 1) * fields)]) : [0, 0, 0, 0, 1]
                        let bm25 = tfs.withUnsafeBufferPointer { scorer.bm25($0, doc: doc, df: postings.df(key) + 1) }
                        let score = Int32(max(1, Int((bm25 * 100 * SearchIndexBuilder.compoundFactor).rounded())))
                        if best[key] < 0 {
                            best[key] = Int32(out.terms.count)
                            out.terms.append(Int32(key))
                            out.scores.append(score)
                        } else {
                            out.scores[Int(best[key])] = max(out.scores[Int(best[key])], score)
                        }
                    }
                }
                for e in docTerms { slot[Int(block.terms[e])] = -1 }
                for term in out.terms[first...] { best[Int(term)] = -1 }
                out.starts.append(out.terms.count)
            }
            return out
        }
        var starts = [Int](repeating: 0, count: terms + 1)
        for block in found { for term in block.terms { starts[Int(term) + 1] += 1 } }
        for t in 0..<terms { starts[t + 1] += starts[t] }
        var next = starts
        var docList = [Int32](repeating: 0, count: starts[terms])
        var scoreList = [Int32](repeating: 0, count: starts[terms])
        for (b, block) in found.enumerated() {
            for (n, doc) in blocks[b].docs.enumerated() {
                for e in block.starts[n]..<block.starts[n + 1] {
                    let term = Int(block.terms[e])
                    docList[next[term]] = Int32(doc)
                    scoreList[next[term]] = block.scores[e]
                    next[term] += 1
                }
            }
        }
        self.starts = starts
        self.docList = docList
        self.scoreList = scoreList
    }

    func hasEntries(_ term: Int) -> Bool { starts[term + 1] > starts[term] }
    func docs(_ term: Int) -> ArraySlice<Int32> { docList[starts[term]..<starts[term + 1]] }
    func scores(_ term: Int) -> ArraySlice<Int32> { scoreList[starts[term]..<starts[term + 1]] }
}

extension SearchJSON {
    /// Doc ids as deltas, interleaved with scores: [Δid, score, Δid, score, …].
    fileprivate mutating func postings(_ docs: ArraySlice<Int32>, _ scores: ArraySlice<Int32>) {
        byte(91)
        var last = 0
        for (i, (doc, score)) in zip(docs, scores).enumerated() {
            if i > 0 { byte(44) }
            integer(Int(doc) - last)
            byte(44)
            integer(Int(score))
            last = Int(doc)
        }
        byte(93)
    }

    fileprivate mutating func postings(_ docs: [Int32], _ scores: [Int32]) {
        postings(docs[...], scores[...])
    }
}
