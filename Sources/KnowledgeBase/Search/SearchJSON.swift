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
        if value < 0 { bytes.append(45) }
        var v = value.magnitude
        // Digits backwards into a scratch buffer, then one append.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var i = digits.count
            repeat {
                i -= 1
                digits[i] = UInt8(48 + v % 10)
                v /= 10
            } while v > 0
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[i...]))
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
