import Foundation

/// `kb new`: a complete, commented starting point that passes `kb check` once the TODOs are
/// filled in.
public enum NewWriteUp {
    public enum Problem: Error, CustomStringConvertible {
        case invalidSlug(String, suggestion: String)
        case exists(String)
        case unknownRegion(String, hint: String)
        case unknownType(String, hint: String)

        public var description: String {
            switch self {
            case .invalidSlug(let slug, let suggestion):
                return "\"\(slug)\" is geen geldige slug: gebruik alleen kleine letters a-z, cijfers en '-'"
                    + (suggestion.isEmpty ? "" : " (bijvoorbeeld \"\(suggestion)\")")
            case .exists(let path): return "\(path) bestaat al; kb new overschrijft niets"
            case .unknownRegion(let region, let hint): return "onbekende regio \"\(region)\"\(hint)"
            case .unknownType(let type, let hint): return "onbekend type \"\(type)\"\(hint)"
            }
        }
    }

    public static func reference(siteDirectory: URL) -> ReferenceData {
        ReferenceLoader.load(siteDirectory: siteDirectory).0
    }

    /// Writes content/initiatieven/<slug>.md and returns its path relative to the site.
    public static func create(
        slug: String, title: String?, region: String?, type: String?, siteDirectory: URL, today: Date = Date()
    ) throws -> String {
        guard Text.isValidSlug(slug) else { throw Problem.invalidSlug(slug, suggestion: Text.slug(slug)) }
        let reference = reference(siteDirectory: siteDirectory)
        if let region, reference.region(named: region) == nil {
            throw Problem.unknownRegion(region, hint: Text.didYouMean(region, in: reference.regions.map(\.name)))
        }
        if let type, reference.type(key: type) == nil {
            throw Problem.unknownType(type, hint: Text.didYouMean(type, in: reference.types.map(\.key)))
        }
        let path = "\(ContentListing.initiativesFolder)/\(slug).md"
        let url = siteDirectory.appendingPathComponent(path)
        if FileManager.default.fileExists(atPath: url.path) { throw Problem.exists(path) }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        let text = self.text(
            title: title, region: region.flatMap { reference.region(named: $0)?.name }, type: type, today: today)
        // O_EXCL: never overwrite, even if the file appeared since the check above.
        guard FileManager.default.createFile(atPath: url.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: url.path)
        else { throw Problem.exists(path) }
        handle.write(Data(text.utf8))
        try handle.close()
        return path
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    public static func text(title: String?, region: String?, type: String?, today: Date) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        let date = formatter.string(from: today)
        let year = String(date.prefix(7))
        return """
            ---
            title: \(title.map(quoted) ?? "TODO titel van het initiatief")
            summary: TODO één of twee zinnen over wat het initiatief doet en voor wie (hoogstens 300 tekens)
            type: \(type ?? "TODO")                 # centraal-persoon, sociale-benadering-dementie, geclusterd-wonen, tijdelijk-verblijf, respijtzorg, clientondersteuning, zorginnovatie, ontmoeting, overig
            region: \(region.map(quoted) ?? "TODO")               # officiële naam van de zorgkantoorregio of CBS-code, bijvoorbeeld ZK04
            municipalities: []
            status: gestart                # idee, gestart, lopend, geevalueerd, structureel, gestopt
            # stopped_reason: ""           # bij status gestopt: waarom het initiatief stopte
            period: {start: \(year)}       # JJJJ of JJJJ-MM; voeg end: toe als het initiatief afloopt
            partners:                      # minstens één; kind: zorgkantoor, gemeente, zorgverzekeraar, minister-rechtsbescherming, zorgaanbieder, welzijn, clientvertegenwoordiging, kennisinstituut, overig
              - {name: TODO naam van de organisatie, kind: gemeente}
            funding: []                    # spuk-dos, flz, wmo, zvw, iza, vws-experiment, zonmw, overig
            # business_case:               # hele euro's; draagt het zorgkantoor bij, noem dan ook een gemeente, zorgverzekeraar of de minister voor Rechtsbescherming als partner
            #   investment: 0
            #   contributions: {zorgkantoor: 0, gemeente: 0}
            #   expected_wlz_savings: 0
            #   horizon_years: 3
            #   realised_wlz_savings: 0
            # results:
            #   participants: 0
            #   admissions_prevented_or_delayed_pct: 0
            #   average_delay_months: 0
            #   quality_of_life: ""
            #   caregiver_burden: ""
            #   evaluator: ""
            # evidence_level: goed-beschreven   # geen, goed-beschreven, goed-onderbouwd, effectief
            tags: []
            # based_on: [arrangeur-ede]     # slugs (bestandsnamen zonder .md) van beschrijvingen waarvan u de aanpak overnam of aanpaste
            # sources:
            #   - {title: "", url: "https://"}
            # contact: {name: "", organisation: "", email: ""}
            updated: \(date)
            # reviewed: \(date)            # datum van de laatste redactionele beoordeling
            draft: true                    # zet op false om te publiceren
            ---
            ## Aanleiding

            TODO Welk probleem pakt het initiatief aan, en voor wie?

            ## Aanpak

            TODO Wat doen de partners, wie doet wat?

            ## Resultaten

            TODO Wat heeft het opgeleverd, voor cliënten, mantelzorgers en de zorg?

            ## Businesscase

            TODO Wat kostte het, wie betaalde, wat bespaart het in de Wlz?

            ## Geleerde lessen

            TODO Wat zou u een andere regio aanraden?

            ## Contact

            TODO Bij wie kunnen collega's terecht?

            """
    }
}
