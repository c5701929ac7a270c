import Foundation
import Testing

@testable import KnowledgeBase

/// The search index's fast tokeniser and word table against plain reference versions: the
/// index files (and search.js, which mirrors the rules) depend on every word being the same.
@Suite("search tokeniser")
struct SearchTokenizerTests {
    /// The rules written out byte by byte, as the tokeniser did before it took whole runs:
    /// ASCII letters and digits lowercased, apostrophes dropped, and runs with other
    /// characters split by `unicodeWords`.
    static func reference(_ text: String) -> [String] {
        var out: [String] = []
        var word: [UInt8] = []
        var pending: [UInt8] = []
        func flush() {
            if !pending.isEmpty {
                pending += word
                out += Tokenizer.unicodeWords(String(decoding: pending, as: UTF8.self))
                pending.removeAll()
            } else if !word.isEmpty {
                out.append(String(decoding: word, as: UTF8.self))
            }
            word.removeAll()
        }
        for byte in text.utf8 {
            switch byte {
            case 97...122, 48...57: word.append(byte)
            case 65...90: word.append(byte + 32)
            case 39: break
            case 0x80...:
                pending += word
                word.removeAll()
                pending.append(byte)
            default: flush()
            }
        }
        flush()
        return out
    }

    static let pieces = [
        "a", "z", "q", "0", "9", "A", "Z", "M", " ", " ", "  ", "'", "’", ",", ".", "-", "/", "\n", "\r\n", "\t",
        "\u{0}", "\u{7F}", "@", "[", "`", "{", "ë", "É", "ï", "ö", "–", "€", "\u{00A0}", "\u{0301}", "ß", "İ", "ı",
        "\u{1F600}", "x'y", "cliënt's", "mantelzorgondersteuning", "Mantelzorg", "ABCDEFGHIJKL", "abcdefgh",
        "abcdefghi", "1234567890123", "coördinatie", "Zaanstreek/Waterland", "'t Gooi", "e\u{0301}", "ﬁ", "Ⅻ",
    ]

    /// Letters mostly: runs longer than the 64 bytes the tokeniser looks at at once.
    static let longRunPieces = ["abc", "mantelzorg", "ë", "Z", "'", "0", "abcdefghijklmnopq", "–", "é"] + Array(repeating: "xyz", count: 20) + [" "]

    @Test("words equal the byte-by-byte rules on random text", arguments: [false, true])
    func randomText(longRuns: Bool) {
        let pieces = longRuns ? Self.longRunPieces : Self.pieces
        var rng = SplitMix(seed: longRuns ? 1 : 20_241_123)
        var cache = Tokenizer.WordCache()
        for round in 0..<20_000 {
            var text = ""
            for _ in 0..<Int(rng.next() % UInt64(round % 97 + 1)) {
                text += pieces[Int(rng.next() % UInt64(pieces.count))]
            }
            var words: [String] = []
            // One cache for all texts, as the index uses it.
            Tokenizer.forEachWord(in: text, cache: &cache) { words.append(String(decoding: $0.bytes, as: UTF8.self)) }
            #expect(words == Self.reference(text), "\(text.debugDescription)")
            #expect(Tokenizer.words(text) == words)
        }
    }

    @Test("a word's head is its first eight bytes whether loaded whole or byte by byte")
    func heads() {
        let text = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        text.withUnsafeBufferPointer { all in
            for start in 0..<all.count {
                for end in start...all.count {
                    let word = UnsafeBufferPointer(rebasing: all[start..<end])
                    #expect(WordBytes(word, readable: all.count - start).head == WordBytes(word).head)
                    for from in stride(from: 0, to: word.count, by: 8) {
                        #expect(
                            WordBytes.chunk(word, from: from, readable: all.count - start)
                                == WordBytes.chunk(word, from: from, readable: word.count))
                    }
                }
            }
        }
    }

    @Test("the word table gives dense ids in order of first insertion, through growth", arguments: [24, 0])
    func wordTable(tagBits: Int) {
        var rng = SplitMix(seed: 7)
        // Without hash bits in the slots, words of the same length and first eight bytes are
        // told apart by their other bytes only.
        var table = WordTable(capacity: 1, tagBits: tagBits)
        var ids: [[UInt8]: Int] = [:]
        var order: [[UInt8]] = []
        let letters = Array("abe".utf8) + [0xC3, 0xAB]
        for _ in 0..<30_000 {
            // Few letters and shared prefixes: many words agree in their first eight bytes.
            let length = Int(rng.next() % 20)
            var word = Array("abcdefgh".utf8.prefix(Int(rng.next() % 9)))
            while word.count < length { word.append(letters[Int(rng.next() % UInt64(letters.count))]) }
            let id = word.withUnsafeBufferPointer { table.intern($0) }
            if let known = ids[word] {
                #expect(id == known)
            } else {
                #expect(id == order.count)
                ids[word] = id
                order.append(word)
            }
        }
        #expect(table.count == order.count)
        for (id, word) in order.enumerated() {
            #expect(table.withWord(id) { Array($0) } == word)
            #expect(word.withUnsafeBufferPointer { table.id(of: $0) } == id)
        }
        let absent = Array("abcdefghabcdefgh".utf8) + [0xC3]
        #expect(absent.withUnsafeBufferPointer { table.id(of: $0) } == nil)
    }
}

/// A small deterministic generator, so a failure can be reproduced.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}

@Suite("search fragments")
struct SearchFragmentTests {
    static let pieces = [
        "a", "Z", " ", ".", "\r", "\n", "\r\n", "ë", "é", "€", "–", "\u{0301}", "\u{0308}", "\u{200D}", "👩", "🏽", "🇳", "🇱",
        "\u{0600}", "\u{070F}", "\u{0915}", "\u{094D}", "\u{1100}", "\u{1161}", "\u{AC00}", "ß", "\u{05D0}", "\u{0591}",
        "\u{0903}", "x\u{0903}", "\u{00A9}", "abcdefgh", "abcdefghijklmnop", "ij", "\t",
    ]

    @Test("the fragment's text prefix ends where String.prefix ends")
    func prefixLength() {
        var rng = SplitMix(seed: 42)
        for round in 0..<20_000 {
            var text = ""
            for _ in 0..<Int(rng.next() % UInt64(round % 60 + 1)) {
                text += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))]
            }
            let limit = Int(rng.next() % 40)
            #expect(SearchFiles.prefixLength(text, characters: limit) == text.prefix(limit).utf8.count, "\(text.debugDescription) \(limit)")
        }
    }
}

@Suite("JSON writer numbers")
struct JSONWriterNumberTests {
    @Test("integers are written as String(describing:) writes them")
    func integers() {
        var values = [0, 1, 9, 10, 99, 100, 101, 999, 1000, 12_345, -1, -10, -99, -100, Int.max, Int.min, Int.max - 1, Int.min + 1]
        var power = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -power]
        }
        var rng = SplitMix(seed: 3)
        for _ in 0..<10_000 { values.append(Int(bitPattern: UInt(rng.next() >> (rng.next() % 64)))) }
        for value in values {
            var json = JSONWriter(style: .searchFiles)
            json.integer(value)
            #expect(String(decoding: json.bytes, as: UTF8.self) == String(value))
        }
        var json = JSONWriter(style: .searchFiles)
        json.postings([3, 5, 5, 40_000][...], [120, 1, 99, 100][...])
        #expect(String(decoding: json.bytes, as: UTF8.self) == "[3,120,2,1,0,99,39995,100]")
    }
}
