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

/// Stage 5: turns the checked site into output files (pages, data API, feeds, search index,
/// assets) and hands each to a sink as soon as it is made, so a large site is never held in
/// memory whole. It reads templates once at start and touches no other file.
public struct SiteRenderer {
    let site: CheckedSite
    let urls: SiteURLs
    let strings: Strings
    let formats: Formats
    let library: TemplateLibrary
    let assets: [String: [UInt8]]
    let models: ViewModels
    /// The context every page shares (lang, site, t, urls), built once.
    let base: [String: TemplateValue]
    /// Cards, and API objects and CSV rows, of earlier builds (none: make all).
    var fragments: FragmentCache?
    var dataFragments: FragmentCache?
    /// Token blocks of the search index's earlier builds (none: tokenise all).
    var searchCache: SearchCache?

    public init(site: CheckedSite, templateDirectory: URL?) throws {
        self.site = site
        urls = SiteURLs(baseURL: site.config.baseURL)
        strings = Strings(language: site.config.language)
        formats = Formats(strings: strings)
        models = ViewModels(site: site, urls: urls, strings: strings, formats: formats)
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
        self.library = library
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
                    "favicon": urls.asset("favicon.svg"),
                ].mapValues(TemplateValue.string)),
        ]
    }

    /// A page to render: its URL, template and the page-specific part of the context.
    struct Page {
        var url: String
        var template: String
        var title: String
        var description: String
        var section: String
        var breadcrumbs: [(String, String)]
        var scripts: [String] = []
        /// Of everything the page shows, when it depends on a few write-ups only (else 0).
        var digest: UInt64 = 0
        var context: () -> [String: TemplateValue]
    }

    /// Renders everything into `sink`; returns the number of files and the seconds the search
    /// index took.
    func render(into sink: OutputSink) throws -> (files: Int, searchSeconds: Double) {
        models.makeCard = cardMaker()
        models.prepareSummaries()
        if !sink.rebuilding { models.makeAllSummaries() }
        var count = try renderPages(into: sink)
        let started = DispatchTime.now()
        count += try SearchFiles(site: site, urls: urls, strings: strings, cache: searchCache).write(into: sink)
        return (count, Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)
    }

    /// Renders a card; the template sees the same top-level keys as a page (t, urls, …).
    func cardMaker() -> @Sendable (Int) -> String {
        let page = Page(url: urls.home, template: "initiative-card", title: "", description: "", section: "", breadcrumbs: []) { [:] }
        // One object with the shared keys and the page's: lookups that climb to the top level
        // (every `t.ui.*`) then probe one dictionary fewer.
        let pageContext = TemplateValue.object(base.merging(pageFields(page)) { _, page in page })
        let (initiatives, library, models, fragments, site) = (site.catalog.initiatives, library, models, fragments, site)
        return { index in
            let make = { library.render("initiative-card", stack: [pageContext, models.summary(index, card: false)], capacity: 1024) ?? [] }
            let bytes = fragments?.bytes("card:" + initiatives[index].slug, digest: site.digest("card", front: [index]), make: make) ?? make()
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    func renderPages(into sink: OutputSink) throws -> Int {
        let pages = pageList()
        if let missing = Set(pages.map(\.template)).sorted().first(where: { !library.has($0) }) {
            throw RenderError.template(
                Diagnostic(.error, .invalidTemplate, file: "templates/\(missing).mustache", "sjabloon \"\(missing)\" ontbreekt"))
        }
        let data = DataOutputs(site: site, urls: urls, strings: strings, formats: formats, pageURLs: pages.map(\.url), fragments: dataFragments)
        let producers = data.producers
        // The data files are few but large; they go first so no core idles at the end.
        try concurrentForEach(producers.count + pages.count) { index in
            if index < producers.count {
                let file = producers[index]
                if file.digest != 0, sink.keep(file.path, digest: file.digest) { return }
                try sink.emit(file.path, file.make(), digest: file.digest)
                return
            }
            let page = pages[index - producers.count]
            let path = page.url == urls.notFound ? "404.html" : urls.outputPath(for: page.url)
            if page.digest != 0, sink.keep(path, digest: page.digest) { return }
            let context = TemplateValue.object(base.merging(pageFields(page).merging(page.context()) { layout, _ in layout }) { _, page in page })
            let html = library.render(page.template, stack: [context]) ?? []
            try sink.emit(path, html, digest: page.digest)
        }
        for (name, bytes) in assets.sorted(by: { $0.key < $1.key }) {
            try sink.emit("assets/\(name)", bytes)
        }
        return pages.count + producers.count + assets.count
    }

    func nav(_ section: String) -> TemplateValue {
        .list(
            [
                ("home", "nav.home", urls.home), ("initiatieven", "nav.initiatives", urls.initiatives),
                ("regio", "nav.regions", urls.regions), ("type", "nav.types", urls.types),
                ("organisatie", "nav.organisations", urls.organisations), ("zoeken", "nav.search", urls.search),
            ].map { key, label, url in ["label": .string(strings[label]), "url": .string(url), "current": .bool(key == section)] })
    }

    /// What the layout needs of every page: its title, canonical URL, menu and breadcrumbs.
    func pageFields(_ page: Page) -> [String: TemplateValue] {
        var context: [String: TemplateValue] = [:]
        context["page"] = [
            "title": .string(page.title), "description": .string(page.description), "canonical": .string(urls.absolute(page.url)),
            "section": .string(page.section),
        ]
        context["nav"] = nav(page.section)
        if !page.breadcrumbs.isEmpty {
            context["breadcrumbs"] = .list(
                [["label": .string(strings["nav.home"]), "url": .string(urls.home)]]
                    + page.breadcrumbs.map { ["label": .string($0.0), "url": .string($0.1)] })
        }
        context["pageScripts"] = .list(page.scripts.map { ["url": .string(urls.asset($0))] })
        return context
    }

    func pageList() -> [Page] {
        let catalog = site.catalog
        let m = models
        var pages: [Page] = []
        let allIndexes = Array(catalog.initiatives.indices)
        pages.append(
            Page(
                url: urls.home, template: "home", title: site.config.title, description: site.config.description, section: "home",
                breadcrumbs: []
            ) {
                [
                    "intro": .string(strings["pages.home_intro"]),
                    "counts": [
                        "initiatives": .string(formats.integer(catalog.initiatives.count)),
                        "regions": .string(formats.integer(catalog.byRegion.count)),
                        "regionsTotal": .string(formats.integer(site.reference.regions.count)),
                        "types": .string(formats.integer(catalog.byType.count)),
                        "organisations": .string(formats.integer(catalog.organisations.count)),
                    ],
                    "newest": m.summaries(Array(catalog.newest.prefix(6))),
                    "regions": m.regionList(),
                    "types": m.typeList(),
                    "chartsHTML": .string(m.homeCharts()),
                ]
            })
        pages.append(
            Page(
                url: urls.initiatives, template: "initiatives", title: strings["nav.initiatives"],
                description: strings["pages.initiatives_description"], section: "initiatieven",
                breadcrumbs: [(strings["nav.initiatives"], "")], scripts: ["sort.js"],
                digest: site.digest("initiatives", words: m.summaryDigests)
            ) {
                ["initiatives": m.summaries(allIndexes), "countLabel": .string(formats.initiatives(allIndexes.count))]
            })
        for (index, initiative) in catalog.initiatives.enumerated() {
            pages.append(
                Page(
                    url: urls.initiative(initiative.slug), template: "initiative", title: initiative.title,
                    description: initiative.summary, section: "initiatieven",
                    breadcrumbs: [(strings["nav.initiatives"], urls.initiatives), (initiative.title, "")],
                    // The page shows this write-up and its related ones' summaries.
                    digest: site.digest("initiative", indexes: [index], words: catalog.related[index].map { m.summaryDigests[$0] })
                ) {
                    ["initiative": m.initiative(index), "initiatives": m.summaries(catalog.related[index])]
                })
        }
        pages.append(
            Page(
                url: urls.regions, template: "regions", title: strings["nav.regions"], description: strings["pages.regions_description"],
                section: "regio", breadcrumbs: [(strings["nav.regions"], "")], scripts: ["sort.js"]
            ) { ["regions": m.regionList()] })
        for region in site.reference.regions {
            pages.append(
                Page(
                    url: urls.region(region.slug), template: "region", title: region.name,
                    description: strings.format("pages.region_description", ["name": region.name, "code": region.code]),
                    section: "regio", breadcrumbs: [(strings["nav.regions"], urls.regions), (region.name, "")],
                    // Cards, counts, sums and charts of this region's write-ups, nothing else.
                    digest: site.digest(
                        "region:" + region.code,
                        words: (catalog.byRegion[region.code] ?? []).flatMap { index -> [UInt64] in
                            let bc = catalog.initiatives[index].businessCase
                            return [m.summaryDigests[index], bc == nil ? 0 : 1, UInt64(bitPattern: Int64(bc?.investment ?? 0)),
                                UInt64(bitPattern: Int64(bc?.expectedWlzSavings ?? 0))]
                        })
                ) { ["region": m.region(region), "initiatives": m.summaries(catalog.byRegion[region.code] ?? [])] })
        }
        pages.append(
            Page(
                url: urls.types, template: "types", title: strings["nav.types"], description: strings["pages.types_description"],
                section: "type", breadcrumbs: [(strings["nav.types"], "")]
            ) { ["types": m.typeList()] })
        for type in site.reference.types {
            pages.append(
                Page(
                    url: urls.type(type.key), template: "type", title: type.label, description: type.description, section: "type",
                    breadcrumbs: [(strings["nav.types"], urls.types), (type.label, "")],
                    digest: site.digest("type:" + type.key, words: (catalog.byType[type.key] ?? []).map { m.summaryDigests[$0] })
                ) {
                    let indexes = catalog.byType[type.key] ?? []
                    let regions = Set(indexes.map { catalog.initiatives[$0].regionCode }).count
                    return [
                        "type": [
                            "label": .string(type.label), "key": .string(type.key), "description": .string(type.description),
                            "countLabel": .string(formats.initiatives(indexes.count)),
                            "regionsLabel": .string(strings.count("pages.in_regions", regions)),
                        ],
                        "initiatives": m.summaries(indexes),
                    ]
                })
        }
        pages.append(
            Page(
                url: urls.organisations, template: "organisations", title: strings["nav.organisations"],
                description: strings["pages.organisations_description"], section: "organisatie",
                breadcrumbs: [(strings["nav.organisations"], "")], scripts: ["sort.js"]
            ) {
                ["organisations": m.organisationList(), "countLabel": .string(strings.count("pages.organisations", catalog.organisations.count))]
            })
        for org in catalog.organisations {
            pages.append(
                Page(
                    url: urls.organisation(org.slug), template: "organisation", title: org.name,
                    description: strings.format("pages.organisation_description", ["name": org.name]), section: "organisatie",
                    breadcrumbs: [(strings["nav.organisations"], urls.organisations), (org.name, "")],
                    digest: site.digest(
                        "organisation:" + org.slug,
                        words: [TemplateValue.string(org.name).digest] + org.kinds.map { TemplateValue.string($0.rawValue).digest }
                            + org.initiatives.map { m.summaryDigests[$0] })
                ) {
                    [
                        "organisation": [
                            "name": .string(org.name), "kinds": .list(org.kinds.map { ["label": .string(strings["kind.\($0.rawValue)"])] }),
                            "countLabel": .string(formats.initiatives(org.initiatives.count)),
                        ],
                        "initiatives": m.summaries(org.initiatives),
                    ]
                })
        }
        pages.append(
            Page(
                url: urls.search, template: "search", title: strings["nav.search"], description: strings["pages.search_description"],
                section: "zoeken", breadcrumbs: [(strings["nav.search"], "")], scripts: ["search.js"]
            ) { [:] })
        pages.append(
            Page(
                url: urls.notFound, template: "404", title: strings["pages.not_found"], description: strings["pages.not_found"],
                section: "404", breadcrumbs: []
            ) { [:] })
        return pages
    }
}
