import Foundation

/// Writes the search index files under /zoeken/:
/// - index.json      entry: version, document count, the shards that exist, facet labels
/// - s/<xx>.json     term shards: term → [Δdoc, score, …]; "~term" are compound tails,
///                   "=term" the form with diacritics
/// - facetten.json   per document: type, region, status, organisations, start year (as ids)
/// - f/<doc>.json    result fragment: what a result shows, loaded only when shown
struct SearchFiles {
    let site: CheckedSite
    let urls: SiteURLs
    let strings: Strings

    static let version = 2

    func all() -> [OutputFile] {
        let catalog = site.catalog
        var builder = SearchIndexBuilder()
        let documents = catalog.initiatives.map { i -> SearchIndexBuilder.Document in
            let facetText = i.tags + i.types.compactMap { site.reference.type(key: $0)?.label } + i.types
                + [site.reference.region(code: i.regionCode)?.name ?? "", i.regionCode] + i.partners.map(\.name) + i.municipalities
            return SearchIndexBuilder.Document(fields: [
                Tokenizer.words(i.title),
                Tokenizer.words(facetText.joined(separator: " ")),
                Tokenizer.words(i.summary),
                Tokenizer.words(i.body.headings.map(\.text).joined(separator: " ")),
                Tokenizer.words(i.body.plainText),
            ])
        }
        let shards = builder.build(documents)
        let base = urls.outputPath(for: urls.search)  // "zoeken/index.html"
        let folder = (base as NSString).deletingLastPathComponent
        var files: [OutputFile] = []
        for (key, terms) in shards {
            files.append(OutputFile(path: "\(folder)/s/\(key).json", bytes: JSONWriter.termMap(terms)))
        }
        // Facets: labels once, then one small integer (or list) per document.
        let types = site.reference.types
        let typeIndex = Dictionary(uniqueKeysWithValues: types.enumerated().map { ($1.key, $0) })
        let regions = site.reference.regions
        let regionIndex = Dictionary(uniqueKeysWithValues: regions.enumerated().map { ($1.code, $0) })
        let statuses = Status.allCases
        let organisations = catalog.organisations
        let orgIndex = catalog.organisationIndexByName
        let facets: [String: Any] = [
            "type": catalog.initiatives.map { i in i.types.compactMap { typeIndex[$0] } },
            "regio": catalog.initiatives.map { regionIndex[$0.regionCode] ?? 0 },
            "status": catalog.initiatives.map { i in statuses.firstIndex(of: i.status) ?? 0 },
            "organisatie": catalog.initiatives.map { i in Array(Set(i.partners.compactMap { orgIndex[Text.slug($0.name)] })).sorted() },
            "jaar": catalog.initiatives.map(\.period.start.year),
        ]
        files.append(OutputFile(path: "\(folder)/facetten.json", bytes: Self.json(facets)))
        var fragments = [OutputFile?](repeating: nil, count: catalog.initiatives.count)
        fragments.withUnsafeMutableBufferPointer { buffer in
            let out = buffer
            DispatchQueue.concurrentPerform(iterations: catalog.initiatives.count) { doc in
                let i = catalog.initiatives[doc]
                var w = JSONWriter(capacity: 8192)
                w.raw("{\"region\":")
                w.string(site.reference.region(code: i.regionCode)?.name ?? "")
                w.raw(",\"start\":")
                w.integer(i.period.start.year)
                w.raw(",\"status\":")
                w.string(strings["status.\(i.status.rawValue)"])
                w.raw(",\"summary\":")
                w.string(i.summary)
                w.raw(",\"text\":")
                w.string(String(i.body.plainText.prefix(6000)))
                w.raw(",\"title\":")
                w.string(i.title)
                w.raw(",\"types\":[")
                for (n, key) in i.types.enumerated() {
                    if n > 0 { w.raw(",") }
                    w.string(site.reference.type(key: key)?.label ?? key)
                }
                w.raw("],\"url\":")
                w.string(urls.initiative(i.slug))
                w.raw("}")
                out[doc] = OutputFile(path: "\(folder)/f/\(doc).json", bytes: w.bytes)
            }
        }
        files += fragments.compactMap { $0 }
        let entry: [String: Any] = [
            "version": Self.version,
            "documents": catalog.initiatives.count,
            "shards": shards.keys.sorted(),
            "stopwords": Tokenizer.stopwords.sorted(),
            "facets": [
                "type": ["values": types.map(\.key), "labels": types.map(\.label)],
                "regio": ["values": regions.map(\.code), "labels": regions.map(\.name)],
                "status": ["values": statuses.map(\.rawValue), "labels": statuses.map { strings["status.\($0.rawValue)"] }],
                "organisatie": ["values": organisations.map(\.slug), "labels": organisations.map(\.name)],
            ],
        ]
        files.append(OutputFile(path: "\(folder)/index.json", bytes: Self.json(entry)))
        return files
    }

    /// Compact, sorted, and safe to embed (<, >, & escaped).
    static func json(_ value: Any) -> [UInt8] {
        let data = (try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
        return DataOutputs.embeddable(data)
    }
}
