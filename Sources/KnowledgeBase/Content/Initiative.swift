/// One published write-up: front matter decoded into values plus the parsed body. A class:
/// it is never changed once decoded, and every stage hands the 10,000s of them on, where a
/// struct of twenty reference-counted fields cost a retain per field on each copy.
public final class Initiative: Sendable {
    public let slug: String
    /// Path relative to the site folder, for diagnostics.
    public let sourcePath: String
    public let title: String
    public let summary: String
    /// Type keys, first is the main type.
    public let types: [String]
    /// CBS code of the zorgkantoorregio, e.g. "ZK04".
    public let regionCode: String
    public let municipalities: [String]
    public let status: Status
    public let period: Period
    public let partners: [Partner]
    public let funding: [Funding]
    public let businessCase: BusinessCase?
    public let results: Results?
    public let evidenceLevel: EvidenceLevel?
    public let tags: [String]
    public let sources: [Source]
    public let contact: Contact?
    /// ISO date `YYYY-MM-DD`.
    public let updated: String?
    public let draft: Bool
    public let body: MarkdownDocument
    /// The write-ups this one adopted or adapted, as written (checked in the link stage, which
    /// sees every write-up; the positions are for its diagnostics).
    public let basedOn: [SlugReference]
    /// Last editorial review, ISO date, with its position: whether it is overdue depends on
    /// today, so the link stage (run every build) judges it, never the kept validate result.
    public let reviewed: Dated?
    /// Why a `gestopt` initiative stopped.
    public let stoppedReason: String?

    public init(
        slug: String, sourcePath: String, title: String, summary: String, types: [String], regionCode: String, municipalities: [String],
        status: Status, period: Period, partners: [Partner], funding: [Funding], businessCase: BusinessCase?, results: Results?,
        evidenceLevel: EvidenceLevel?, tags: [String], sources: [Source], contact: Contact?, updated: String?, draft: Bool,
        body: MarkdownDocument, basedOn: [SlugReference] = [], reviewed: Dated? = nil, stoppedReason: String? = nil
    ) {
        self.slug = slug
        self.sourcePath = sourcePath
        self.title = title
        self.summary = summary
        self.types = types
        self.regionCode = regionCode
        self.municipalities = municipalities
        self.status = status
        self.period = period
        self.partners = partners
        self.funding = funding
        self.businessCase = businessCase
        self.results = results
        self.evidenceLevel = evidenceLevel
        self.tags = tags
        self.sources = sources
        self.contact = contact
        self.updated = updated
        self.draft = draft
        self.body = body
        self.basedOn = basedOn
        self.reviewed = reviewed
        self.stoppedReason = stoppedReason
    }
}

/// A slug in the front matter and where it was written.
public struct SlugReference: Sendable, Hashable {
    public var slug: String
    public var line: Int
    public var column: Int
}

/// An ISO date in the front matter and where it was written.
public struct Dated: Sendable, Hashable {
    public var date: String
    public var line: Int
    public var column: Int
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

/// Kept out of Support, which knows no content types.
extension Formats {
    public func yearMonth(_ value: YearMonth) -> String {
        guard let month = value.month else { return String(value.year) }
        return "\(monthName(month)) \(value.year)"
    }

    public func period(_ period: Period) -> String {
        guard let end = period.end else { return strings.format("format.period_since", ["start": yearMonth(period.start)]) }
        return strings.format("format.period_range", ["start": yearMonth(period.start), "end": yearMonth(end)])
    }
}
