/// A zorgkantoorregio.
public struct Region: Sendable, Hashable {
    public var code: String
    public var name: String
    public var slug: String
}

/// A type of initiative with its Dutch label and description.
public struct InitiativeType: Sendable, Hashable {
    public var key: String
    public var label: String
    public var description: String
}

/// The regions and types a site knows, built in or overridden from content/.
public struct ReferenceData: Sendable {
    public var regions: [Region]
    public var types: [InitiativeType]

    private var regionIndex: [String: Region] = [:]
    private var typeIndex: [String: InitiativeType] = [:]

    public init(regions: [Region], types: [InitiativeType]) {
        self.regions = regions
        self.types = types
        for region in regions {
            regionIndex[region.code.uppercased()] = region
            regionIndex[Text.fold(region.name)] = region
            regionIndex[region.slug] = region
        }
        for type in types { typeIndex[type.key] = type }
    }

    /// By official name (case and diacritics ignored), CBS code or slug.
    public func region(named text: String) -> Region? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return regionIndex[trimmed.uppercased()] ?? regionIndex[Text.fold(trimmed)]
    }

    public func region(code: String) -> Region? { regionIndex[code.uppercased()] }

    public func type(key: String) -> InitiativeType? { typeIndex[key] }
}
