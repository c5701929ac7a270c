/// The sitemap: every page but the 404, with the date a write-up was last updated.
struct Sitemap {
    static func file(_ c: PageContext, pageURLs: [String]) -> DataFile {
        var inputs = PageInputs("sitemap", frontMatter: Array(c.catalog.initiatives.indices))
        for url in pageURLs { inputs.add(url) }
        return DataFile(path: c.urls.outputPath(for: c.urls.sitemap), inputs: inputs) { Array(text(c, pageURLs: pageURLs).utf8) }
    }

    static func text(_ c: PageContext, pageURLs: [String]) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        var lastmod: [String: String] = [:]
        for i in c.catalog.initiatives { if let updated = i.updated { lastmod[c.urls.initiative(i.slug)] = updated } }
        for url in pageURLs where url != c.urls.notFound {
            out += "  <url><loc>\(XML.escape(c.urls.absolute(url)))</loc>"
            if let date = lastmod[url] { out += "<lastmod>\(date)</lastmod>" }
            out += "</url>\n"
        }
        return out + "</urlset>\n"
    }
}
