/// The front-matter contract as data. The validator walks YAML against it and
/// `kb schema` prints it as JSON Schema, so the two can never disagree.
indirect enum SchemaType: Sendable {
    case string(maxLength: Int? = nil, format: StringFormat? = nil)
    case integer(minimum: Int? = nil, maximum: Int? = nil)
    case number(minimum: Double? = nil, maximum: Double? = nil)
    case boolean
    case enumeration([String])
    /// Checked against the site's reference data, not a fixed list.
    case reference(ReferenceKind)
    case list(SchemaType, minItems: Int = 0)
    /// A single value or a list of them (`type: a` or `type: [a, b]`).
    case oneOrList(SchemaType)
    case object([SchemaField])
    /// An object whose keys come from a closed list, all with the same value type.
    case map(keys: [String], value: SchemaType)
}

enum StringFormat: String, Sendable {
    case yearMonth, date, email, url
    /// The file name of a write-up without `.md` (`based_on`).
    case slug
}

enum ReferenceKind: Sendable {
    case region, type
}

struct SchemaField: Sendable {
    var name: String
    var type: SchemaType
    var required: Bool = false
    var description: String

    init(_ name: String, _ type: SchemaType, required: Bool = false, _ description: String) {
        self.name = name
        self.type = type
        self.required = required
        self.description = description
    }
}

public enum FrontMatterSchema {
    /// Whole euros. The upper bound is far above any real initiative and keeps sums of thousands
    /// of write-ups inside 64 bits.
    static let maximumAmount = 100_000_000_000
    static let amount = SchemaType.integer(minimum: 0, maximum: maximumAmount)

    static let fields: [SchemaField] = [
        SchemaField("title", .string(), required: true, "Titel van het initiatief."),
        SchemaField("summary", .string(maxLength: 300), required: true, "Samenvatting in platte tekst, hoogstens 300 tekens."),
        SchemaField("type", .oneOrList(.reference(.type)), required: true, "Sleutel van het type initiatief, of een lijst van sleutels."),
        SchemaField("region", .reference(.region), required: true, "Officiële naam van de zorgkantoorregio of de CBS-code (ZK04)."),
        SchemaField("municipalities", .list(.string()), "Gemeenten waar het initiatief loopt."),
        SchemaField("status", .enumeration(Status.allCases.map(\.rawValue)), required: true, "Fase van het initiatief."),
        SchemaField(
            "stopped_reason", .string(maxLength: 600),
            "Waarom het initiatief stopte (bij status gestopt): ook wat niet werkte is het weten waard."),
        SchemaField(
            "period",
            .object([
                SchemaField("start", .string(format: .yearMonth), required: true, "Start, JJJJ of JJJJ-MM."),
                SchemaField("end", .string(format: .yearMonth), "Einde, JJJJ of JJJJ-MM."),
            ]), required: true, "Looptijd."),
        SchemaField(
            "partners",
            .list(
                .object([
                    SchemaField("name", .string(), required: true, "Naam van de organisatie."),
                    SchemaField("kind", .enumeration(PartnerKind.allCases.map(\.rawValue)), required: true, "Soort partner."),
                ]), minItems: 1), required: true, "Samenwerkende organisaties, minstens één."),
        SchemaField("funding", .list(.enumeration(Funding.allCases.map(\.rawValue))), "Financieringsbronnen."),
        SchemaField(
            "business_case",
            .object([
                SchemaField("investment", amount, required: true, "Totale investering in hele euro's."),
                SchemaField(
                    "contributions", .map(keys: PartnerKind.allCases.map(\.rawValue), value: amount),
                    "Bijdrage per soort partner in hele euro's."),
                SchemaField("expected_wlz_savings", amount, required: true, "Verwachte besparing in de Wlz in hele euro's."),
                SchemaField("horizon_years", .integer(minimum: 1, maximum: 100), "Tijdshorizon van de businesscase in jaren."),
                SchemaField("realised_wlz_savings", amount, "Gerealiseerde besparing in de Wlz in hele euro's."),
            ]), "Businesscase."),
        SchemaField(
            "results",
            .object([
                SchemaField("participants", .integer(minimum: 0, maximum: 100_000_000), "Aantal deelnemers."),
                SchemaField(
                    "admissions_prevented_or_delayed_pct", .number(minimum: 0, maximum: 100),
                    "Percentage deelnemers bij wie opname is voorkomen of uitgesteld."),
                SchemaField("average_delay_months", .number(minimum: 0, maximum: 1200), "Gemiddeld uitstel van opname in maanden."),
                SchemaField("quality_of_life", .string(), "Effect op kwaliteit van leven."),
                SchemaField("caregiver_burden", .string(), "Effect op de belasting van mantelzorgers."),
                SchemaField("evaluator", .string(), "Wie evalueerde."),
            ]), "Resultaten."),
        SchemaField("evidence_level", .enumeration(EvidenceLevel.allCases.map(\.rawValue)), "Mate van onderbouwing."),
        SchemaField("tags", .list(.string()), "Trefwoorden."),
        SchemaField(
            "sources",
            .list(
                .object([
                    SchemaField("title", .string(), required: true, "Titel van de bron."),
                    SchemaField("url", .string(format: .url), required: true, "Adres van de bron (http of https)."),
                ])), "Bronnen."),
        SchemaField(
            "contact",
            .object([
                SchemaField("name", .string(), "Naam."),
                SchemaField("organisation", .string(), "Organisatie."),
                SchemaField("email", .string(format: .email), "E-mailadres."),
            ]), "Contactpersoon."),
        SchemaField(
            "based_on", .oneOrList(.string(format: .slug)),
            "Slugs van beschrijvingen (bestandsnaam zonder .md) waarvan dit initiatief de aanpak heeft overgenomen of aangepast."),
        SchemaField("updated", .string(format: .date), "Datum van de laatste inhoudelijke wijziging, JJJJ-MM-DD."),
        SchemaField("reviewed", .string(format: .date), "Datum van de laatste redactionele beoordeling, JJJJ-MM-DD."),
        SchemaField("draft", .boolean, "Concept: alleen gepubliceerd met --drafts."),
    ]
}

/// The front matter of a content page (content/paginas/*.md).
enum PageSchema {
    static let fields: [SchemaField] = [
        SchemaField("title", .string(maxLength: 120), required: true, "Titel van de pagina."),
        SchemaField("summary", .string(maxLength: 300), required: true, "Samenvatting in platte tekst, hoogstens 300 tekens (zoekresultaten, gedeelde links)."),
        SchemaField("menu", .integer(minimum: 0, maximum: 99), "Plaats in het menu, na de vaste onderdelen (lager eerst); zonder menu staat de pagina niet in het menu."),
    ]
}
