import Foundation

/// Each write-up's summary and card (rendered once from the "initiative-card" template),
/// made the first time a page shows them, then shared by every list they appear in. A rebuild
/// after one edit renders a handful of pages, which show a few dozen of them. Owned by the
/// renderer and handed to the page kinds through `PageContext`.
final class Cards: @unchecked Sendable {
    private let site: CheckedSite
    private let urls: SiteURLs
    private let strings: Strings
    private let formats: Formats
    private let library: TemplateLibrary
    /// The keys every page shares plus a layout's (t, urls, page, …): a card's template sees
    /// them as a page does. One object, so lookups that climb to the top level (every `t.ui.*`)
    /// probe one dictionary fewer.
    private let pageContext: TemplateValue
    /// Cards of earlier builds (none: make all).
    /// Cards of earlier builds, by the inputs they show.
    private let memo: MemoTable<[UInt8]>

    private let lock = NSLock()
    private var cards: [String?]
    private var values: [TemplateValue?]

    init(
        site: CheckedSite, urls: SiteURLs, strings: Strings, formats: Formats, library: TemplateLibrary, pageContext: TemplateValue,
        memo: MemoTable<[UInt8]>
    ) {
        (self.site, self.urls, self.strings, self.formats) = (site, urls, strings, formats)
        (self.library, self.pageContext, self.memo) = (library, pageContext, memo)
        cards = Array(repeating: nil, count: site.catalog.initiatives.count)
        values = Array(repeating: nil, count: site.catalog.initiatives.count)
    }

    /// What a card shows: its write-up's summary.
    static func inputs(_ index: Int) -> PageInputs { PageInputs("card", summaries: [index]) }

    /// All cards and summaries at once on both cores, for a build that renders every page.
    func makeAll() {
        let count = site.catalog.initiatives.count
        let cards = concurrentMap(count) { Optional(makeCard($0)) }
        lock.withLock { self.cards = cards }
        let values = concurrentMap(count) { Optional(summary($0).templateValue) }
        lock.withLock { self.values = values }
    }

    /// A write-up's summary with its card.
    func summary(_ index: Int) -> Summary {
        Summary(site.catalog.initiatives[index], site: site, urls: urls, strings: strings, formats: formats, cardHTML: card(index))
    }

    func summaryValue(_ index: Int) -> TemplateValue {
        if let value = lock.withLock({ values[index] }) { return value }
        let value = summary(index).templateValue
        lock.withLock { values[index] = value }
        return value
    }

    func card(_ index: Int) -> String {
        if let card = lock.withLock({ cards[index] }) { return card }
        let card = makeCard(index)
        lock.withLock { cards[index] = card }
        return card
    }

    private func makeCard(_ index: Int) -> String {
        let initiative = site.catalog.initiatives[index]
        let make = {
            let summary = Summary(initiative, site: self.site, urls: self.urls, strings: self.strings, formats: self.formats)
            return self.library.render("initiative-card", stack: [self.pageContext, summary.templateValue], capacity: 1024) ?? []
        }
        let bytes = memo.value("card:" + initiative.slug, inputs: site.digest(of: Self.inputs(index)), make)
        return String(decoding: bytes, as: UTF8.self)
    }
}
