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
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return }
            let count = bytes.count
            // 64 bytes at a time: one bit per byte for "in a run" and for "not a lowercase
            // letter or digit", then runs found by counting bits, without a branch per byte.
            // (No local functions here: capturing the loop's state would cost a dynamic
            // exclusivity check per access.)
            var pending = -1  // start of a run that goes on into the next block
            var pendingOdd = false
            var block = 0
            while block < count {
                let (runs, odd) = Self.masks(base, from: block, count: count)
                var left = runs
                if pending >= 0 {
                    let length = (~left).trailingZeroBitCount
                    if length == 64 {
                        pendingOdd = pendingOdd || odd != 0
                        block += 64
                        continue
                    }
                    let mask: UInt64 = 1 << UInt64(length) - 1
                    if pendingOdd || odd & mask != 0 {
                        irregular(base + pending, block + length - pending, cache: &cache, body)
                    } else {
                        body(WordBytes(UnsafeBufferPointer(start: base + pending, count: block + length - pending), readable: count - pending))
                    }
                    pending = -1
                    left &= ~mask
                }
                while left != 0 {
                    let start = left.trailingZeroBitCount
                    let length = (~(left >> UInt64(start))).trailingZeroBitCount
                    if start + length == 64 {
                        pending = block + start
                        pendingOdd = odd >> UInt64(start) != 0
                        break
                    }
                    let mask: UInt64 = (1 << UInt64(length) - 1) << UInt64(start)
                    if odd & mask != 0 {
                        irregular(base + block + start, length, cache: &cache, body)
                    } else {
                        body(WordBytes(UnsafeBufferPointer(start: base + block + start, count: length), readable: count - block - start))
                    }
                    left &= ~mask
                }
                block += 64
            }
            if pending >= 0 {
                if pendingOdd {
                    irregular(base + pending, count - pending, cache: &cache, body)
                } else {
                    body(WordBytes(UnsafeBufferPointer(start: base + pending, count: count - pending), readable: count - pending))
                }
            }
        }
    }

    /// A run with uppercase letters, apostrophes or non-ASCII bytes: lowercased and without
    /// apostrophes, then split by `unicodeWords` if it has other characters.
    private static func irregular(_ start: UnsafePointer<UInt8>, _ count: Int, cache: inout WordCache, _ body: (WordBytes) -> Void) {
        // On the stack, with 8 bytes of slack for WordBytes' whole loads.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: count + 8) { scratch in
            var length = 0
            var bits: UInt8 = 0
            for i in 0..<count {
                let byte = start[i]
                scratch[length] = byte &- 65 < 26 ? byte | 0x20 : byte
                length &+= byte == 39 ? 0 : 1  // written, then overwritten: no branch
                bits |= byte
            }
            let lowered = UnsafeBufferPointer(rebasing: scratch[..<length])
            let word = WordBytes(lowered, readable: length + 8)
            if bits < 0x80 {
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

    /// For the 64 bytes from `from` (fewer at the end of the text; the rest count as
    /// separators): the bytes in runs (ASCII letters, digits and apostrophes, and non-ASCII
    /// bytes), and those of them that are not lowercase ASCII letters or digits.
    @inline(__always)
    private static func masks(_ base: UnsafePointer<UInt8>, from: Int, count: Int) -> (runs: UInt64, odd: UInt64) {
        var runs: UInt64 = 0
        var odd: UInt64 = 0
        if from + 64 <= count {
            let words = UnsafeRawPointer(base + from)
            for k in 0..<8 {
                let (r, o) = classify(UInt64(littleEndian: words.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)))
                runs |= r << UInt64(8 * k)
                odd |= o << UInt64(8 * k)
            }
            return (runs, odd)
        }
        for k in 0..<8 {
            let at = from + 8 * k
            guard at < count else { break }
            var x: UInt64 = 0  // NUL bytes after the end: separators
            for i in 0..<min(8, count - at) { x |= UInt64(base[at + i]) << (8 * UInt64(i)) }
            let (r, o) = classify(x)
            runs |= r << UInt64(8 * k)
            odd |= o << UInt64(8 * k)
        }
        return (runs, odd)
    }

    /// Eight bytes at once (SWAR): which are in runs, and which of those are not lowercase
    /// ASCII letters or digits, one bit per byte.
    @inline(__always)
    private static func classify(_ x: UInt64) -> (runs: UInt64, odd: UInt64) {
        let highs: UInt64 = 0x8080_8080_8080_8080
        let ones: UInt64 = 0x0101_0101_0101_0101
        let nonASCII = x & highs
        // Each byte's low seven bits plus 0x80: subtracting c (≤ 0x80) from each byte then
        // borrows from no neighbour, and the high bit stays set exactly where the byte ≥ c.
        let b = x & ~highs | highs
        @inline(__always) func atLeast(_ c: UInt64, _ b: UInt64) -> UInt64 { (b &- ones &* c) & highs }
        // With bit 5 set, 'A'...'Z' become 'a'...'z' and nothing else does.
        let folded = b | ones &* 0x20
        let letter = atLeast(0x61, folded) & ~atLeast(0x7B, folded)
        let digit = atLeast(0x30, b) & ~atLeast(0x3A, b)
        let apostrophe = atLeast(0x27, b) & ~atLeast(0x28, b)
        let ascii = ~nonASCII & highs
        let lowercase = (b << 2) & highs  // bit 5 of each byte, moved to bit 7
        let plain = (digit | letter & lowercase) & ascii
        let runs = (letter | digit | apostrophe) & ascii | nonASCII
        // The high bits gathered into the low byte: bit 7 + 8k moves to bit k.
        @inline(__always) func gather(_ m: UInt64) -> UInt64 { ((m >> 7) &* 0x0102_0408_1020_4080) >> 56 }
        return (gather(runs), gather(runs & ~plain))
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

    static let stopwords: Set<String> = [
        "aan", "al", "als", "bij", "dan", "dat", "de", "die", "dit", "door", "een", "en", "er", "had", "heb", "hebben", "heeft",
        "het", "hier", "hij", "hoe", "hun", "ik", "in", "is", "je", "kan", "kunnen", "maar", "met", "na", "naar", "niet", "nog",
        "nu", "of", "om", "omdat", "ook", "op", "over", "te", "tot", "uit", "van", "veel", "voor", "waar", "was", "wat", "we",
        "werd", "wie", "wij", "wordt", "worden", "zal", "ze", "zich", "zij", "zijn", "zo", "zoals", "the", "and", "of",
    ]
}
