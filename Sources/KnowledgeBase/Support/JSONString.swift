/// JSON string escaping shared by the search files and the data API: `"`, `\` and control
/// characters escaped, and `<`, `>`, `&` as `\u` escapes so the JSON is safe to embed in
/// HTML. Runs of bytes that need no escaping are found eight at a time and copied at once.
enum JSONString {
    /// - Parameter shortControlEscapes: `\b` and `\f` as JSONEncoder writes them (the data API
    ///   keeps JSONEncoder's bytes); otherwise `\u0008` and `\u000c` (the search files).
    static func append(_ text: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8], shortControlEscapes: Bool) {
        bytes.append(34)
        var run = 0
        var i = 0
        while i < text.count {
            if i + 8 <= text.count && !needsEscape(UnsafeRawPointer(text.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
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
            case 8 where shortControlEscapes: bytes.append(98)
            case 12 where shortControlEscapes: bytes.append(102)
            default:
                let hex: StaticString = "0123456789abcdef"
                let digits = hex.utf8Start
                bytes.append(contentsOf: [117, 48, 48, digits[Int(byte >> 4)], digits[Int(byte & 15)]])
            }
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[run...]))
        bytes.append(34)
    }

    static func append(_ text: String, to bytes: inout [UInt8], shortControlEscapes: Bool) {
        var text = text
        text.withUTF8 { append($0, to: &bytes, shortControlEscapes: shortControlEscapes) }
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
