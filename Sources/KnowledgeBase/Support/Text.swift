import Foundation

/// Small text helpers shared by loading, validation and rendering.
enum Text {
    /// Lowercase without diacritics: "Cliënt" → "client". Used for lookups and suggestions.
    static func fold(_ text: String) -> String {
        // Most names are plain ASCII: skip Unicode decomposition for them (hot in large sites).
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return removingDiacritics(text.lowercased())
    }

    /// Lowercase without diacritics, scalar by scalar: "coördinatie" → "coordinatie".
    static func removingDiacritics(_ word: String) -> String {
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

    /// "2024-06-01" → (2024, 6, 1); nil unless it is a real calendar date.
    static func isoDate(_ text: String) -> (Int, Int, Int)? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m)
        else { return nil }
        let days = [31, (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard (1...days[m - 1]).contains(d) else { return nil }
        return (y, m, d)
    }

    /// URL slug: folded, runs of anything but a-z and 0-9 become one '-'.
    static func slug(_ text: String) -> String {
        var out = ""
        var pendingDash = false
        for scalar in fold(text).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                if pendingDash, !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else if scalar != "'" && scalar != "’" {
                pendingDash = true
            }
        }
        return out
    }

    static func isValidSlug(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 }
            && !text.hasPrefix("-") && !text.hasSuffix("-")
    }

    /// `< > & " '` as entities; no copy at all when there is nothing to escape (most labels
    /// and names).
    static func escapeHTML(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 32)
        appendEscapedHTML(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends `text` HTML-escaped as swift-mustache did, copying the runs in between whole:
    /// templates, charts and `escapeHTML` all escape through this.
    static func appendEscapedHTML(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            var runStart = 0
            for index in 0..<bytes.count {
                let replacement: StaticString
                switch bytes[index] {
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                if index > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
                replacement.withUTF8Buffer { out.append(contentsOf: $0) }
                runStart = index + 1
            }
            if bytes.count > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count])) }
        }
    }

    /// Levenshtein distance over folded characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(fold(a)), b = Array(fold(b))
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The closest candidates within a distance that still looks like a typo.
    static func suggestions(for text: String, in candidates: [String], limit: Int = 2) -> [String] {
        let folded = fold(text)
        let threshold = max(2, folded.count / 3)
        let scored = candidates.map { candidate -> (String, Int) in
            let c = fold(candidate)
            // A candidate that contains what was typed ("Brabant" → "Midden-Brabant") is close too.
            let d = (c.contains(folded) && folded.count >= 4) ? 1 : distance(folded, c)
            return (candidate, d)
        }
        return scored.filter { $0.1 <= threshold }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
    }

    /// " (bedoelde u "X"?)" or nothing.
    static func didYouMean(_ text: String, in candidates: [String], language: Language = .nl) -> String {
        let found = suggestions(for: text, in: candidates)
        guard !found.isEmpty else { return "" }
        let quoted = found.map { "\"\($0)\"" }.joined(separator: language == .nl ? " of " : " or ")
        return language == .nl ? " (bedoelde u \(quoted)?)" : " (did you mean \(quoted)?)"
    }
}

/// HTML escaping for other modules (kb serve's overlay); one implementation for the project.
public enum HTML {
    public static func escape(_ text: String) -> String { Text.escapeHTML(text) }
}

public enum Language: String, Sendable, CaseIterable {
    case nl, en
}
