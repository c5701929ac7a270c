/// What one output file (a page, a data file, or a piece of one such as a card) shows besides
/// the site-wide inputs: kb, its options, templates, kb.yml and reference data, whose digest is
/// `CheckedSite.siteDigest`. Each page kind declares this; `CheckedSite.digest(of:)` derives
/// the file's digest from it, and a rebuild keeps a file whose digest did not change. So a
/// declaration must name everything the file shows: the incremental tests compare rebuilds with
/// clean builds and catch what is left out.
struct PageInputs: Sendable {
    /// Tells apart files that read the same write-ups (a type page and a region page).
    var kind: String
    /// Write-ups shown whole, body included (catalog indexes).
    var content: [Int] = []
    /// Write-ups of which only front matter is shown: counts, sums, charts, API objects.
    var frontMatter: [Int] = []
    /// Write-ups shown as summaries or cards, in the order shown.
    var summaries: [Int] = []
    /// Write-ups only named by their slug (a link, the API's `related`), in the order shown.
    var slugs: [Int] = []
    /// Anything else shown that none of the above determines (see `add`).
    private(set) var values: [UInt64] = []
    /// Shows something of every write-up, such as totals: such a file is made every build.
    private(set) var everything = false

    init(_ kind: String, content: [Int] = [], frontMatter: [Int] = [], summaries: [Int] = [], slugs: [Int] = []) {
        self.kind = kind
        self.content = content
        self.frontMatter = frontMatter
        self.summaries = summaries
        self.slugs = slugs
    }

    /// A file that depends on every write-up: always made (digest 0).
    static func everything(_ kind: String) -> PageInputs {
        var inputs = PageInputs(kind)
        inputs.everything = true
        return inputs
    }

    /// A value the file shows, e.g. an organisation's name or another page's URL.
    mutating func add(_ text: String) { values.append(Hash.content(text)) }

    mutating func add(_ number: Int) { values.append(UInt64(bitPattern: Int64(number))) }

    /// A digest of something shown that is made elsewhere (a search shard's postings).
    mutating func add(digest: UInt64) { values.append(digest) }
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
