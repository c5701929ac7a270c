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

    /// Writes `value` in decimal at `out`; returns the number of bytes.
    @inline(__always)
    static func write(_ value: Int, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var v = value.magnitude
        var sign = 0
        if value < 0 {
            out[0] = 45
            sign = 1
        }
        if v < 10 {  // most deltas and many scores: no division loop
            out[sign] = UInt8(truncatingIfNeeded: 48 + v)
            return sign + 1
        }
        var digits = 1
        var rest = v / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        var i = sign + digits
        repeat {
            i -= 1
            out[i] = UInt8(truncatingIfNeeded: 48 + v % 10)
            v /= 10
        } while v > 0
        return sign + digits
    }

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
