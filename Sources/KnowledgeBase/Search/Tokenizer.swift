import Foundation

/// Splits text into lowercase words the way the browser does (search.js mirrors this): runs of
/// letters and digits, apostrophes inside words dropped ("cliënt's" → "cliënts").
enum Tokenizer {
    static func words(_ text: String) -> [String] {
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
