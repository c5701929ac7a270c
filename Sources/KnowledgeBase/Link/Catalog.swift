import Dispatch

/// An organisation that takes part in one or more initiatives, identified by its slugged name.
public struct Organisation: Sendable {
    public var slug: String
    public var name: String
    public var kinds: [PartnerKind]
    /// Indexes into `Catalog.initiatives`.
    public var initiatives: [Int]
}

/// The link stage: indexes by region, type, organisation and tag, and related initiatives.
/// Everything is computed once here so the renderer only looks things up.
public struct Catalog: Sendable {
    /// Sorted by title.
    public let initiatives: [Initiative]
    public let bySlug: [String: Int]
    public let byRegion: [String: [Int]]
    public let byType: [String: [Int]]
    public let byTag: [String: [Int]]
    public let organisations: [Organisation]
    public let organisationIndexByName: [String: Int]
    /// The slug of every partner name the write-ups use: pages, API and search index look
    /// names up here instead of slugging each mention again.
    let slugOfName: [String: String]
    /// Per initiative, up to `relatedCount` others: same type in other regions first.
    public let related: [[Int]]
    /// Indexes, most recently updated or started first.
    public let newest: [Int]
    /// What each write-up is based on and who followed it (`based_on`).
    let lineage: Lineage

    /// Hash of everything the related lists are computed from (order, slugs, types, regions,
    /// partners, tags): equal hashes, equal lists.
    public let relatedSignature: UInt64

    public static let relatedCount = 5
    /// Partners and tags with more write-ups than this are too common to tell related ones apart.
    static let selectiveLimit = 200

    /// `memo`: the incremental layer's memoised function for the related lists, keyed by the
    /// signature (ranking all candidates is most of this stage's time).
    public init(
        initiatives unsorted: [Initiative], reference: ReferenceData,
        memo: (_ inputs: UInt64, _ compute: () -> [[Int]]) -> [[Int]] = { $1() }
    ) {
        // Sort keys up front: reading them through the array inside the comparator copied
        // the whole Initiative value each time.
        let keys = unsorted.map { (Text.fold($0.title), $0.slug) }
        let initiatives = unsorted.indices.sorted { keys[$0] < keys[$1] }.map { unsorted[$0] }
        self.initiatives = initiatives
        var bySlug: [String: Int] = [:]
        var byRegion: [String: [Int]] = [:]
        var byType: [String: [Int]] = [:]
        var byTag: [String: [Int]] = [:]
        var organisations: [Organisation] = []
        var organisationIndex: [String: Int] = [:]
        var byOrganisation: [Int: [Int]] = [:]
        // Each write-up's organisations (pre-sort indexes), distinct, in order of first mention.
        var orgsOf: [[Int]] = Array(repeating: [], count: initiatives.count)
        // Partners recur across write-ups; slugging each name once is enough.
        var slugOfName: [String: String] = [:]
        func slug(_ name: String) -> String {
            if let known = slugOfName[name] { return known }
            let slug = Text.slug(name)
            slugOfName[name] = slug
            return slug
        }
        for (index, initiative) in initiatives.enumerated() {
            bySlug[initiative.slug] = index
            byRegion[initiative.regionCode, default: []].append(index)
            for type in initiative.types { byType[type, default: []].append(index) }
            for tag in initiative.tags { byTag[tag, default: []].append(index) }
            for partner in initiative.partners {
                let slug = slug(partner.name)
                guard !slug.isEmpty else { continue }
                let orgIndex: Int
                if let existing = organisationIndex[slug] {
                    orgIndex = existing
                } else {
                    orgIndex = organisations.count
                    organisationIndex[slug] = orgIndex
                    organisations.append(Organisation(slug: slug, name: partner.name, kinds: [], initiatives: []))
                }
                if !organisations[orgIndex].kinds.contains(partner.kind) { organisations[orgIndex].kinds.append(partner.kind) }
                if !orgsOf[index].contains(orgIndex) { orgsOf[index].append(orgIndex) }
                if organisations[orgIndex].initiatives.last != index {
                    organisations[orgIndex].initiatives.append(index)
                    byOrganisation[orgIndex, default: []].append(index)
                }
            }
        }
        // Sort organisations by name but keep the index map pointing at the right entries.
        let nameKeys = organisations.map { Text.fold($0.name) }
        let order = organisations.indices.sorted { (nameKeys[$0], $0) < (nameKeys[$1], $1) }
        var remap = [Int](repeating: 0, count: organisations.count)
        for (newIndex, oldIndex) in order.enumerated() { remap[oldIndex] = newIndex }
        self.organisations = order.map { organisations[$0] }
        self.organisationIndexByName = organisationIndex.mapValues { remap[$0] }
        self.slugOfName = slugOfName
        self.bySlug = bySlug
        self.byRegion = byRegion
        self.byType = byType
        self.byTag = byTag

        var words: [UInt64] = [UInt64(initiatives.count), UInt64(Self.relatedCount), UInt64(Self.selectiveLimit)]
        words.reserveCapacity(initiatives.count * 8)
        func add(_ text: String) { words.append(Hash.content(text)) }
        for (index, initiative) in initiatives.enumerated() {
            add(initiative.slug)
            add(initiative.regionCode)
            words.append(UInt64(initiative.types.count))
            initiative.types.forEach(add)
            words.append(UInt64(initiative.tags.count))
            initiative.tags.forEach(add)
            words.append(UInt64(orgsOf[index].count))
            for org in orgsOf[index].sorted() { words.append(UInt64(org)) }
        }
        relatedSignature = words.withUnsafeBytes { Hash.content($0) }
        self.related = memo(relatedSignature) {
            Self.rankRelated(
                initiatives: initiatives, orgsOf: orgsOf, byRegion: byRegion, byType: byType, byTag: byTag, byOrganisation: byOrganisation)
        }
        let newestKeys = initiatives.map { ($0.updated ?? $0.period.start.description, $0.title) }
        self.newest = initiatives.indices.sorted { newestKeys[$0] > newestKeys[$1] }
        self.lineage = Lineage(initiatives: initiatives, bySlug: bySlug)
    }

