/// The closed vocabularies of the content contract. Raw values are what authors write;
/// labels come from the UI catalog so English builds show English words.

public enum Status: String, Sendable, CaseIterable, Codable {
    case idee, gestart, lopend, geevalueerd, structureel, gestopt
}

public enum PartnerKind: String, Sendable, CaseIterable, Codable {
    case zorgkantoor, gemeente, zorgverzekeraar
    case ministerRechtsbescherming = "minister-rechtsbescherming"
    case zorgaanbieder, welzijn, clientvertegenwoordiging, kennisinstituut, overig

    /// Art. 4.2.4 Wlz: a zorgkantoor may only co-finance together with one of these.
    static let coFinancers: Set<PartnerKind> = [.gemeente, .zorgverzekeraar, .ministerRechtsbescherming]
}

public enum Funding: String, Sendable, CaseIterable, Codable {
    case spukDos = "spuk-dos"
    case flz, wmo, zvw, iza
    case vwsExperiment = "vws-experiment"
    case zonmw, overig
}

public enum EvidenceLevel: String, Sendable, CaseIterable, Codable {
    case geen
    case goedBeschreven = "goed-beschreven"
    case goedOnderbouwd = "goed-onderbouwd"
    case effectief
}
