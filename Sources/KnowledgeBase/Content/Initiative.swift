/// One published write-up: front matter decoded into values plus the parsed body.
public struct Initiative: Sendable {
    public var slug: String
    /// Path relative to the site folder, for diagnostics.
    public var sourcePath: String
    public var title: String
    public var summary: String
    /// Type keys, first is the main type.
    public var types: [String]
    /// CBS code of the zorgkantoorregio, e.g. "ZK04".
    public var regionCode: String
    public var municipalities: [String]
    public var status: Status
    public var period: Period
    public var partners: [Partner]
    public var funding: [Funding]
    public var businessCase: BusinessCase?
    public var results: Results?
    public var evidenceLevel: EvidenceLevel?
    public var tags: [String]
    public var sources: [Source]
    public var contact: Contact?
    /// ISO date `YYYY-MM-DD`.
    public var updated: String?
    public var draft: Bool
    public var body: MarkdownDocument
}

public struct Period: Sendable, Hashable {
    public var start: YearMonth
    public var end: YearMonth?
}

/// `YYYY` or `YYYY-MM`, as authors know the start of a project.
public struct YearMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int?

    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), year >= 1900, year <= 2100
        else { return nil }
        self.year = year
        if parts.count == 2 {
            guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            self.month = month
        }
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool {
        (lhs.year, lhs.month ?? 0) < (rhs.year, rhs.month ?? 0)
    }

    public var description: String {
        month.map { "\(year)-\($0 < 10 ? "0" : "")\($0)" } ?? "\(year)"
    }
}

public struct Partner: Sendable, Hashable {
    public var name: String
    public var kind: PartnerKind
}

public struct BusinessCase: Sendable, Hashable {
    public var investment: Int
    /// Per partner kind, in the order the author wrote them.
    public var contributions: [(kind: PartnerKind, amount: Int)]
    public var expectedWlzSavings: Int
    public var horizonYears: Int?
    public var realisedWlzSavings: Int?

    public var zorgkantoorContribution: Int {
        contributions.first { $0.kind == .zorgkantoor }?.amount ?? 0
    }

    /// Art. 4.2.4 Wlz: positive when expected Wlz savings cover the zorgkantoor's part.
    public var isPositive: Bool { expectedWlzSavings >= zorgkantoorContribution }

    /// Expected Wlz savings per euro the zorgkantoor puts in; nil when it puts in nothing.
    public var savingsPerZorgkantoorEuro: Double? {
        zorgkantoorContribution > 0 ? Double(expectedWlzSavings) / Double(zorgkantoorContribution) : nil
    }

    public static func == (lhs: BusinessCase, rhs: BusinessCase) -> Bool {
        lhs.investment == rhs.investment && lhs.expectedWlzSavings == rhs.expectedWlzSavings
            && lhs.horizonYears == rhs.horizonYears && lhs.realisedWlzSavings == rhs.realisedWlzSavings
            && lhs.contributions.map(\.kind) == rhs.contributions.map(\.kind)
            && lhs.contributions.map(\.amount) == rhs.contributions.map(\.amount)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(investment)
        hasher.combine(expectedWlzSavings)
    }
}

public struct Results: Sendable, Hashable {
    public var participants: Int?
    public var admissionsPreventedOrDelayedPct: Double?
    public var averageDelayMonths: Double?
    public var qualityOfLife: String?
    public var caregiverBurden: String?
    public var evaluator: String?
}

public struct Source: Sendable, Hashable {
    public var title: String
    public var url: String
}

public struct Contact: Sendable, Hashable {
    public var name: String?
    public var organisation: String?
    public var email: String?
}
