/// A content page (content/paginas/<slug>.md) at /<slug>/: its title, summary and body.
struct ContentPagePage: PageKind {
    static let template = "page"

    var title: String
    var summary: String
    /// The body as HTML (sanitised Markdown, in the site's language).
    var bodyHTML: String

    var templateValue: TemplateValue {
        ["title": .string(title), "summary": .string(summary), "bodyHTML": .string(bodyHTML)]
    }

    static func pages(_ c: PageContext) -> [Page] {
        let body = BodyLocaliser(c.strings)
        return c.site.pages.map { content in
            // Content pages are site-wide inputs (they are in every page's menu), so the site
            // digest already changes with them; the file's bytes say which page this is.
            var inputs = PageInputs("page:" + content.slug)
            inputs.add(digest: content.contentHash)
            return page(
                url: c.urls.contentPage(content.slug), title: content.title, description: content.summary,
                section: "pagina:" + content.slug, breadcrumbs: [(content.title, "")], inputs: inputs
            ) { ContentPagePage(title: content.title, summary: content.summary, bodyHTML: body.localised(content.body.html)) }
        }
    }
}
