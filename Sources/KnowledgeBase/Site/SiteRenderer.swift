import Dispatch
import Foundation
import Mustache

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
/// assets). Pure: it reads templates once at start and touches no other file.
public struct SiteRenderer {
    let site: CheckedSite
    let urls: SiteURLs
    let strings: Strings
    let formats: Formats
    let library: MustacheLibrary
    let assets: [String: [UInt8]]
    var models: ViewModels

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
        var library = MustacheLibrary()
        for (name, text) in sources.sorted(by: { $0.key < $1.key }) {
            do {
                library.register(try MustacheTemplate(string: text), named: name)
            } catch {
                let file = origin[name] ?? "<ingebouwd>/templates/\(name).mustache"
                var line = 1
                var column = 1
                if let parserError = error as? MustacheTemplate.ParserError {
                    line = parserError.context.lineNumber
                    column = parserError.context.columnNumber
                }
                throw RenderError.template(
                    Diagnostic(.error, .invalidTemplate, file: file, line: line, column: column, "sjabloon kan niet gelezen worden: \(error)"))
            }
        }
        self.library = library
        self.assets = assets
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
        var context: () -> [String: Any]
    }

    /// Pages, data files and assets, and the search index, with the time the index took.
    public func render() throws -> (files: [OutputFile], searchSeconds: Double) {
        var renderer = self
        renderer.models.cards = renderCards()
        var files = try renderer.renderPages()
        let started = DispatchTime.now()
        files += SearchFiles(site: site, urls: urls, strings: strings).all()
        return (files, Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9)
    }

    /// Cards in parallel; the template sees the same top-level keys as a page (t, urls, …).
    func renderCards() -> [String] {
        var cards = [String](repeating: "", count: site.catalog.initiatives.count)
        let page = Page(url: urls.home, template: "initiative-card", title: "", description: "", section: "", breadcrumbs: []) { [:] }
        let base = fullContext(page)
        cards.withUnsafeMutableBufferPointer { buffer in
            let out = buffer
            DispatchQueue.concurrentPerform(iterations: out.count) { index in
                var context = base
                for (key, value) in models.summary(index) { context[key] = value }
                out[index] = library.render(context, withTemplate: "initiative-card") ?? ""
            }
        }
        return cards
    }

    func renderPages() throws -> [OutputFile] {
        let pages = pageList()
        var rendered = [OutputFile?](repeating: nil, count: pages.count)
        var failures = [String?](repeating: nil, count: pages.count)
        rendered.withUnsafeMutableBufferPointer { out in
            failures.withUnsafeMutableBufferPointer { failed in
                let out = out, failed = failed
                DispatchQueue.concurrentPerform(iterations: pages.count) { index in
                    let page = pages[index]
                    guard let html = library.render(fullContext(page), withTemplate: page.template) else {
                        failed[index] = page.template
                        return
                    }
                    let path = page.url == urls.notFound ? "404.html" : urls.outputPath(for: page.url)
                    out[index] = OutputFile(path: path, text: html)
                }
            }
        }
        if let missing = failures.compactMap({ $0 }).first {
            throw RenderError.template(
                Diagnostic(.error, .invalidTemplate, file: "templates/\(missing).mustache", "sjabloon \"\(missing)\" ontbreekt"))
        }
        var files = rendered.compactMap { $0 }
        let data = DataOutputs(site: site, urls: urls, strings: strings, formats: formats, pageURLs: pages.map(\.url))
        files += data.all()
        for (name, bytes) in assets.sorted(by: { $0.key < $1.key }) {
            files.append(OutputFile(path: "assets/\(name)", bytes: bytes))
        }
        return files
    }

    func nav(_ section: String) -> [[String: Any]] {
        [
            ("home", "nav.home", urls.home), ("initiatieven", "nav.initiatives", urls.initiatives),
            ("regio", "nav.regions", urls.regions), ("type", "nav.types", urls.types),
            ("organisatie", "nav.organisations", urls.organisations), ("zoeken", "nav.search", urls.search),
        ].map { key, label, url in ["label": strings[label], "url": url, "current": key == section] }
    }

    func fullContext(_ page: Page) -> [String: Any] {
        var context = page.context()
        context["lang"] = strings.language.rawValue
        context["site"] = ["title": site.config.title, "description": site.config.description]
        context["t"] = strings.tree
        context["urls"] = [
            "home": urls.home, "initiatives": urls.initiatives, "regions": urls.regions, "types": urls.types,
            "organisations": urls.organisations, "search": urls.search, "feed": urls.feed, "apiJSON": urls.apiJSON,
            "apiCSV": urls.apiCSV, "searchIndex": urls.searchIndex, "css": urls.asset("kb.css"),
            "searchJS": urls.asset("search.js"), "sortJS": urls.asset("sort.js"), "stemmerJS": urls.asset("stemmer.js"),
            "favicon": urls.asset("favicon.svg"),
        ]
        context["page"] = [
            "title": page.title, "description": page.description, "canonical": urls.absolute(page.url), "section": page.section,
        ]
        context["nav"] = nav(page.section)
        if !page.breadcrumbs.isEmpty {
            context["breadcrumbs"] = [["label": strings["nav.home"], "url": urls.home]] + page.breadcrumbs.map { ["label": $0.0, "url": $0.1] }
        }
        context["pageScripts"] = page.scripts.map { ["url": urls.asset($0)] }
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
                    "intro": strings["pages.home_intro"],
                    "counts": [
                        "initiatives": formats.integer(catalog.initiatives.count),
                        "regions": formats.integer(catalog.byRegion.count),
                        "regionsTotal": formats.integer(site.reference.regions.count),
                        "types": formats.integer(catalog.byType.count),
                        "organisations": formats.integer(catalog.organisations.count),
                    ],
                    "newest": m.summaries(Array(catalog.newest.prefix(6))),
                    "regions": m.regionList(),
                    "types": m.typeList(),
                    "chartsHTML": m.homeCharts(),
                ]
            })
        pages.append(
            Page(
                url: urls.initiatives, template: "initiatives", title: strings["nav.initiatives"],
                description: strings["pages.initiatives_description"], section: "initiatieven",
                breadcrumbs: [(strings["nav.initiatives"], "")], scripts: ["sort.js"]
            ) {
                ["initiatives": m.summaries(allIndexes), "countLabel": formats.initiatives(allIndexes.count)]
            })
        for (index, initiative) in catalog.initiatives.enumerated() {
            pages.append(
                Page(
                    url: urls.initiative(initiative.slug), template: "initiative", title: initiative.title,
                    description: initiative.summary, section: "initiatieven",
                    breadcrumbs: [(strings["nav.initiatives"], urls.initiatives), (initiative.title, "")]
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
                    section: "regio", breadcrumbs: [(strings["nav.regions"], urls.regions), (region.name, "")]
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
                    breadcrumbs: [(strings["nav.types"], urls.types), (type.label, "")]
                ) {
                    let indexes = catalog.byType[type.key] ?? []
                    let regions = Set(indexes.map { catalog.initiatives[$0].regionCode }).count
                    return [
                        "type": [
                            "label": type.label, "key": type.key, "description": type.description,
                            "countLabel": formats.initiatives(indexes.count),
                            "regionsLabel": strings.count("pages.in_regions", regions),
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
                ["organisations": m.organisationList(), "countLabel": strings.count("pages.organisations", catalog.organisations.count)]
            })
        for org in catalog.organisations {
            pages.append(
                Page(
                    url: urls.organisation(org.slug), template: "organisation", title: org.name,
                    description: strings.format("pages.organisation_description", ["name": org.name]), section: "organisatie",
                    breadcrumbs: [(strings["nav.organisations"], urls.organisations), (org.name, "")]
                ) {
                    [
                        "organisation": [
                            "name": org.name, "kinds": org.kinds.map { ["label": strings["kind.\($0.rawValue)"]] },
                            "countLabel": formats.initiatives(org.initiatives.count),
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