    static func rankRelated(
        initiatives: [Initiative], orgsOf: [[Int]], byRegion: [String: [Int]], byType: [String: [Int]], byTag: [String: [Int]],
        byOrganisation: [Int: [Int]]
    ) -> [[Int]] {
        // Regions and types as small integers, so ranking thousands of candidates per
        // initiative compares numbers instead of hashing strings.
        var regionIDs: [String: Int] = [:]
        var typeIDs: [String: Int] = [:]
        let shape = RelatedShape(
            region: initiatives.map { initiative in
                if let id = regionIDs[initiative.regionCode] { return id }
                regionIDs[initiative.regionCode] = regionIDs.count
                return regionIDs.count - 1
            },
            types: initiatives.map { initiative in
                initiative.types.map { key in
                    if let id = typeIDs[key] { return id }
                    typeIDs[key] = typeIDs.count
                    return typeIDs.count - 1
                }
            })
        // One reusable score buffer per worker instead of a dictionary per initiative.
        var related = [[Int]](repeating: [], count: initiatives.count)
        related.withUnsafeMutableBufferPointer { buffer in
            let out = buffer
            let chunks = max(1, min(8, initiatives.count / 256))
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                var scores = [Int](repeating: 0, count: initiatives.count)
                var touched: [Int] = []
                var index = chunk
                while index < initiatives.count {
                    out[index] = Self.related(
                        to: index, initiatives: initiatives, shape: shape, byRegion: byRegion, byType: byType, byTag: byTag,
                        organisationsOf: orgsOf, byOrganisation: byOrganisation, scores: &scores, touched: &touched)
                    index += chunks
                }
            }
        }
        return related
    }

    /// Each initiative's region and types as integer ids.
    struct RelatedShape {
        var region: [Int]
        var types: [[Int]]
    }

    /// Scores candidates reached through the inverted indexes only (never all pairs).
    /// Learning across regions comes first: a shared type in another region outranks
    /// anything in the same region, which in turn outranks shared partners or tags alone.
    static func related(
        to index: Int, initiatives: [Initiative], shape: RelatedShape, byRegion: [String: [Int]], byType: [String: [Int]],
        byTag: [String: [Int]], organisationsOf: [[Int]], byOrganisation: [Int: [Int]], scores: inout [Int], touched: inout [Int]
    ) -> [Int] {
        let me = initiatives[index]
        func add(_ other: Int, _ points: Int) {
            if scores[other] == 0 { touched.append(other) }
            scores[other] += points
        }
        for type in me.types { for other in byType[type] ?? [] { add(other, 1000) } }
        for other in byRegion[me.regionCode] ?? [] { add(other, 100) }
        // A partner or tag shared by very many write-ups says little about likeness and would
        // make this quadratic on large sites; only the selective ones count.
        for org in organisationsOf[index] {
            if let others = byOrganisation[org], others.count <= selectiveLimit { for other in others { add(other, 10) } }
        }
        for tag in me.tags {
            if let others = byTag[tag], others.count <= selectiveLimit { for other in others { add(other, 1) } }
        }
        // Rank by (group, score, index) and keep the best few: one pass, no sort of everything.
        typealias Candidate = (group: Int, score: Int, index: Int)
        func better(_ a: Candidate, _ b: Candidate) -> Bool {
            if a.group != b.group { return a.group < b.group }
            if a.score != b.score { return a.score > b.score }
            return a.index < b.index
        }
        let myRegion = shape.region[index]
        let myTypes = shape.types[index]
        var best: [Candidate] = []
        best.reserveCapacity(relatedCount + 1)
        for other in touched where other != index {
            let value = scores[other]
            // Once the list is full of the first group, a lower score cannot get in whatever
            // its group: skip the group test for most candidates.
            if best.count == relatedCount, best[relatedCount - 1].group == 0, value < best[relatedCount - 1].score { continue }
            let region = shape.region[other]
            let group: Int
            if region != myRegion && shape.types[other].contains(where: myTypes.contains) {
                group = 0
            } else if region == myRegion {
                group = 1
            } else {
                group = 2
            }
            let candidate = (group: group, score: value, index: other)
            if best.count < relatedCount {
                best.append(candidate)
                best.sort(by: better)
            } else if better(candidate, best[best.count - 1]) {
                best[best.count - 1] = candidate
                best.sort(by: better)
            }
        }
        for other in touched { scores[other] = 0 }
        touched.removeAll(keepingCapacity: true)
        return best.map(\.index)
    }

    public func initiative(slug: String) -> Initiative? { bySlug[slug].map { initiatives[$0] } }

    /// `Text.slug(name)`, looked up when a write-up names this partner.
    func slug(ofPartner name: String) -> String { slugOfName[name] ?? Text.slug(name) }

    public func organisationSlug(for name: String) -> String? {
        let slug = slug(ofPartner: name)
        return organisationIndexByName[slug] != nil ? slug : nil
    }
}
