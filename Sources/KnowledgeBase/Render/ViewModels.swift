import Foundation

/// A page kind's model, or a part of one: typed, display-ready values (translated, formatted,
/// every URL final; templates never compute). A template sees exactly the stored properties,
/// under their names. `templateValue` is the one place a model becomes what the template engine
/// reads; `TemplateDocsTests` checks it and templates/README.md against the stored properties.
protocol TemplateModel {
    var templateValue: TemplateValue { get }
}

extension TemplateModel {
    /// The model's keys, to merge with the layout's.
    var templateFields: [String: TemplateValue] {
        if case .object(let fields) = templateValue { return fields }
        return [:]
    }
}

extension Array: TemplateModel where Element: TemplateModel {
    var templateValue: TemplateValue { .list(map(\.templateValue)) }
}

extension TemplateValue {
    /// An object without the keys whose value is nil: a template tests for their absence.
    static func fields(_ fields: [String: TemplateValue?]) -> TemplateValue { .object(fields.compactMapValues { $0 }) }
}

/// What every page kind builds its models from, made once per build. A class: each page's
/// model closure holds it, and copying the site into 10,000 closures was a visible cost.
final class PageContext: Sendable {
    let site: CheckedSite
    let urls: SiteURLs
    let strings: Strings
    let formats: Formats
    /// Summaries and cards of the write-ups, shared by every list.
    let cards: Cards
    /// The data API's pieces of earlier builds (none: make all).
    /// The data API's objects and CSV rows of earlier builds, by the inputs they show.
    let dataMemo: MemoTable<[UInt8]>

    init(site: CheckedSite, urls: SiteURLs, strings: Strings, formats: Formats, cards: Cards, dataMemo: MemoTable<[UInt8]>) {
        self.site = site
        self.urls = urls
        self.strings = strings
        self.formats = formats
        self.cards = cards
        self.dataMemo = dataMemo
    }

    var catalog: Catalog { site.catalog }

    /// Write-ups as summaries (with their cards), in this order.
    func summaries(_ indexes: [Int]) -> Summaries { Summaries(indexes: indexes, cards: cards) }
}

/// A text with a label only (funding, evidence level, tag, partner kind).
struct Label: TemplateModel {
    var label: String

    var templateValue: TemplateValue { ["label": .string(label)] }
}

/// A write-up as every list shows it (see Cards); the card template reads the same keys.
struct Summary: TemplateModel {
    var title: String
    var url: String
    var summary: String
    var region: RegionRef
    var types: [TypeRef]
    var status: Status
    var start: String
    var startSort: String
    var period: String
    var updated: String?
    /// The card rendered from the other keys; nil while the card itself is made.
    var cardHTML: String?

    struct RegionRef: TemplateModel {
        var name: String
        var code: String
        var url: String

        var templateValue: TemplateValue { ["name": .string(name), "code": .string(code), "url": .string(url)] }
    }

    struct TypeRef: TemplateModel {
        var key: String
        var label: String
        var url: String

        var templateValue: TemplateValue { ["key": .string(key), "label": .string(label), "url": .string(url)] }
    }

    struct Status: TemplateModel {
        var key: String
        var label: String

        var templateValue: TemplateValue { ["key": .string(key), "label": .string(label)] }
    }

    init(_ i: Initiative, site: CheckedSite, urls: SiteURLs, strings: Strings, formats: Formats, cardHTML: String? = nil) {
        let region = site.reference.region(code: i.regionCode)
        title = i.title
        url = urls.initiative(i.slug)
        summary = i.summary
        self.region = RegionRef(name: region?.name ?? i.regionCode, code: i.regionCode, url: region.map { urls.region($0.slug) } ?? "")
        types = i.types.map { TypeRef(key: $0, label: site.reference.type(key: $0)?.label ?? $0, url: urls.type($0)) }
        status = Status(key: i.status.rawValue, label: strings["status.\(i.status.rawValue)"])
        start = formats.yearMonth(i.period.start)
        startSort = i.period.start.description
        period = formats.period(i.period)
        updated = i.updated.map(formats.date)
        self.cardHTML = cardHTML
    }

    var templateValue: TemplateValue {
        .fields([
            "title": .string(title), "url": .string(url), "summary": .string(summary), "region": region.templateValue,
            "types": types.templateValue, "status": status.templateValue, "start": .string(start), "startSort": .string(startSort),
            "period": .string(period), "updated": updated.map(TemplateValue.string), "cardHTML": cardHTML.map(TemplateValue.string),
        ])
    }
}

/// A list of write-ups as summaries: each one's value is made once (see Cards) and shared by
/// every list it is in.
struct Summaries: TemplateModel {
    var indexes: [Int]
    let cards: Cards

    var templateValue: TemplateValue { .list(indexes.map(cards.summaryValue)) }
}
