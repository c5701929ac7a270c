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
        bytes.append(34)
        var run = 0
        var i = 0
        while i < text.count {
            // Eight bytes at a time while none of them needs escaping.
            if i + 8 <= text.count && !Self.needsEscape(UnsafeRawPointer(text.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            let byte = text[i]
            switch byte {
            case 34, 92, 60, 62, 38, 0..<32: break
            default:
                i += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run..<i]))
            i += 1
            run = i
            bytes.append(92)
            switch byte {
            case 34, 92: bytes.append(byte)
            case 10: bytes.append(110)
            case 13: bytes.append(114)
            case 9: bytes.append(116)
            default:
                let hex: StaticString = "0123456789abcdef"
                let digits = hex.utf8Start
                bytes.append(contentsOf: [117, 48, 48, digits[Int(byte >> 4)], digits[Int(byte & 15)]])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run...]))
        bytes.append(34)
    }

    /// Whether any of eight bytes is a control character, `"`, `\`, `<`, `>` or `&` (the
    /// "Bit Twiddling Hacks" tests for a byte below n and a byte equal to c).
    @inline(__always)
    private static func needsEscape(_ x: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasByte(_ c: UInt8) -> Bool {
            let y = x ^ (ones &* UInt64(c))
            return (y &- ones) & ~y & highs != 0
        }
        let below32 = (x &- ones &* 32) & ~x & highs != 0
        return below32 || hasByte(34) || hasByte(92) || hasByte(60) || hasByte(62) || hasByte(38)
    }
}
