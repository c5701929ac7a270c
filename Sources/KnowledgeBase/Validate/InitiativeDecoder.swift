/// Reads an already validated front-matter tree into an Initiative. Validation has reported
/// anything odd, so this only picks values; it never invents diagnostics of its own.
enum InitiativeDecoder {
    static func decode(
        _ root: YAMLValue, slug: String, path: String, reference: ReferenceData, body: MarkdownDocument
    ) -> Initiative {
        let typeValue = root.present("type")
        let types = (typeValue?.sequence ?? typeValue.map { [$0] } ?? []).compactMap(\.string)
        let period = root.present("period")
        return Initiative(
            slug: slug,
            sourcePath: path,
            title: clean(root.present("title")?.string),
            summary: clean(root.present("summary")?.string),
            types: unique(types),
            regionCode: root.present("region")?.string.flatMap { reference.region(named: $0)?.code } ?? "",
            municipalities: strings(root.present("municipalities")),
            status: root.present("status")?.string.flatMap(Status.init(rawValue:)) ?? .idee,
            period: Period(
                start: period?.present("start")?.string.flatMap(YearMonth.init) ?? YearMonth("1900")!,
                end: period?.present("end")?.string.flatMap(YearMonth.init)),
            partners: (root.present("partners")?.sequence ?? []).compactMap { item in
                guard let name = item.present("name")?.string, let kind = item.present("kind")?.string.flatMap(PartnerKind.init)
                else { return nil }
                return Partner(name: clean(name), kind: kind)
            },
            funding: unique((root.present("funding")?.sequence ?? []).compactMap { $0.string.flatMap(Funding.init) }),
            businessCase: root.present("business_case").map(businessCase),
            results: root.present("results").map(results),
            evidenceLevel: root.present("evidence_level")?.string.flatMap(EvidenceLevel.init),
            tags: unique(strings(root.present("tags")).map { $0.lowercased() }),
            sources: (root.present("sources")?.sequence ?? []).compactMap { item in
                guard let title = item.present("title")?.string, let url = item.present("url")?.string else { return nil }
                return Source(title: clean(title), url: url.trimmedSpaces)
            },
            contact: root.present("contact").map { c in
                Contact(
                    name: c.present("name")?.string.map(clean), organisation: c.present("organisation")?.string.map(clean),
                    email: c.present("email")?.string.map(clean))
            },
            updated: root.present("updated")?.string,
            draft: root.present("draft")?.bool ?? false,
            body: body,
            basedOn: basedOn(root.present("based_on")),
            reviewed: root.present("reviewed").flatMap { v in v.string.map { Dated(date: $0, line: v.line, column: v.column) } },
            stoppedReason: root.present("stopped_reason")?.string.map(clean))
    }

    private static func businessCase(_ value: YAMLValue) -> BusinessCase {
        BusinessCase(
            investment: value.present("investment")?.int ?? 0,
            contributions: (value.present("contributions")?.mapping ?? []).compactMap { pair in
                guard let kind = pair.key.string.flatMap(PartnerKind.init), let amount = pair.value.int else { return nil }
                return (kind, amount)
            },
            expectedWlzSavings: value.present("expected_wlz_savings")?.int ?? 0,
            horizonYears: value.present("horizon_years")?.int,
            realisedWlzSavings: value.present("realised_wlz_savings")?.int)
    }

    private static func results(_ value: YAMLValue) -> Results {
        Results(
            participants: value.present("participants")?.int,
            admissionsPreventedOrDelayedPct: value.present("admissions_prevented_or_delayed_pct")?.double,
            averageDelayMonths: value.present("average_delay_months")?.double,
            qualityOfLife: value.present("quality_of_life")?.string.map(clean),
            caregiverBurden: value.present("caregiver_burden")?.string.map(clean),
            evaluator: value.present("evaluator")?.string.map(clean))
    }

    /// One slug or a list; a slug written twice counts once.
    private static func basedOn(_ value: YAMLValue?) -> [SlugReference] {
        guard let value else { return [] }
        var seen = Set<String>()
        return (value.sequence ?? [value]).compactMap { item in
            guard let slug = item.string?.trimmedSpaces, seen.insert(slug).inserted else { return nil }
            return SlugReference(slug: slug, line: item.line, column: item.column)
        }
    }

    private static func strings(_ value: YAMLValue?) -> [String] {
        (value?.sequence ?? []).compactMap(\.string).map(clean).filter { !$0.isEmpty }
    }

    private static func clean(_ text: String?) -> String {
        (text ?? "").trimmedWhitespace
    }

    private static func unique<T: Hashable>(_ items: [T]) -> [T] {
        var seen = Set<T>()
        return items.filter { seen.insert($0).inserted }
    }
}
