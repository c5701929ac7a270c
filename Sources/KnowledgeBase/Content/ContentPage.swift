/// A content page (content/paginas/<slug>.md): "Over de kennisbank", "Initiatief aanmelden",
/// the accessibility statement. Published at /<slug>/; in the menu when it has a `menu` order.
public struct ContentPage: Sendable {
    public var slug: String
    public var sourcePath: String
    public var title: String
    public var summary: String
    /// Place in the menu after the built-in sections (lower first); nil: not in the menu.
    public var menu: Int?
    public var body: MarkdownDocument
    /// Hash of the file's bytes: what its page shows.
    public var contentHash: UInt64
}
