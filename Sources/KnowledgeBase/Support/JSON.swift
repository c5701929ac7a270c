import Foundation

/// How JSON is written. The variants exist because kb's files must keep the bytes they had
/// when some were written by JSONSerialization, some by JSONEncoder and some by hand; slashes
/// and non-ASCII characters are never escaped, and control characters always are.
public struct JSONStyle: Sendable {
    /// Two-space indent, `"key" : value`, an empty array as `[`, blank line, `]` (the layout
    /// JSONSerialization and JSONEncoder share); otherwise no whitespace at all.
    public var pretty: Bool
    public var keyOrder: KeyOrder
    /// `<`, `>` and `&` as `\u` escapes, so the JSON is safe inside HTML or a script element.
    public var escapeHTML: Bool
    /// `\b` and `\f` as Foundation writes them; otherwise `\u0008` and `\u000c`.
    public var shortControlEscapes: Bool

    public enum KeyOrder: Sendable {
        /// By UTF-8 bytes (String's `<`).
        case bytes
        /// JSONSerialization's `.sortedKeys`: numeric and case-insensitive ("a9" < "a10",
        /// "a" < "B"), which is not byte order.
        case foundation
    }

    /// What `JSONSerialization` writes with `.sortedKeys, .withoutEscapingSlashes`.
    public static let foundation = JSONStyle(pretty: false, keyOrder: .foundation, escapeHTML: false, shortControlEscapes: true)
    /// As `foundation`, with `.prettyPrinted` (kb schema, kb check --format json).
    public static let foundationPretty = JSONStyle(pretty: true, keyOrder: .foundation, escapeHTML: false, shortControlEscapes: true)
    /// The data API (JSONEncoder's layout with sorted keys, safe to embed).
    static let dataAPI = JSONStyle(pretty: true, keyOrder: .bytes, escapeHTML: true, shortControlEscapes: true)
    /// The search index's entry file (JSONSerialization's bytes, made safe to embed).
    static let searchEntry = JSONStyle(pretty: false, keyOrder: .foundation, escapeHTML: true, shortControlEscapes: true)
    /// The search shards, facets and fragments, written key by key through `JSONWriter`.
    static let searchFiles = JSONStyle(pretty: false, keyOrder: .bytes, escapeHTML: true, shortControlEscapes: false)
}

/// A JSON value to write with `JSONWriter`.
public indirect enum JSONValue: Sendable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([JSONValue])
    /// nil values are left out, as Codable's synthesised encoding leaves out nil optionals.
    case object([String: JSONValue?])

    public func text(_ style: JSONStyle) -> String {
        String(decoding: bytes(style), as: UTF8.self)
    }

    public func bytes(_ style: JSONStyle) -> [UInt8] {
        var writer = JSONWriter(style: style)
        writer.value(self)
        return writer.bytes
    }
}

/// The one JSON writer: values (`value`) or, for the search files of a large site (tens of
/// megabytes of numbers), piece by piece without building values first. Writes bytes directly:
/// runs of bytes that need no escaping are copied at once, numbers without temporary arrays.
struct JSONWriter {
    let style: JSONStyle
    private(set) var bytes: [UInt8] = []

    init(style: JSONStyle, capacity: Int = 1024) {
        self.style = style
        bytes.reserveCapacity(capacity)
    }

    // MARK: Values

    /// Writes `value`; `indent` is the column of the line it starts on (pretty style).
    mutating func value(_ value: JSONValue, indent: Int = 0) {
        switch value {
        case .string(let text):
            string(text)
        case .int(let number):
            integer(number)
        case .double(let number):
            // Whole doubles without ".0", as JSONEncoder and JSONSerialization write them.
            if number.rounded() == number, abs(number) < 1e15 {
                integer(Int(number))
            } else {
                bytes.append(contentsOf: String(number).utf8)
            }
        case .bool(let flag):
            bytes.append(contentsOf: (flag ? "true" : "false").utf8)
        case .array(let items):
            open(91, empty: items.isEmpty)
            for (index, item) in items.enumerated() {
                separate(index, indent: indent)
                self.value(item, indent: indent + 2)
            }
            close(93, empty: items.isEmpty, indent: indent)
        case .object(let fields):
            let present = sorted(fields.compactMap { key, value in value.map { (key, $0) } })
            open(123, empty: present.isEmpty)
            for (index, (key, field)) in present.enumerated() {
                separate(index, indent: indent)
                string(key)
                if style.pretty { bytes += [32, 58, 32] } else { bytes.append(58) }
                self.value(field, indent: indent + 2)
            }
            close(125, empty: present.isEmpty, indent: indent)
        }
    }

    private mutating func open(_ bracket: UInt8, empty: Bool) {
        bytes.append(bracket)
        if style.pretty {
            bytes.append(10)
            if empty { bytes.append(10) }
        }
    }

    private mutating func separate(_ index: Int, indent: Int) {
        if index > 0 {
            bytes.append(44)
            if style.pretty { bytes.append(10) }
        }
        if style.pretty { bytes.append(contentsOf: repeatElement(32, count: indent + 2)) }
    }

    private mutating func close(_ bracket: UInt8, empty: Bool, indent: Int) {
        if style.pretty {
            if !empty { bytes.append(10) }
            bytes.append(contentsOf: repeatElement(32, count: indent))
        }
        bytes.append(bracket)
    }

    private func sorted(_ fields: [(String, JSONValue)]) -> [(String, JSONValue)] {
        switch style.keyOrder {
        case .bytes:
            return fields.sorted { $0.0 < $1.0 }
        case .foundation:
            // The comparison swift-corelibs-foundation's JSONSerialization sorts with (the
            // system locale, not the user's: the order must not depend on who builds).
            let system = Locale(identifier: "")
            return fields.sorted { a, b in
                a.0.compare(b.0, options: [.numeric, .caseInsensitive, .forcedOrdering], range: a.0.startIndex..<a.0.endIndex, locale: system)
                    == .orderedAscending
            }
        }
    }

    // MARK: Pieces

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

    /// [a,b,…]
    mutating func integers<C: Collection>(_ values: C) where C.Element: BinaryInteger {
        bytes.append(91)
        for (i, v) in values.enumerated() {
            if i > 0 { bytes.append(44) }
            integer(Int(v))
        }
        bytes.append(93)
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

    mutating func string(_ value: String) {
        var value = value
        value.withUTF8 { string(utf8: $0) }
    }

    /// A JSON string from UTF-8 bytes.
    mutating func string(utf8 text: UnsafeBufferPointer<UInt8>) {
        Self.appendString(text, to: &bytes, escapeHTML: style.escapeHTML, shortControlEscapes: style.shortControlEscapes)
    }

    // MARK: Numbers and strings

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

    /// `"`, `\` and control characters escaped, `<`, `>`, `&` too with `escapeHTML`. Runs of
    /// bytes that need no escaping are found eight at a time and copied at once.
    static func appendString(_ text: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8], escapeHTML: Bool, shortControlEscapes: Bool) {
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
            case 34, 92, 0..<32: break
            case 60, 62, 38:
                if !escapeHTML {
                    i += 1
                    continue
                }
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

    /// Whether any of eight bytes is a control character, `"`, `\`, `<`, `>` or `&` (the
    /// "Bit Twiddling Hacks" tests for a byte below n and a byte equal to c). Without
    /// `escapeHTML`, `<`, `>` and `&` only send the word to the byte-wise path.
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
