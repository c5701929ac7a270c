import Foundation

/// Splits text into lowercase words the way the browser does (search.js mirrors this): runs of
/// letters and digits, apostrophes inside words dropped ("cliënt's" → "cliënts").
enum Tokenizer {
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var cache = WordCache()
        forEachWord(in: text, cache: &cache) { out.append(String(decoding: $0, as: UTF8.self)) }
        return out
    }

    /// The words of runs with non-ASCII characters, by the run's bytes: the same few thousand
    /// recur throughout a corpus, and the Unicode rules are the slow part of tokenising.
    struct WordCache {
        fileprivate var runs = WordTable(capacity: 256)
        fileprivate var words: [[[UInt8]]] = []
    }

    /// Calls `body` with the UTF-8 bytes of each word `words` returns, in order, without making a
    /// String per word (the search index tokenises millions). The buffer is valid only during
    /// the call.
    static func forEachWord(in text: String, cache: inout WordCache, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        text.withUTF8 { bytes in
            var scanner = WordScanner()
            swap(&scanner.cache, &cache)
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                if scanner.isEmpty && isLowerOrDigit(byte) {
                    // The common case, a lowercase ASCII word: pass the text's own bytes.
                    var end = i + 1
                    while end < bytes.count && isLowerOrDigit(bytes[end]) { end += 1 }
                    if end == bytes.count || isSeparator(bytes[end]) {
                        body(UnsafeBufferPointer(rebasing: bytes[i..<end]))
                    } else {
                        scanner.word.append(contentsOf: bytes[i..<end])
                    }
                    i = end
                    continue
                }
                // Most text is ASCII: split bytes directly and fall back to Unicode rules only
                // for words with other characters (same result, a fraction of the cost).
                switch byte {
                case 97...122, 48...57: scanner.word.append(byte)
                case 65...90: scanner.word.append(byte + 32)
                case 39: break  // apostrophe inside a word is dropped, as in unicodeWords
                case 0x80...:
                    scanner.pending += scanner.word
                    scanner.word.removeAll(keepingCapacity: true)
                    scanner.pending.append(byte)
                default: scanner.flush(body)
                }
                i += 1
            }
            scanner.flush(body)
            swap(&scanner.cache, &cache)
        }
    }

    @inline(__always)
    private static func isLowerOrDigit(_ byte: UInt8) -> Bool {
        (97...122).contains(byte) || (48...57).contains(byte)
    }

    /// Ends a word: not a letter, digit, apostrophe or part of a non-ASCII character.
    @inline(__always)
    private static func isSeparator(_ byte: UInt8) -> Bool {
        byte < 0x80 && !isLowerOrDigit(byte) && !(65...90).contains(byte) && byte != 39
    }

    /// The word being collected when it is not a plain run of the text's bytes.
    private struct WordScanner {
        var word: [UInt8] = []
        var pending: [UInt8] = []  // a word with non-ASCII bytes, handled by the slow path
        var cache = WordCache()

        var isEmpty: Bool { word.isEmpty && pending.isEmpty }

        mutating func flush(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
            if !pending.isEmpty {
                pending += word
                let run = pending.withUnsafeBufferPointer { cache.runs.intern($0) }
                if run == cache.words.count {
                    cache.words.append(unicodeWords(String(decoding: pending, as: UTF8.self)).map { Array($0.utf8) })
                }
                for word in cache.words[run] { word.withUnsafeBufferPointer(body) }
                pending.removeAll(keepingCapacity: true)
            } else if !word.isEmpty {
                word.withUnsafeBufferPointer(body)
            }
            if !word.isEmpty { word.removeAll(keepingCapacity: true) }
        }
    }

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
