import Dispatch
import Foundation

public enum RenderError: Error, CustomStringConvertible {
    case template(Diagnostic)

    public var description: String {
        switch self {
        case .template(let d): return d.description
        }
    }

    public var diagnostic: Diagnostic {
        switch self {
        case .template(let d): return d
        }
    }
}

/// Stage "render": turns the checked site into output files (pages, data API, feeds, assets)
/// and hands each to a sink as soon as it is made, so a large site is never held in memory
/// whole. It reads templates once at start and touches no other file.
public struct SiteRenderer {
    let site: CheckedSite
    let urls: SiteURLs
    let strings: Strings
    let formats: Formats
    let library: TemplateLibrary
    let assets: [String: [UInt8]]
    /// The context every page shares (lang, site, t, urls), built once.
    let base: [String: TemplateValue]
    /// Cards, and the data API's objects and CSV rows, of earlier builds.
    let cardMemo: MemoTable<[UInt8]>
    let dataMemo: MemoTable<[UInt8]>

    /// `cards`, `data`: where earlier builds' pieces are found and this build's kept (none: make
    /// every piece, keep nothing).
    init(site: CheckedSite, templateDirectory: URL?, cards: MemoTable<[UInt8]>? = nil, data: MemoTable<[UInt8]>? = nil) throws {
        self.site = site
        cardMemo = cards ?? Memo.off.table("cards", version: 0, scope: 0, codec: .bytes)
        dataMemo = data ?? Memo.off.table("data", version: 0, scope: 0, codec: .bytes)
        urls = SiteURLs(baseURL: site.config.baseURL)
        strings = Strings(language: site.config.language)
        formats = Formats(strings: strings)
        var sources = BuiltIn.templates.mapValues { BuiltIn.text($0) }
        var assets = BuiltIn.assets
        var origin: [String: String] = [:]
        let fm = FileManager.default
        if let dir = templateDirectory {
            for name in (try? fm.contentsOfDirectory(atPath: dir.path)) ?? [] where name.hasSuffix(".mustache") {
                if let data = fm.contents(atPath: dir.appendingPathComponent(name).path) {
                    let key = String(name.dropLast(".mustache".count))
                    sources[key] = String(decoding: data, as: UTF8.self)
                    origin[key] = "templates/\(name)"
                }
            }
            let assetDir = dir.appendingPathComponent("assets")
            for name in (try? fm.contentsOfDirectory(atPath: assetDir.path)) ?? [] where !name.hasPrefix(".") {
                if let data = fm.contents(atPath: assetDir.appendingPathComponent(name).path) { assets[name] = [UInt8](data) }
            }
        }
        var library = TemplateLibrary()
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                library.register(try Template(text), named: name)
            } catch {
                let file = origin[name] ?? "<ingebouwd>/templates/\(name).mustache"
                throw RenderError.template(
                    Diagnostic(
                        .error, .invalidTemplate, file: file, line: error.line, column: error.column,
                        "sjabloon kan niet gelezen worden: \(error.message)"))
            }
        }
        self.assets = assets
        let urls = self.urls
        base = [
            "lang": .string(strings.language.rawValue),
            "site": ["title": .string(site.config.title), "description": .string(site.config.description)],
            "t": TemplateValue(plain: strings.tree),
            "urls": .object(
                [
                    "home": urls.home, "initiatives": urls.initiatives, "regions": urls.regions, "types": urls.types,
                    "organisations": urls.organisations, "search": urls.search, "feed": urls.feed, "apiJSON": urls.apiJSON,
                    "apiCSV": urls.apiCSV, "searchIndex": urls.searchIndex, "css": urls.asset("kb.css"),
                    "searchJS": urls.asset("search.js"), "sortJS": urls.asset("sort.js"), "stemmerJS": urls.asset("stemmer.js"),
                    "favicon": urls.asset("favicon.svg"), "coverage": urls.coverage, "monitor": urls.monitor,
                    "apiMonitorCSV": urls.apiMonitorCSV, "compare": urls.compare,
                ].mapValues(TemplateValue.string)),
        ]
        // Compiled against what every page shares: those references resolve once, here.
        self.library = library.compiled(constants: base)
    }

    /// Every kind of HTML page, in the order the sitemap lists their pages.
    static let pageKinds: [any PageKind.Type] = [
        HomePage.self, InitiativesPage.self, InitiativePage.self, RegionsPage.self, RegionPage.self, TypesPage.self, TypePage.self,
        OrganisationsPage.self, OrganisationPage.self, CoveragePage.self, MonitorPage.self, ComparePage.self, SearchPage.self, ContentPagePage.self,
        NotFoundPage.self,
    ]

    /// What page kinds build their models from; its cards render with this renderer's
    /// templates and layout keys.
    func pageContext() -> PageContext {
        // A card sees the layout keys of an untitled page at the home URL; only those are used.
        let card = Page(
            url: urls.home, template: "initiative-card", title: "", description: "", section: "", breadcrumbs: [], scripts: [],
            inputs: Cards.inputs(0)
        ) { SearchPage() }
        let cards = Cards(
            site: site, urls: urls, strings: strings, formats: formats, library: library,
            pageContext: .object(base.merging(layoutFields(card)) { _, page in page }), memo: cardMemo)
        return PageContext(site: site, urls: urls, strings: strings, formats: formats, cards: cards, dataMemo: dataMemo)
    }

    /// Renders every page, data file and asset into `sink`; returns the number of files.
    func render(into sink: OutputSink) throws -> Int {
        let context = pageContext()
        if !sink.rebuilding { context.cards.makeAll() }
        return try renderPages(context, into: sink)
    }

    /// The data files: the data API and its DCAT catalog, the feed, the sitemap of `pageURLs`
    /// and robots.txt.
    static func dataFiles(_ c: PageContext, pageURLs: [String]) -> [DataFile] {
        DataAPI.files(c) + [MonitorPage.csvFile(c), OpenDataCatalog.file(c), Feed.file(c), Sitemap.file(c, pageURLs: pageURLs), Robots.file(c)]
    }

    func renderPages(_ c: PageContext, into sink: OutputSink) throws -> Int {
        let pages = Self.pageKinds.flatMap { $0.pages(c) }
        if let missing = Set(pages.map(\.template)).sorted().first(where: { !library.has($0) }) {
            throw RenderError.template(
                Diagnostic(.error, .invalidTemplate, file: "templates/\(missing).mustache", "sjabloon \"\(missing)\" ontbreekt"))
        }
        let files = Self.dataFiles(c, pageURLs: pages.map(\.url))
        // The data files are few but large; they go first so no core idles at the end.
        try concurrentForEach(files.count + pages.count) { index in
            if index < files.count {
                let file = files[index]
                let digest = site.digest(of: file.inputs)
                if digest != 0, sink.keep(file.path, digest: digest) { return }
                try sink.emit(file.path, file.make(), digest: digest)
                return
            }
            let page = pages[index - files.count]
            let path = page.url == urls.notFound ? "404.html" : urls.outputPath(for: page.url)
            let digest = site.digest(of: page.inputs)
            if digest != 0, sink.keep(path, digest: digest) { return }
            let fields = layoutFields(page).merging(page.model().templateFields) { layout, _ in layout }
            let html = library.render(page.template, stack: [.object(base.merging(fields) { _, page in page })]) ?? []
            try sink.emit(path, html, digest: digest)
        }
        for (name, bytes) in assets.sorted(by: { $0.key < $1.key }) {
            try sink.emit("assets/\(name)", bytes)
        }
        return pages.count + files.count + assets.count
    }

    /// Every content page, by title: the footer lists them (with the accessibility statement,
    /// which is usually not in the menu).
    var footerPages: TemplateValue {
        .list(
            site.pages.sorted { $0.title < $1.title }.map { page in
                ["label": .string(page.title), "url": .string(urls.contentPage(page.slug))]
            })
    }

    func nav(_ section: String) -> TemplateValue {
        .list(
            [
                ("home", "nav.home", urls.home), ("initiatieven", "nav.initiatives", urls.initiatives),
                ("regio", "nav.regions", urls.regions), ("type", "nav.types", urls.types),
                ("organisatie", "nav.organisations", urls.organisations), ("zoeken", "nav.search", urls.search),
            ].map { key, label, url in ["label": .string(strings[label]), "url": .string(url), "current": .bool(key == section)] }
                // Content pages with a menu order follow the built-in sections.
                + site.pages.filter { $0.menu != nil }.sorted { ($0.menu!, $0.title) < ($1.menu!, $1.title) }.map { page in
                    [
                        "label": .string(page.title), "url": .string(urls.contentPage(page.slug)),
                        "current": .bool(section == "pagina:" + page.slug),
                    ]
                })
    }

    /// What the layout needs of every page: its title, canonical URL, menu and breadcrumbs.
    func layoutFields(_ page: Page) -> [String: TemplateValue] {
        var context: [String: TemplateValue] = [:]
        context["page"] = [
            "title": .string(page.title), "description": .string(page.description), "canonical": .string(urls.absolute(page.url)),
            "section": .string(page.section),
        ]
        context["nav"] = nav(page.section)
        context["footerPages"] = footerPages
        if !page.breadcrumbs.isEmpty {
            context["breadcrumbs"] = .list(
                [["label": .string(strings["nav.home"]), "url": .string(urls.home)]]
                    + page.breadcrumbs.map { ["label": .string($0.0), "url": .string($0.1)] })
        }
        context["pageScripts"] = .list(page.scripts.map { ["url": .string(urls.asset($0))] })
        return context
    }
}
