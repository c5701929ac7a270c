/// A zorgkantoorregio.
public struct Region: Sendable, Hashable {
    public var code: String
    public var name: String
    public var slug: String
    /// Where the region sits on the schematic tile map; nil leaves it off the map.
    public var tile: Tile? = nil

    /// A cell of the tile map: column west to east, row north to south, and a short label.
    public struct Tile: Sendable, Hashable {
        public var column: Int
        public var row: Int
        public var short: String
    }
}

/// A type of initiative with its Dutch label and description.
public struct InitiativeType: Sendable, Hashable {
    public var key: String
    public var label: String
    public var description: String
    /// English label and description, when the reference data has them (label_en, description_en).
    public var englishLabel: String?
    public var englishDescription: String?
}

/// The regions and types a site knows, built in or overridden from content/.
public struct ReferenceData: Sendable {
    public var regions: [Region]
    public var types: [InitiativeType]
    /// Groups of words or phrases that mean the same to search (content/synoniemen.yml and
    /// the built-in list): "Wlz" and "Wet langdurige zorg", "respijtzorg" and "logeren".
    public var synonyms: [[String]] = []

    private var regionIndex: [String: Region] = [:]
    private var typeIndex: [String: InitiativeType] = [:]

    public init(regions: [Region], types: [InitiativeType], synonyms: [[String]] = []) {
        self.regions = regions
        self.types = types
        self.synonyms = synonyms
        for region in regions {
            regionIndex[region.code.uppercased()] = region
            regionIndex[Text.fold(region.name)] = region
            regionIndex[region.slug] = region
        }
        for type in types { typeIndex[type.key] = type }
    }

    /// By official name (case and diacritics ignored), CBS code or slug.
    public func region(named text: String) -> Region? {
        // Most files name the region by its code exactly as the index has it.
        if let region = regionIndex[text] { return region }
        let trimmed = text.trimmedSpaces
        return regionIndex[trimmed.uppercased()] ?? regionIndex[Text.fold(trimmed)]
    }

    public func region(code: String) -> Region? { regionIndex[code.uppercased()] }

    public func type(key: String) -> InitiativeType? { typeIndex[key] }

    /// The same data with labels in the site's language (English where the data provides it).
    func localised(_ language: Language) -> ReferenceData {
        guard language == .en else { return self }
        return ReferenceData(
            regions: regions,
            types: types.map {
                InitiativeType(
                    key: $0.key, label: $0.englishLabel ?? $0.label, description: $0.englishDescription ?? $0.description,
                    englishLabel: $0.englishLabel, englishDescription: $0.englishDescription)
            }, synonyms: synonyms)
    }
}
