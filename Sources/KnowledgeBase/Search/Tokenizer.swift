import Foundation

/// Splits text into lowercase words the way the browser does (search.js mirrors this): runs of
/// letters and digits, apostrophes inside words dropped ("cliënt's" → "cliënts").
enum Tokenizer {
    static func words(_ text: String) -> [String] {
        // Most text is ASCII: split bytes directly and fall back to Unicode rules only for
        // words with other characters (same result, a fraction of the cost).
        var out: [String] = []
        var word: [UInt8] = []
        var pending: [UInt8] = []  // a word with non-ASCII bytes, handled by the slow path
        func flushWord() {
            if !pending.isEmpty {
                pending += word
                out += unicodeWords(String(decoding: pending, as: UTF8.self))
                pending.removeAll(keepingCapacity: true)
            } else if !word.isEmpty {
                out.append(String(decoding: word, as: UTF8.self))
            }
            word.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            switch byte {
            case 97...122, 48...57: word.append(byte)
            case 65...90: word.append(byte + 32)
            case 39: continue  // apostrophe inside a word is dropped, as below
            case 0x80...:
                pending += word
                word.removeAll(keepingCapacity: true)
                pending.append(byte)
            default: flushWord()
            }
        }
        flushWord()
        return out
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
