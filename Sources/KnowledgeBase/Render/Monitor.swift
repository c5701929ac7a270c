/// The national monitor's figures: per region and in total, counted from the write-ups' front
/// matter. Made once per page or CSV; both total over every write-up.
struct MonitorFigures {
    /// One region, or the total.
    struct Tally {
        var initiatives = 0
        var statuses: [Int] = Array(repeating: 0, count: Status.allCases.count)
        var businessCases = 0
        var positive = 0
        /// Per partner kind, in `PartnerKind.allCases` order.
        var contributions: [Int] = Array(repeating: 0, count: PartnerKind.allCases.count)
        var expected = 0
        var realised = 0
        /// Expected savings of the write-ups that report realised savings: the fair comparison.
        var expectedWhereRealised = 0
        /// Per level in `EvidenceLevel.allCases` order, then unknown.
        var evidence: [Int] = Array(repeating: 0, count: EvidenceLevel.allCases.count + 1)
        /// Starts per year, by year.
        var years: [Int: Int] = [:]

        mutating func add(_ i: Initiative) {
            initiatives += 1
            statuses[Status.allCases.firstIndex(of: i.status)!] += 1
            if let bc = i.businessCase {
                businessCases += 1
                if bc.isPositive { positive += 1 }
                for part in bc.contributions { contributions[PartnerKind.allCases.firstIndex(of: part.kind)!] += part.amount }
                expected += bc.expectedWlzSavings
                if let done = bc.realisedWlzSavings {
                    realised += done
                    expectedWhereRealised += bc.expectedWlzSavings
                }
            }
            evidence[i.evidenceLevel.flatMap { EvidenceLevel.allCases.firstIndex(of: $0) } ?? EvidenceLevel.allCases.count] += 1
            years[i.period.start.year, default: 0] += 1
        }

        /// Share of business cases that are positive, in percent; nil without business cases.
        var positiveShare: Double? { businessCases > 0 ? Double(positive) * 100 / Double(businessCases) : nil }
    }

    var regions: [(region: Region, tally: Tally)]
    var total: Tally
    /// Every start year from the first to the last (none missing, so columns are contiguous).
    var years: [Int]

    init(_ c: PageContext) {
        var total = Tally()
        regions = c.site.reference.regions.map { region in
            var tally = Tally()
            for index in c.catalog.byRegion[region.code] ?? [] { tally.add(c.catalog.initiatives[index]) }
            return (region, tally)
        }
        for initiative in c.catalog.initiatives { total.add(initiative) }
        self.total = total
        if let first = total.years.keys.min(), let last = total.years.keys.max() { years = Array(first...last) } else { years = [] }
    }
}
