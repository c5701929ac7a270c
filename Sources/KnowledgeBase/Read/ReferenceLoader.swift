import Foundation

/// Built-in regions and types, or the site's own content/regions.yml and content/types.yml.
enum ReferenceLoader {
    static func load(siteDirectory: URL) -> (ReferenceData, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let regionsText = siteFile(siteDirectory, "content/regions.yml") ?? BuiltIn.text(BuiltIn.regions)
        let typesText = siteFile(siteDirectory, "content/types.yml") ?? BuiltIn.text(BuiltIn.types)
        let regionsPath = siteFile(siteDirectory, "content/regions.yml") == nil ? "<ingebouwd>/regions.yml" : "content/regions.yml"
        let typesPath = siteFile(siteDirectory, "content/types.yml") == nil ? "<ingebouwd>/types.yml" : "content/types.yml"

        var regions: [Region] = []
        for item in list(regionsText, path: regionsPath, diagnostics: &diagnostics) {
            guard let code = item.present("code")?.string, let name = item.present("name")?.string else {
                diagnostics.append(
                    Diagnostic(.error, .invalidReferenceData, file: regionsPath, line: item.line, column: item.column, "regio moet een code en een name hebben"))
                continue
            }
            let slug = item.present("slug")?.string ?? Text.slug(name)
            var tile: Region.Tile?
            if let cell = item.present("tile")?.sequence, cell.count == 2, let column = cell[0].int, let row = cell[1].int,
                (0..<40).contains(column), (0..<40).contains(row)
            {
                tile = Region.Tile(column: column, row: row, short: item.present("short")?.string ?? String(code.suffix(2)))
            }
            regions.append(Region(code: code.uppercased(), name: name, slug: slug, tile: tile))
        }
        var types: [InitiativeType] = []
        for item in list(typesText, path: typesPath, diagnostics: &diagnostics) {
            guard let key = item.present("key")?.string, let label = item.present("label")?.string else {
                diagnostics.append(
                    Diagnostic(.error, .invalidReferenceData, file: typesPath, line: item.line, column: item.column, "type moet een key en een label hebben"))
                continue
            }
            if !Text.isValidSlug(key) {
                diagnostics.append(
                    Diagnostic(.error, .invalidReferenceData, file: typesPath, line: item.line, column: item.column, "type-sleutel \"\(key)\" mag alleen a-z, 0-9 en '-' bevatten"))
            }
            types.append(
                InitiativeType(
                    key: key, label: label, description: item.present("description")?.string ?? "",
                    englishLabel: item.present("label_en")?.string, englishDescription: item.present("description_en")?.string))
        }
        let synonyms = synonymGroups(BuiltIn.text(BuiltIn.synonyms), path: "<ingebouwd>/synoniemen.yml", diagnostics: &diagnostics)
            + (siteFile(siteDirectory, "content/synoniemen.yml").map { synonymGroups($0, path: "content/synoniemen.yml", diagnostics: &diagnostics) } ?? [])
        return (ReferenceData(regions: regions, types: types, synonyms: synonyms), diagnostics)
    }

    /// Synonym groups: a list of lists of two or more words or phrases. The site's file
    /// extends the built-in one.
    static func synonymGroups(_ text: String, path: String, diagnostics: inout [Diagnostic]) -> [[String]] {
        var groups: [[String]] = []
        for item in list(text, path: path, diagnostics: &diagnostics) {
            let terms = item.sequence?.compactMap { $0.string?.trimmedSpaces }.filter { !$0.isEmpty } ?? []
            guard let sequence = item.sequence, terms.count == sequence.count, terms.count >= 2 else {
                diagnostics.append(
                    Diagnostic(
                        .error, .invalidReferenceData, file: path, line: item.line, column: item.column,
                        "een synoniemgroep is een lijst van twee of meer woorden, bijvoorbeeld [Wlz, Wet langdurige zorg]"))
                continue
            }
            groups.append(terms)
        }
        return groups
    }

    private static func siteFile(_ site: URL, _ relative: String) -> String? {
        (try? Data(contentsOf: site.appendingPathComponent(relative))).map { String(decoding: $0, as: UTF8.self) }
    }

    private static func list(_ text: String, path: String, diagnostics: inout [Diagnostic]) -> [YAMLValue] {
        switch YAMLReader.read(text, path: path, lineOffset: 1) {
        case .failure(let d):
            var d = d
            d.code = .invalidReferenceData
            diagnostics.append(d)
            return []
        case .success(let value):
            guard let items = value?.sequence else {
                diagnostics.append(Diagnostic(.error, .invalidReferenceData, file: path, "verwacht een lijst"))
                return []
            }
            return items
        }
    }
}
