import Foundation

/// Splits text into lowercase words the way the browser does (search.js mirrors this): runs of
/// letters and digits, apostrophes inside words dropped ("cliënt's" → "cliënts").
enum Tokenizer {
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var cache = WordCache()
        forEachWord(in: text, cache: &cache) { out.append(String(decoding: $0.bytes, as: UTF8.self)) }
        return out
    }

    /// The words of runs with non-ASCII characters, by the run's bytes: the same few thousand
    /// recur throughout a corpus, and the Unicode rules are the slow part of tokenising.
    struct WordCache {
        fileprivate var runs = WordTable(capacity: 256)
        fileprivate var words: [[[UInt8]]] = []
        /// A run lowercased, apostrophes dropped, with 8 bytes of slack (see WordBytes).
        fileprivate var scratch: [UInt8] = []
    }

    /// Calls `body` with the UTF-8 bytes of each word `words` returns, in order, without making a
    /// String per word (the search index tokenises millions). The buffer is valid only during
    /// the call.
    ///
    /// A run is what lies between ASCII bytes that are not letters, digits or apostrophes.
    /// Lowercase ASCII runs (most of them) are passed as the text's own bytes; other ASCII runs
    /// lowercased and without apostrophes; runs with other characters go through `unicodeWords`
    /// (lowercased and without ASCII apostrophes first, which it would drop or lower as well).
    static func forEachWord(in text: String, cache: inout WordCache, _ body: (WordBytes) -> Void) {
        var text = text
        var scratch: [UInt8] = []  // out of `cache` while its tables are used
        swap(&scratch, &cache.scratch)
        defer { swap(&scratch, &cache.scratch) }
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            var i = 0
            while true {
                while i < count && isSeparator(base[i]) { i += 1 }
                guard i < count else { return }
                let start = i
                var plain = true  // lowercase ASCII letters and digits only
                var ascii = true
                while i < count {
                    let byte = base[i]
                    if isLowerOrDigit(byte) {
                        i += 1
                    } else if byte >= 0x80 {
                        ascii = false
                        plain = false
                        i += 1
                    } else if isSeparator(byte) {
                        break
                    } else {
                        plain = false  // uppercase or apostrophe
                        i += 1
                    }
                }
                if plain {
                    let word = UnsafeBufferPointer(start: base + start, count: i - start)
                    body(WordBytes(word, readable: count - start))
                    continue
                }
                let run = UnsafeBufferPointer(start: base + start, count: i - start)
                if scratch.count < run.count + 8 { scratch = [UInt8](repeating: 0, count: run.count * 2 + 8) }
                scratch.withUnsafeMutableBufferPointer { scratch in
                    var length = 0
                    for byte in run where byte != 39 {
                        scratch[length] = (65...90).contains(byte) ? byte + 32 : byte
                        length += 1
                    }
                    let lowered = UnsafeBufferPointer(start: UnsafePointer(scratch.baseAddress!), count: length)
                    let word = WordBytes(lowered, readable: length + 8)
                    if ascii {
                        if length > 0 { body(word) }
                        return
                    }
                    let id = cache.runs.intern(word)
                    if id == cache.words.count {
                        cache.words.append(unicodeWords(String(decoding: lowered, as: UTF8.self)).map { Array($0.utf8) })
                    }
                    for word in cache.words[id] { word.withUnsafeBufferPointer { body(WordBytes($0)) } }
                }
            }
        }
    }

    @inline(__always)
    private static func isLowerOrDigit(_ byte: UInt8) -> Bool {
        byte &- 97 < 26 || byte &- 48 < 10
    }

    /// Ends a run: an ASCII byte that is not a letter, digit or apostrophe. One bit per byte.
    @inline(__always)
    private static func isSeparator(_ byte: UInt8) -> Bool {
        // Bits clear for '0'...'9' and '\'' (0...63), and for 'A'...'Z', 'a'...'z' (64...127).
        let low: UInt64 = ~(0x03FF_0000_0000_0000 | 1 << 39)
        let high: UInt64 = ~(0x07FF_FFFE_07FF_FFFE)
        return byte < 64 ? (low >> UInt64(byte)) & 1 != 0 : byte < 128 && (high >> UInt64(byte - 64)) & 1 != 0
    }

    /// The reference rules: the fast paths above give the same words.
    static func unicodeWords(_ text: String) -> [String] {
        var out: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty {
                out.append(String(current))
                current.removeAll(keepingCapacity: true)
            }
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { current.append(lower) }
            } else if (scalar == "'" || scalar == "’") && !current.isEmpty {
                continue
            } else if scalar.properties.generalCategory == .nonspacingMark && !current.isEmpty {
                current.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    /// Lowercase without diacritics, scalar by scalar: "coördinatie" → "coordinatie".
    static func fold(_ word: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in word.unicodeScalars {
            if scalar.value < 0x80 {
                out.append(scalar)
                continue
            }
            // Canonical decomposition, then drop the combining marks.
            let decomposed = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
            for part in decomposed where part.properties.generalCategory != .nonspacingMark { out.append(part) }
        }
        return String(out)
    }

    static let stopwords: Set<String> = [
        "aan", "al", "als", "bij", "dan", "dat", "de", "die", "dit", "door", "een", "en", "er", "had", "heb", "hebben", "heeft",
        "het", "hier", "hij", "hoe", "hun", "ik", "in", "is", "je", "kan", "kunnen", "maar", "met", "na", "naar", "niet", "nog",
        "nu", "of", "om", "omdat", "ook", "op", "over", "te", "tot", "uit", "van", "veel", "voor", "waar", "was", "wat", "we",
        "werd", "wie", "wij", "wordt", "worden", "zal", "ze", "zich", "zij", "zijn", "zo", "zoals", "the", "and", "of",
    ]
}
