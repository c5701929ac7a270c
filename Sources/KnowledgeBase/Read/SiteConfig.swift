import Foundation

/// kb.yml: everything optional, so a folder with only write-ups is a complete site.
public struct SiteConfig: Sendable {
    public var title: String
    public var description: String
    /// As configured, e.g. "https://kennisbank.example.nl/kb/"; may be only a path ("/").
    public var baseURL: String
    public var language: Language
    /// Who publishes the site's open data (the catalog's dct:publisher); nil: the site's title.
    public var publisher: String?
    /// The license of the open data, as an SPDX identifier kb knows or a URL.
    public var license = License.default
    /// A write-up whose `reviewed` date is older than this many years gets a warning.
    public var reviewYears: Int

    public init(
        title: String? = nil, description: String? = nil, baseURL: String = "/", language: Language = .nl, reviewYears: Int = 3
    ) {
        self.language = language
        self.reviewYears = reviewYears
        self.title = title ?? (language == .nl ? "Kennisbank goede praktijken langdurige zorg" : "Knowledge base of good practices in long-term care")
        self.description =
            description
            ?? (language == .nl
                ? "Voorbeelden van preventieve initiatieven die kwetsbare ouderen langer thuis laten wonen, met hun businesscase en resultaten."
                : "Examples of preventive initiatives that help frail older people live at home longer, with their business case and results.")
        self.baseURL = baseURL
    }

    static let fields: [SchemaField] = [
        SchemaField("title", .string(), "Naam van de site."),
        SchemaField("description", .string(maxLength: 300), "Korte beschrijving van de site."),
        SchemaField("base_url", .string(), "Adres waarop de site gepubliceerd wordt, eventueel met pad."),
        SchemaField("language", .enumeration(Language.allCases.map(\.rawValue)), "Taal van de interface: nl of en."),
        SchemaField("publisher", .string(), "Uitgever van de open data (standaard: de naam van de site)."),
        SchemaField(
            "license", .string(),
            "Licentie van de open data: \(License.known.keys.sorted().joined(separator: ", ")) of een https-adres (standaard CC-BY-4.0)."),
        SchemaField(
            "review_years", .integer(minimum: 1, maximum: 100),
            "Na hoeveel jaar een beschrijving opnieuw beoordeeld moet worden (reviewed); standaard 3."),
    ]

    /// Reads kb.yml if present; problems come back as diagnostics, defaults fill the rest.
    static func load(siteDirectory: URL, reference: ReferenceData) -> (SiteConfig, [Diagnostic]) {
        let url = siteDirectory.appendingPathComponent("kb.yml")
        guard let data = try? Data(contentsOf: url) else { return (SiteConfig(), []) }
        let text = String(decoding: data, as: UTF8.self)
        switch YAMLReader.read(text, path: "kb.yml", lineOffset: 1) {
        case .failure(let diagnostic):
            return (SiteConfig(), [diagnostic])
        case .success(nil):
            return (SiteConfig(), [])
        case .success(let root?):
            var validator = SchemaValidator(path: "kb.yml", reference: reference)
            validator.validateObject(root, fields: fields, name: "kb.yml")
            var diagnostics = validator.diagnostics.map { d -> Diagnostic in
                var d = d
                if d.code != .unknownKey { d.code = .invalidConfig }
                return d
            }
            let language = root.present("language")?.string.flatMap(Language.init(rawValue:)) ?? .nl
            var baseURL = root.present("base_url")?.string ?? "/"
            if SiteURLs.basePath(of: baseURL) == nil, let value = root.present("base_url") {
                diagnostics.append(
                    Diagnostic(
                        .error, .invalidConfig, file: "kb.yml", line: value.line, column: value.column,
                        "base_url \"\(baseURL)\" is geen geldig adres; gebruik bijvoorbeeld https://example.nl/kennisbank/ of /kennisbank/"))
                baseURL = "/"
            }
            var config = SiteConfig(
                title: root.present("title")?.string, description: root.present("description")?.string, baseURL: baseURL, language: language,
                reviewYears: Self.reviewYears(root.present("review_years")))
            config.publisher = root.present("publisher")?.string
            if let value = root.present("license"), let text = value.string {
                if let license = License(text) {
                    config.license = license
                } else {
                    diagnostics.append(
                        Diagnostic(
                            .error, .invalidConfig, file: "kb.yml", line: value.line, column: value.column,
                            "onbekende licentie \"\(text)\"\(Text.didYouMean(text, in: Array(License.known.keys))); gebruik \(License.known.keys.sorted().joined(separator: ", ")) of het https-adres van de licentie"
                        ))
                }
            }
            return (config, diagnostics)
        }
    }
}

extension SiteConfig {
    /// A valid `review_years` or the default (the validator has reported anything else).
    static func reviewYears(_ value: YAMLValue?) -> Int {
        guard let years = value?.int, (1...100).contains(years) else { return 3 }
        return years
    }

    /// base_url exactly as kb.yml sets it, or nil when kb.yml or the key is missing or unreadable.
    /// `kb serve` needs only its path (it serves on its own host) before the full pipeline runs;
    /// real problems in kb.yml are still reported by that pipeline.
    public static func configuredBaseURL(siteDirectory: URL) -> String? {
        let url = siteDirectory.appendingPathComponent("kb.yml")
        guard let data = try? Data(contentsOf: url),
            case .success(let root?) = YAMLReader.read(String(decoding: data, as: UTF8.self), path: "kb.yml", lineOffset: 1)
        else { return nil }
        return root.present("base_url")?.string
    }
}

/// The license of the site's open data: what the catalog names as dct:license.
public struct License: Sendable, Equatable {
    /// SPDX identifier, or the URL as given.
    public var name: String
    public var url: String

    /// Open licenses data portals expect, by SPDX identifier.
    static let known: [String: String] = [
        "CC-BY-4.0": "http://creativecommons.org/licenses/by/4.0/",
        "CC-BY-SA-4.0": "http://creativecommons.org/licenses/by-sa/4.0/",
        "CC0-1.0": "http://creativecommons.org/publicdomain/zero/1.0/",
        "PDDL-1.0": "http://opendatacommons.org/licenses/pddl/1.0/",
        "ODbL-1.0": "http://opendatacommons.org/licenses/odbl/1.0/",
    ]

    static let `default` = License("CC-BY-4.0")!

    /// A known SPDX identifier (any case) or an http(s) URL; nil otherwise.
    init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let (name, url) = Self.known.first(where: { $0.key.lowercased() == trimmed.lowercased() }) {
            (self.name, self.url) = (name, url)
        } else if trimmed.hasPrefix("https://") || trimmed.hasPrefix("http://"), !trimmed.contains(" ") {
            (name, url) = (trimmed, trimmed)
        } else {
            return nil
        }
    }
}
