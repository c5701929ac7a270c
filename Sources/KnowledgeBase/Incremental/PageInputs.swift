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
