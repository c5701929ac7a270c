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
    /// Content pages, by slug.
    public var pages: [ContentPage] = []
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

extension CheckedSite {
    /// The digest of a file from its declared inputs: the one place digests are made. 0 (make
    /// the file) when the file depends on everything or any identity it needs is unknown.
    func digest(of inputs: PageInputs) -> UInt64 {
        guard !inputs.everything, siteDigest != 0 else { return 0 }
        var digest = InputDigest(inputs.kind, scope: siteDigest)
        func mix(_ word: UInt64) { digest.add(word) }
        // A summary (card included) shows front matter only, so its identity is the front
        // matter's; should a summary ever show more, this is the one line to change.
        let sections: [(tag: UInt64, indexes: [Int], identities: [UInt64])] = [
            (1, inputs.content, identities), (2, inputs.frontMatter, frontIdentities), (3, inputs.summaries, frontIdentities),
        ]
        for section in sections {
            mix(section.tag)
            mix(UInt64(section.indexes.count))
            for index in section.indexes {
                guard index < section.identities.count, section.identities[index] != 0 else { return 0 }
                mix(section.identities[index])
            }
        }
        mix(4)
        mix(UInt64(inputs.slugs.count))
        let initiatives = catalog.initiatives
        for index in inputs.slugs {
            guard index < initiatives.count else { return 0 }
            mix(Hash.content(initiatives[index].slug))
        }
        mix(5)
        mix(UInt64(inputs.values.count))
        for value in inputs.values { mix(value) }
        return digest.value
    }
}
