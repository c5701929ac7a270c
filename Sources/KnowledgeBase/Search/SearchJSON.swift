/// The search files' JSON bytes, written directly: runs of bytes that need no
/// escaping are copied at once and numbers are written without temporary arrays (the index
/// and fragments of a large site are tens of megabytes).
struct SearchJSON {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func byte(_ byte: UInt8) { bytes.append(byte) }

    mutating func integer(_ value: Int) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.maxDigits) { buffer in
            let count = Self.write(value, to: buffer.baseAddress!)
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// Bytes `write` may need for one Int.
    static let maxDigits = 20

    /// Writes `value` in decimal at `out`; returns the number of bytes. Two digits per
    /// division, from a table.
    @inline(__always)
    static func write(_ value: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var sign = 0
        if value < 0 {
            out[0] = 45
            sign = 1
        }
        var v = value.magnitude  // at most 2^63: 19 digits
        var digits = 1
        var limit: UInt = 10
        while digits < 19 && v >= limit {
            digits += 1
            limit &*= 10
        }
        let pairs = Self.digitPairs.utf8Start
        var i = sign + digits
        while v >= 100 {
            let pair = Int(v % 100) * 2
            v /= 100
            i -= 2
            out[i] = pairs[pair]
            out[i + 1] = pairs[pair + 1]
        }
        if v >= 10 {
            out[i - 2] = pairs[Int(v) * 2]
            out[i - 1] = pairs[Int(v) * 2 + 1]
        } else {
            out[i - 1] = UInt8(truncatingIfNeeded: 48 + v)
        }
        return sign + digits
    }

    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// Doc ids as deltas, interleaved with scores: [Δid, score, Δid, score, …]. Written through
    /// a stack buffer: shards hold millions of numbers.
    mutating func postings(_ docs: ArraySlice<Int32>, _ scores: ArraySlice<Int32>) {
        let chunk = 4096
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: chunk) { buffer in
            let out = buffer.baseAddress!
            var n = 0
            out[n] = 91
            n += 1
            var last = 0
            for (i, (doc, score)) in zip(docs, scores).enumerated() {
                if n > chunk - 2 * Self.maxDigits - 3 {
                    bytes.append(contentsOf: UnsafeBufferPointer(start: out, count: n))
                    n = 0
                }
                if i > 0 {
                    out[n] = 44
                    n += 1
                }
                n += Self.write(Int(doc) - last, to: out + n)
                out[n] = 44
                n += 1
                n += Self.write(Int(score), to: out + n)
                last = Int(doc)
            }
            out[n] = 93
            n += 1
            bytes.append(contentsOf: UnsafeBufferPointer(start: out, count: n))
        }
    }

    /// [a,b,…]
    mutating func integers<C: Collection>(_ values: C) where C.Element: BinaryInteger {
        bytes.append(91)
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(44) }
            integer(Int(v))
        }
        bytes.append(93)
    }

    /// A JSON string; <, > and & as \u escapes so the file is safe to embed anywhere.
    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string(utf8: $0) }
    }

    /// A JSON string from UTF-8 bytes (see `string`).
    mutating func string(utf8 text: UnsafeBufferPointer<UInt8>) {
        JSONString.append(text, to: &bytes, shortControlEscapes: false)
    }
}
