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
    /// Per initiative, up to `relatedCount` others: same type in other regions first.
    public let related: [[Int]]
    /// Indexes, most recently updated or started first.
    public let newest: [Int]

    public static let relatedCount = 5
    /// Partners and tags with more write-ups than this are too common to tell related ones apart.
    static let selectiveLimit = 200

    public init(initiatives unsorted: [Initiative], reference: ReferenceData) {
        let keys = unsorted.map { Text.fold($0.title) }
        let initiatives = unsorted.indices.sorted { (keys[$0], unsorted[$0].slug) < (keys[$1], unsorted[$1].slug) }.map { unsorted[$0] }
        self.initiatives = initiatives
        var bySlug: [String: Int] = [:]
        var byRegion: [String: [Int]] = [:]
        var byType: [String: [Int]] = [:]
        var byTag: [String: [Int]] = [:]
        var organisations: [Organisation] = []
        var organisationIndex: [String: Int] = [:]
        var byOrganisation: [Int: [Int]] = [:]
        for (index, initiative) in initiatives.enumerated() {
            bySlug[initiative.slug] = index
            byRegion[initiative.regionCode, default: []].append(index)
            for type in initiative.types { byType[type, default: []].append(index) }
            for tag in initiative.tags { byTag[tag, default: []].append(index) }
            for partner in initiative.partners {
                let slug = Text.slug(partner.name)
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
        self.bySlug = bySlug
        self.byRegion = byRegion
        self.byType = byType
        self.byTag = byTag

        let orgsOf: [[Int]] = initiatives.map { initiative in
            Array(Set(initiative.partners.compactMap { organisationIndex[Text.slug($0.name)] }))
        }
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
                        to: index, initiatives: initiatives, byRegion: byRegion, byType: byType, byTag: byTag,
                        organisationsOf: orgsOf, byOrganisation: byOrganisation, scores: &scores, touched: &touched)
                    index += chunks
                }
            }
        }
        self.related = related
        self.newest = initiatives.indices.sorted { a, b in
            let x = initiatives[a], y = initiatives[b]
            let kx = x.updated ?? x.period.start.description, ky = y.updated ?? y.period.start.description
            return (kx, x.title) > (ky, y.title)
        }
    }

    /// Scores candidates reached through the inverted indexes only (never all pairs).
    /// Learning across regions comes first: a shared type in another region outranks
    /// anything in the same region, which in turn outranks shared partners or tags alone.
    static func related(
        to index: Int, initiatives: [Initiative], byRegion: [String: [Int]], byType: [String: [Int]], byTag: [String: [Int]],
        organisationsOf: [[Int]], byOrganisation: [Int: [Int]], scores: inout [Int], touched: inout [Int]
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
        var score: [Int: Int] = [:]
        for other in touched where other != index { score[other] = scores[other] }
        for other in touched { scores[other] = 0 }
        touched.removeAll(keepingCapacity: true)
        // Rank by (group, score, index) and keep the best few: one pass, no sort of everything.
        let myTypes = Set(me.types)
        var best: [(group: Int, score: Int, index: Int)] = []
        for (other, value) in score {
            let region = initiatives[other].regionCode
            let group: Int
            if region != me.regionCode && initiatives[other].types.contains(where: myTypes.contains) {
                group = 0
            } else if region == me.regionCode {
                group = 1
            } else {
                group = 2
            }
            let candidate = (group: group, score: value, index: other)
            func better(_ a: (group: Int, score: Int, index: Int), _ b: (group: Int, score: Int, index: Int)) -> Bool {
                if a.group != b.group { return a.group < b.group }
                if a.score != b.score { return a.score > b.score }
                return a.index < b.index
            }
            if best.count < relatedCount {
                best.append(candidate)
                best.sort(by: better)
            } else if better(candidate, best[best.count - 1]) {
                best[best.count - 1] = candidate
                best.sort(by: better)
            }
        }
        return best.map(\.index)
    }

    public func initiative(slug: String) -> Initiative? { bySlug[slug].map { initiatives[$0] } }

    public func organisationSlug(for name: String) -> String? {
        let slug = Text.slug(name)
        return organisationIndexByName[slug] != nil ? slug : nil
    }
}
