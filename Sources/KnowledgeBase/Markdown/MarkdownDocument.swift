/// Everything later stages need from a Markdown body, produced in one parse so nothing
/// downstream ever parses Markdown again.
public struct MarkdownDocument: Sendable, Hashable {
    public var html: String
    /// Plain text of the body, for the search index and feeds.
    public var plainText: String
    public var headings: [Heading]
    public var links: [Link]

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
