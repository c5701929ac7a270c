import Foundation

/// The sharded search index (see README, "Search index"). Built once per build from values the
/// parser already produced; the browser loads a small entry file, then only the term shards
/// its query words need, then result fragments for the results it shows.
struct SearchIndexBuilder {
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

    struct Document {
        var fields: [[String]]  // words per Field
    }

    /// Shard key of an index term: its first two characters, so a query word (or prefix of ≥ 2
    /// letters) needs exactly one shard.
    static func shardKey(_ term: String) -> String {
        let scalars = Array(term.unicodeScalars.prefix(2))
        let key = String(String.UnicodeScalarView(scalars))
        // Keep file names plain ASCII; anything else shares one shard.
        return key.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) } ? key : "_"
    }

    /// term key -> (doc -> weighted term frequency)
    private var postings: [String: [Int: Double]] = [:]
    /// Compound-tail postings, kept apart so they rank below whole words.
    private var tailPostings: [String: [Int: Double]] = [:]
    private var fieldLengths: [[Int]] = []
    private var stemCache: [String: String] = [:]

    mutating func stemKey(_ word: String) -> String {
        if let cached = stemCache[word] { return cached }
        let key = Tokenizer.fold(DutchStemmer.stem(word))
        stemCache[word] = key
        return key
    }

    mutating func build(_ documents: [Document]) -> [String: [String: [Int]]] {
        let count = documents.count
        fieldLengths = Array(repeating: Array(repeating: 0, count: Field.allCases.count), count: count)
        var termFields: [String: [Int: [Double]]] = [:]
        var vocabulary = Set<String>()  // folded surface words, for compound tails
        var docWords: [Set<String>] = Array(repeating: [], count: count)
        for (doc, document) in documents.enumerated() {
            for field in Field.allCases {
                let words = document.fields[field.rawValue]
                fieldLengths[doc][field.rawValue] = words.count
                for word in words where !Tokenizer.stopwords.contains(word) {
                    let key = stemKey(word)
                    guard !key.isEmpty else { continue }
                    termFields[key, default: [:]][doc, default: Array(repeating: 0, count: Field.allCases.count)][field.rawValue] += 1
                    let folded = Tokenizer.fold(word)
                    if folded != word {
                        // The form with diacritics too, so "cliënt" ranks writers who spell it so first.
                        termFields["=" + DutchStemmer.stem(word), default: [:]][doc, default: Array(repeating: 0, count: Field.allCases.count)][field.rawValue] += 1
                    }
                    vocabulary.insert(folded)
                    docWords[doc].insert(folded)
                }
            }
        }
        var averages = Array(repeating: 0.0, count: Field.allCases.count)
        for lengths in fieldLengths { for f in 0..<lengths.count { averages[f] += Double(lengths[f]) } }
        averages = averages.map { max(1, $0 / Double(max(1, count))) }

        func bm25(_ tfs: [Double], doc: Int, df: Int) -> Double {
            var weighted = 0.0
            for f in 0..<tfs.count where tfs[f] > 0 {
                let norm = 1 - Self.b + Self.b * Double(fieldLengths[doc][f]) / averages[f]
                weighted += Field(rawValue: f)!.weight * tfs[f] / norm
            }
            let idf = log(1 + (Double(count) - Double(df) + 0.5) / (Double(df) + 0.5))
            return idf * weighted * (Self.k1 + 1) / (weighted + Self.k1)
        }

        var result: [String: [String: [Int]]] = [:]  // shard -> term -> [delta, score, ...]
        var scored: [String: [(Int, Int)]] = [:]
        for (key, docs) in termFields {
            let df = docs.count
            var entries: [(Int, Int)] = docs.map { doc, tfs in (doc, max(1, Int((bm25(tfs, doc: doc, df: df) * 100).rounded()))) }
            entries.sort { $0.0 < $1.0 }
            scored[key] = entries
            let shard = key.hasPrefix("=") ? Self.shardKey(Tokenizer.fold(String(key.dropFirst()))) : Self.shardKey(key)
            result[shard, default: [:]][key] = Self.encode(entries)
        }

        // Prefixes while typing: the stem may not start like the word ("woningen" → "woon"), so
        // "^woningen" carries the stem's postings for the documents with that word, in the
        // word's own shard, where a typed prefix ("wonin") finds it.
        for word in vocabulary where word.unicodeScalars.count >= 4 {
            let key = stemKey(word)
            guard !key.isEmpty, !word.hasPrefix(key), let entries = scored[key] else { continue }
            let mine = entries.filter { docWords[$0.0].contains(word) }
            guard !mine.isEmpty else { continue }
            result[Self.shardKey(word), default: [:]]["^" + word] = Self.encode(mine)
        }

        // Compound tails: "mantelzorgondersteuning" is also found by "ondersteuning".
        var tails: [String: [Int: Int]] = [:]
        var tailCache: [String: [String]] = [:]
        for (doc, words) in docWords.enumerated() {
            for word in words {
                let found: [String]
                if let cached = tailCache[word] {
                    found = cached
                } else {
                    var list: [String] = []
                    let scalars = Array(word.unicodeScalars)
                    if scalars.count >= Self.minimumTail + 3 {
                        for start in 3...(scalars.count - Self.minimumTail) {
                            let tail = String(String.UnicodeScalarView(scalars[start...]))
                            if vocabulary.contains(tail) { list.append(tail) }
                        }
                    }
                    tailCache[word] = list
                    found = list
                }
                for tail in found {
                    let key = stemKey(tail)
                    guard let whole = termFields[key], whole[doc] == nil else { continue }
                    let tfs = termFields[stemKey(word)]?[doc] ?? [0, 0, 0, 0, 1]
                    let score = max(1, Int((bm25(tfs, doc: doc, df: whole.count + 1) * 100 * Self.compoundFactor).rounded()))
                    tails[key, default: [:]][doc] = max(tails[key]?[doc] ?? 0, score)
                }
            }
        }
        for (key, docs) in tails {
            let entries = docs.map { ($0.key, $0.value) }.sorted { $0.0 < $1.0 }
            result[Self.shardKey(key), default: [:]]["~" + key] = Self.encode(entries)
        }
        return result
    }

    /// Doc ids as deltas, interleaved with scores: [Δid, score, Δid, score, …].
    static func encode(_ entries: [(Int, Int)]) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(entries.count * 2)
        var last = 0
        for (doc, score) in entries {
            out.append(doc - last)
            out.append(score)
            last = doc
        }
        return out
    }
}
