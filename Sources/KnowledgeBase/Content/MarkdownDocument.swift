/// Everything later stages need from a Markdown body, produced in one parse so nothing
/// downstream ever parses Markdown again.
public struct MarkdownDocument: Sendable, Hashable {
    /// The HTML and plain text as made, or as the incremental layer keeps them: their bytes in
    /// its file, turned into Strings only for the few pages and search blocks a rebuild makes
    /// again.
    enum Text: Sendable, Hashable {
        case made(html: String, plainText: String)
        /// UTF-8 of the HTML, then of the plain text.
        case stored(ArraySlice<UInt8>, htmlCount: Int)
    }

    var text: Text
    public var headings: [Heading]
    public var links: [Link]

    public var html: String {
        switch text {
        case .made(let html, _): return html
        case .stored(let bytes, let htmlCount): return String(decoding: bytes.prefix(htmlCount), as: UTF8.self)
        }
    }

    /// Plain text of the body, for the search index and feeds.
    public var plainText: String {
        switch text {
        case .made(_, let plainText): return plainText
        case .stored(let bytes, let htmlCount): return String(decoding: bytes.dropFirst(htmlCount), as: UTF8.self)
        }
    }

    init(html: String, plainText: String, headings: [Heading], links: [Link]) {
        text = .made(html: html, plainText: plainText)
        self.headings = headings
        self.links = links
    }

    init(text: Text, headings: [Heading], links: [Link]) {
        self.text = text
        self.headings = headings
        self.links = links
    }

    public static func == (a: MarkdownDocument, b: MarkdownDocument) -> Bool {
        a.html == b.html && a.plainText == b.plainText && a.headings == b.headings && a.links == b.links
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(html)
        hasher.combine(plainText)
    }

    public struct Heading: Sendable, Hashable {
        public var level: Int
        public var text: String
        public var id: String
    }

    public struct Link: Sendable, Hashable {
        /// As written by the author.
        public var destination: String
        /// File-relative position of the link.
        public var line: Int
        public var column: Int
    }

    public var anchors: Set<String> { Set(headings.map(\.id)) }
}

extension MarkdownDocument {
    /// A link the author meant as "another write-up": relative, ending in .md (plus #anchor).
    static func writeUpTarget(_ destination: String) -> (slug: String, anchor: String?)? {
        // On bytes: every link of every write-up comes through here, and most are web links.
        var destination = destination
        return destination.withUTF8 { b -> (slug: String, anchor: String?)? in
            let hash = b.firstIndex(of: UInt8(ascii: "#")) ?? b.count
            let anchor = hash < b.count ? String(decoding: UnsafeBufferPointer(rebasing: b[(hash + 1)...]), as: UTF8.self) : nil
            if hash == 0 { return ("", anchor) }
            func has(_ text: StaticString, at offset: Int) -> Bool {
                offset >= 0 && offset + text.utf8CodeUnitCount <= b.count
                    && (0..<text.utf8CodeUnitCount).allSatisfy { b[offset + $0] == text.utf8Start[$0] }
            }
            guard has(".md", at: hash - 3), !has("/", at: 0), !has("mailto:", at: 0) else { return nil }
            for index in 0..<max(0, b.count - 2) where b[index] == UInt8(ascii: ":") && has("://", at: index) { return nil }
            var start = has("./", at: 0) ? 2 : 0
            if has("../initiatieven/", at: start) { start += "../initiatieven/".utf8.count }
            return (String(decoding: UnsafeBufferPointer(rebasing: b[start..<max(start, hash - 3)]), as: UTF8.self), anchor)
        }
    }
}

/// The other write-ups a body's links point at, as resolved when it was parsed: those that
/// existed (their links go to their pages) and those that did not. A parse holds while both
/// are still so.
struct LinkTargets: Sendable, Hashable {
    var resolved: [String]
    var unresolved: [String]

    func hold(_ slugs: Set<String>) -> Bool {
        resolved.allSatisfy(slugs.contains) && !unresolved.contains(where: slugs.contains)
    }
}
