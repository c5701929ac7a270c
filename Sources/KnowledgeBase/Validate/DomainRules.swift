/// Rules of the law behind the knowledge base (art. 4.2.4 Wlz as amended) and of plain
/// arithmetic, checked on the decoded write-up; positions come from its YAML tree.
enum DomainRules {
    private static let dutch = Formats(strings: Strings(language: .nl))

    static func check(_ initiative: Initiative, root: YAMLValue) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let path = initiative.sourcePath
        func at(_ value: YAMLValue?, _ severity: Diagnostic.Severity, _ code: DiagnosticCode, _ message: String) {
            let v = value ?? root
            out.append(Diagnostic(severity, code, file: path, line: v.line, column: v.column, message))
        }
        let businessCase = root.present("business_case")
        // Amounts as the site shows them, so the author recognises them.
        func money(_ euros: Int) -> String { dutch.money(euros) }
        let kinds = Set(initiative.partners.map(\.kind))
        let zorgkantoorPays = (initiative.businessCase?.zorgkantoorContribution ?? 0) > 0 || initiative.funding.contains(.flz)
        if zorgkantoorPays {
            let position = root.keyNode("partners") ?? root
            if !kinds.contains(.zorgkantoor) {
                at(
                    position, .error, .zorgkantoorPartners,
                    "het zorgkantoor draagt bij (Flz), maar staat niet bij de partners; voeg een partner met kind: zorgkantoor toe")
            }
            if kinds.isDisjoint(with: PartnerKind.coFinancers) {
                at(
                    position, .error, .zorgkantoorPartners,
                    "een zorgkantoor mag alleen meefinancieren samen met een gemeente, zorgverzekeraar of de minister voor Rechtsbescherming (art. 4.2.4 Wlz); geen van hen staat bij de partners"
                )
            }
        }
        if let bc = initiative.businessCase {
            if bc.expectedWlzSavings < bc.zorgkantoorContribution {
                at(
                    businessCase?.keyNode("expected_wlz_savings") ?? businessCase, .warning, .negativeBusinessCase,
                    "businesscase niet positief: de verwachte Wlz-besparing (expected_wlz_savings: \(money(bc.expectedWlzSavings))) is lager dan de bijdrage van het zorgkantoor (contributions.zorgkantoor: \(money(bc.zorgkantoorContribution))); art. 4.2.4 Wlz vraagt een besparing van minstens die bijdrage"
                )
            }
            if !bc.contributions.isEmpty {
                let sum = bc.contributions.reduce(0) { $0 + $1.amount }
                if sum != bc.investment {
                    at(
                        businessCase?.keyNode("contributions") ?? businessCase, .warning, .contributionsMismatch,
                        "de bijdragen (contributions) tellen op tot \(money(sum)), maar de investering (investment) is \(money(bc.investment))")
                }
            }
        }
        if let end = initiative.period.end, end < initiative.period.start {
            at(
                root.present("period")?.present("end"), .error, .periodOrder,
                "einde van de periode (period.end: \(end)) ligt voor de start (period.start: \(initiative.period.start))")
        }
        // What did not work is worth knowing too: a stopped initiative says why.
        if initiative.status == .gestopt, initiative.stoppedReason == nil {
            at(
                root.present("status"), .warning, .stoppedReason,
                "status is gestopt, maar stopped_reason ontbreekt; schrijf kort op waarom het initiatief stopte")
        } else if initiative.status != .gestopt, initiative.stoppedReason != nil {
            at(
                root.keyNode("stopped_reason"), .warning, .stoppedReason,
                "stopped_reason staat er, maar de status is \(initiative.status.rawValue); de reden wordt alleen getoond bij status gestopt")
        }
        return out
    }
}

extension YAMLValue {
    /// The key node itself, to point at `partners:` rather than its first item.
    func keyNode(_ key: String) -> YAMLValue? {
        mapping?.first { $0.key.string == key }?.key
    }
}
