import Foundation

/// What the link stage hands on: a validated, cross-linked site, and what tells a rebuild which
/// pages can stay as they are.
public struct CheckedSite: Sendable {
    public var config: SiteConfig
    public var reference: ReferenceData
    public var catalog: Catalog
    public var diagnostics: [Diagnostic]
    /// Content files looked at, for the summary line.
    public var fileCount: Int
    public var timings: [(stage: String, seconds: Double)]
    /// What `--verbose` says about the build besides timings (the word list search used).
    public var notes: [String] = []
    /// Hash of each published write-up's source file, by slug: what tells a rebuild which
    /// pages can stay as they are.
    public var contentHashes: [String: UInt64] = [:]
    /// Hash of each published write-up's front matter, by slug.
    public var frontMatterHashes: [String: UInt64] = [:]
    /// Digest of the inputs all pages share (0: unknown, so every file is rendered).
    var siteDigest: UInt64 = 0
    /// `identity` of each write-up in catalog order.
    var identities: [UInt64] = []
    /// The front matter's identity (with the slug) in catalog order.
    var frontIdentities: [UInt64] = []

    /// What identifies a published write-up's content: its slug and its file's bytes (0 when
    /// unknown).
    func identity(_ initiative: Initiative) -> UInt64 {
        guard let hash = contentHashes[initiative.slug] else { return 0 }
        return Hash.content(initiative.slug) ^ hash
    }

    /// The body HTML of a write-up (made by parse, or kept by the incremental layer).
    func html(of initiative: Initiative) -> String { initiative.body.html }

    /// The plain text of a write-up's body, for search.
    func plainText(of initiative: Initiative) -> String { initiative.body.plainText }
}
