/// A JSON value written the way Foundation's JSONEncoder writes with
/// `[.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]` (two-space indent, `"key" : value`,
/// empty arrays as `[`, blank line, `]`), plus `<`, `>` and `&` as `\u` escapes so the file is
/// safe to embed in HTML. JSONEncoder built a tree of boxed values for the 40 MB data API of a
/// 10,000-write-up site; this writes bytes directly, one write-up per thread.
indirect enum PrettyJSON {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case array([PrettyJSON])
    /// nil values are left out, as Codable's synthesised encoding leaves out nil optionals.
    case object([String: PrettyJSON?])

    /// Writes the value; `indent` is the column of the line it starts on.
    func write(into out: inout [UInt8], indent: Int) {
        switch self {
        case .string(let text):
            Self.writeString(text, into: &out)
        case .int(let number):
            out.append(contentsOf: String(number).utf8)
        case .double(let number):
            // JSONEncoder writes whole doubles without ".0".
            if number.rounded() == number, abs(number) < 1e15 {
                out.append(contentsOf: String(Int(number)).utf8)
            } else {
                out.append(contentsOf: String(number).utf8)
            }
        case .bool(let flag):
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            out.append(10)
            if items.isEmpty { out.append(10) }
            for (index, item) in items.enumerated() {
                out.append(contentsOf: repeatElement(32, count: indent + 2))
                item.write(into: &out, indent: indent + 2)
                if index + 1 < items.count { out.append(UInt8(ascii: ",")) }
                out.append(10)
            }
            out.append(contentsOf: repeatElement(32, count: indent))
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            let present = fields.compactMap { key, value in value.map { (key, $0) } }.sorted { $0.0 < $1.0 }
            out.append(UInt8(ascii: "{"))
            out.append(10)
            if present.isEmpty { out.append(10) }
            for (index, (key, value)) in present.enumerated() {
                out.append(contentsOf: repeatElement(32, count: indent + 2))
                Self.writeString(key, into: &out)
                out.append(32)
                out.append(UInt8(ascii: ":"))
                out.append(32)
                value.write(into: &out, indent: indent + 2)
                if index + 1 < present.count { out.append(UInt8(ascii: ",")) }
                out.append(10)
            }
            out.append(contentsOf: repeatElement(32, count: indent))
            out.append(UInt8(ascii: "}"))
        }
    }

    static func writeString(_ text: String, into out: inout [UInt8]) {
        JSONString.append(text, to: &out, shortControlEscapes: true)
    }
}
