import Foundation

/// Byte-level search and replace for generated HTML. Foundation's String methods go through
/// NSString on Linux, which showed up as a top cost when rendering thousands of pages.
extension String {
    /// `trimmingCharacters(in: .whitespacesAndNewlines)` without going through NSString when
    /// there is nothing to trim, which is nearly always (it was a fifth of decoding time).
    var trimmedWhitespace: String { trimmed(.whitespacesAndNewlines) }

    /// `trimmingCharacters(in: .whitespaces)`, likewise.
    var trimmedSpaces: String { trimmed(.whitespaces) }

    /// Printable ASCII at both ends is in neither set: nothing to trim then.
    private func trimmed(_ set: CharacterSet) -> String {
        guard let first = utf8.first, let last = utf8.last, first > 32, first < 128, last > 32, last < 128 else {
            return trimmingCharacters(in: set)
        }
        return self
    }

    func containsBytes(_ needle: String) -> Bool {
        firstByteRange(of: Array(needle.utf8), in: Array(utf8), from: 0) != nil
    }

    func replacingBytes(_ target: String, with replacement: String) -> String {
        let haystack = Array(utf8)
        let needle = Array(target.utf8)
        guard var match = firstByteRange(of: needle, in: haystack, from: 0) else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(haystack.count + 64)
        let replacementBytes = Array(replacement.utf8)
        var position = 0
        while true {
            out += haystack[position..<match]
            out += replacementBytes
            position = match + needle.count
            guard let next = firstByteRange(of: needle, in: haystack, from: position) else { break }
            match = next
        }
        out += haystack[position...]
        return String(decoding: out, as: UTF8.self)
    }
}

func firstByteRange(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
    guard let first = needle.first, haystack.count >= needle.count else { return nil }
    var i = start
    let last = haystack.count - needle.count
    while i <= last {
        if haystack[i] == first {
            var j = 1
            while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
            if j == needle.count { return i }
        }
        i += 1
    }
    return nil
}
