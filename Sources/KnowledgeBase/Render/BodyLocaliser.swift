/// cmark-gfm's HTML in the site's language: it writes a few English words and unlabelled
/// controls. Made once per build (its replacements) and used for every write-up's body.
struct BodyLocaliser: Sendable {
    let strings: Strings
    /// What `localised` replaces, made once.
    private let bodyReplacements: [(from: [UInt8], to: [UInt8])]

    init(_ strings: Strings) {
        self.strings = strings
        bodyReplacements = [
            (Array("aria-label=\"Back to content\"".utf8), Array("aria-label=\"\(strings["format.footnote_back"])\"".utf8)),
            (
                Array("<input type=\"checkbox\" checked=\"\" disabled=\"\" />".utf8),
                Array("<input type=\"checkbox\" checked disabled aria-label=\"\(strings["format.task_done"])\">".utf8)
            ),
            (
                Array("<input type=\"checkbox\" disabled=\"\" />".utf8),
                Array("<input type=\"checkbox\" disabled aria-label=\"\(strings["format.task_open"])\">".utf8)
            ),
            (
                Array("<section class=\"footnotes\" data-footnotes>".utf8),
                Array("<section class=\"footnotes\" data-footnotes><h2 class=\"visueel-verborgen\">\(strings["format.footnotes"])</h2>".utf8)
            ),
            (Array("</table>".utf8), Array("</table></div>".utf8)),
        ]
    }

    /// cmark-gfm writes a few English words and unlabelled controls into its HTML; give them
    /// the site's language and make wide tables scroll on small screens. One pass over the
    /// bytes: this runs for every write-up.
    func localised(_ html: String) -> String {
        let replacements = bodyReplacements
        let table = Array("<table>".utf8)
        var html = html
        let localised = html.withUTF8 { bytes -> String? in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 256)
            func matches(_ needle: [UInt8], at index: Int) -> Bool {
                guard index + needle.count <= bytes.count else { return false }
                for offset in 1..<needle.count where bytes[index + offset] != needle[offset] { return false }
                return true
            }
            var tables = 0
            var index = 0
            var copied = 0
            scan: while index < bytes.count {
                let byte = bytes[index]
                // Every replacement starts a tag or an attribute ("aria-label" after a space).
                guard byte == UInt8(ascii: "<") || (byte == UInt8(ascii: "a") && index > 0 && bytes[index - 1] == 32) else {
                    index += 1
                    continue
                }
                if byte == UInt8(ascii: "<") && matches(table, at: index) {
                    // Each scrollable region needs its own name (axe landmark-unique): "Tabel 1", "Tabel 2".
                    tables += 1
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                    out.append(
                        contentsOf: "<div class=\"tabel-wrapper\" tabindex=\"0\" role=\"region\" aria-label=\"\(strings["format.table"]) \(tables)\"><table>"
                            .utf8)
                    index += table.count
                    copied = index
                    continue
                }
                for (from, to) in replacements where from[0] == byte && matches(from, at: index) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                    out.append(contentsOf: to)
                    index += from.count
                    copied = index
                    continue scan
                }
                index += 1
            }
            if copied == 0 { return nil }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count]))
            return String(decoding: out, as: UTF8.self)
        }
        return localised ?? html
    }
}
