/// The page a server shows for an unknown URL (404.html at the top of the output).
struct NotFoundPage: PageKind {
    static let template = "404"

    var templateValue: TemplateValue { [:] }

    static func pages(_ c: PageContext) -> [Page] {
        [
            page(
                url: c.urls.notFound, title: c.strings["pages.not_found"], description: c.strings["pages.not_found"], section: "404",
                inputs: PageInputs("404")
            ) { NotFoundPage() }
        ]
    }
}
