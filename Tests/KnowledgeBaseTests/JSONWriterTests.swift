import Foundation
import Testing

@testable import KnowledgeBase

/// The JSON writer against what JSONSerialization wrote before it replaced it (kb schema,
/// kb check --format json, kb serve's status, the search entry file): the files must keep
/// their bytes.
@Suite("JSON writer")
struct JSONWriterTests {
    /// A random value and the same as JSONSerialization's input.
    private func randomValue(_ rng: inout SplitMix, depth: Int) -> (JSONValue, Any) {
        let pieces = [
            "a", "B", "z", "Z", "_", "$", "9", "10", "2", "é", "E", "ë", "ß", "😀", "<", ">", "&", "/", "\\", "\"", " ", "\n", "\t",
            "\u{0}", "\u{1}", "\u{8}", "\u{b}", "\u{c}", "\u{d}", "\u{1f}", "\u{7f}", "\u{2028}", "max", "Length", "imum", "\u{301}", "i", "I", "ı", "İ",
        ]
        func text() -> String {
            (0..<Int(rng.next() % 6)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
        }
        switch depth > 2 ? rng.next() % 4 : rng.next() % 6 {
        case 0:
            let value = text()
            return (.string(value), value)
        case 1:
            let value = Int(bitPattern: UInt(rng.next())) >> Int(rng.next() % 64)
            return (.int(value), value)
        case 2:
            let value = rng.next() % 2 == 0
            return (.bool(value), value)
        case 3:
            // The doubles kb writes: whole numbers (the schema's bounds) and short fractions.
            let value = rng.next() % 2 == 0 ? Double(Int(rng.next() % 100_000)) : Double(Int(rng.next() % 10_000)) / 8
            return (.double(value), value)
        case 4:
            let items = (0..<Int(rng.next() % 4)).map { _ in randomValue(&rng, depth: depth + 1) }
            return (.array(items.map(\.0)), items.map(\.1))
        default:
            var ours: [String: JSONValue?] = [:]
            var theirs: [String: Any] = [:]
            for _ in 0..<Int(rng.next() % 6) {
                let key = text()
                let (value, any) = randomValue(&rng, depth: depth + 1)
                ours[key] = value
                theirs[key] = any
            }
            return (.object(ours), theirs)
        }
    }

    @Test("writes what JSONSerialization writes with .sortedKeys and .withoutEscapingSlashes")
    func foundationBytes() throws {
        var rng = SplitMix(seed: 7)
        for _ in 0..<3_000 {
            let (value, any) = randomValue(&rng, depth: 0)
            switch value {
            case .array, .object: break
            default: continue  // JSONSerialization writes only arrays and objects at the top
            }
            for (style, options) in [
                (JSONStyle.foundation, JSONSerialization.WritingOptions([.sortedKeys, .withoutEscapingSlashes])),
                (.foundationPretty, [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]),
            ] {
                let expected = try JSONSerialization.data(withJSONObject: any, options: options)
                #expect(value.bytes(style) == Array(expected), "\(String(decoding: expected, as: UTF8.self).debugDescription)")
            }
            // The search entry file: JSONSerialization's bytes with <, > and & escaped after.
            let compact = try JSONSerialization.data(withJSONObject: any, options: [.sortedKeys, .withoutEscapingSlashes])
            // Byte by byte, as before: "<" and a combining mark after it are one Character.
            let embeddable = compact.flatMap { byte -> [UInt8] in
                switch byte {
                case UInt8(ascii: "<"): Array("\\u003c".utf8)
                case UInt8(ascii: ">"): Array("\\u003e".utf8)
                case UInt8(ascii: "&"): Array("\\u0026".utf8)
                default: [byte]
                }
            }
            #expect(value.bytes(.searchEntry) == embeddable)
        }
    }
}
