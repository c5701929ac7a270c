import Foundation

/// api/catalog.jsonld: a DCAT-AP catalog (with the fields DCAT-AP-NL/DONL asks for: language,
/// access rights, publisher, license, contact point) of the datasets the site publishes, so a
/// portal such as data.overheid.nl can harvest it. One dataset, the initiatives, with a
/// distribution per file: the initiatives as JSON and CSV, and the national monitor (per region
/// and in total) as CSV.
struct OpenDataCatalog {
    let c: PageContext

    static func file(_ c: PageContext) -> DataFile {
        // The modified date is the newest write-up's; nothing else of the write-ups shows.
        DataFile(
            path: c.urls.outputPath(for: c.urls.apiCatalog),
            inputs: PageInputs("catalog", frontMatter: Array(c.catalog.initiatives.indices))
        ) { OpenDataCatalog(c: c).json().bytes(.dataAPI) }
    }

    /// A distribution: a file of the site, its media type and EU file type.
    struct Distribution {
        var url: String
        var title: String
        var description: String
        var mediaType: String
        var fileType: String
    }

    var distributions: [Distribution] {
        [
            Distribution(
                url: c.urls.apiJSON, title: c.strings["catalog.json_title"], description: c.strings["catalog.json_description"],
                mediaType: "application/json", fileType: "JSON"),
            Distribution(
                url: c.urls.apiCSV, title: c.strings["catalog.csv_title"], description: c.strings["catalog.csv_description"],
                mediaType: "text/csv", fileType: "CSV"),
            Distribution(
                url: c.urls.apiMonitorCSV, title: c.strings["catalog.monitor_title"], description: c.strings["catalog.monitor_description"],
                mediaType: "text/csv", fileType: "CSV"),
        ]
    }

    /// The newest `updated` date of any write-up (else the start of the newest period).
    var modified: String {
        let dates = c.catalog.initiatives.map { i in
            i.updated ?? "\(i.period.start.year)-\(String(format: "%02d", i.period.start.month ?? 1))-01"
        }
        return dates.max() ?? "2000-01-01"
    }

    func text(_ value: String) -> JSONValue {
        .object(["@value": .string(value), "@language": .string(c.strings.language.rawValue)])
    }

    func id(_ url: String) -> JSONValue { .object(["@id": .string(url)]) }

    func json() -> JSONValue {
        let config = c.site.config
        let home = c.urls.absolute(c.urls.home)
        let publisher: JSONValue = .object(["@type": .string("foaf:Agent"), "foaf:name": .string(config.publisher ?? config.title)])
        let language = id("http://publications.europa.eu/resource/authority/language/\(c.strings.language == .nl ? "NLD" : "ENG")")
        let license = id(config.license.url)
        let date: JSONValue = .object(["@value": .string(modified), "@type": .string("xsd:date")])
        let dataset: JSONValue = .object([
            "@id": .string(home + "#initiatieven"), "@type": .string("dcat:Dataset"),
            "dct:identifier": .string(home + "#initiatieven"),
            "dct:title": text(c.strings["catalog.dataset_title"]), "dct:description": text(c.strings["catalog.dataset_description"]),
            "dct:publisher": publisher, "dct:license": license, "dct:language": language, "dct:modified": date,
            "dct:accessRights": id("http://publications.europa.eu/resource/authority/access-right/PUBLIC"),
            "dcat:landingPage": id(home), "dcat:theme": id("http://publications.europa.eu/resource/authority/data-theme/HEAL"),
            "dcat:contactPoint": .object(["@type": .string("vcard:Organization"), "vcard:fn": .string(config.publisher ?? config.title)]),
            "dcat:keyword": .array(["langdurige zorg", "Wlz", "preventie", "ouderen", "businesscase"].map(JSONValue.string)),
            "dcat:distribution": .array(distributions.map(distribution)),
        ])
        return .object([
            "@context": .object([
                "dcat": .string("http://www.w3.org/ns/dcat#"), "dct": .string("http://purl.org/dc/terms/"),
                "foaf": .string("http://xmlns.com/foaf/0.1/"), "vcard": .string("http://www.w3.org/2006/vcard/ns#"),
                "xsd": .string("http://www.w3.org/2001/XMLSchema#"),
            ]),
            "@id": .string(c.urls.absolute(c.urls.apiCatalog)), "@type": .string("dcat:Catalog"),
            "dct:title": text(config.title), "dct:description": text(config.description), "dct:publisher": publisher,
            "dct:license": license, "dct:language": language, "dct:modified": date, "foaf:homepage": id(home),
            "dcat:dataset": .array([dataset]),
        ])
    }

    func distribution(_ d: Distribution) -> JSONValue {
        let url = c.urls.absolute(d.url)
        return .object([
            "@id": .string(url), "@type": .string("dcat:Distribution"), "dct:title": text(d.title), "dct:description": text(d.description),
            "dcat:accessURL": id(url), "dcat:downloadURL": id(url),
            "dcat:mediaType": id("http://www.iana.org/assignments/media-types/\(d.mediaType)"),
            "dct:format": id("http://publications.europa.eu/resource/authority/file-type/\(d.fileType)"),
            "dct:license": id(c.site.config.license.url),
        ])
    }
}
