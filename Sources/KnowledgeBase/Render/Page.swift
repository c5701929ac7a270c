/// A kind of HTML page (one file in Render/Pages/): the conforming type is the model its
/// template sees besides the layout's keys; `pages` lists every page of the kind with its URL
/// (from `SiteURLs`) and declared inputs.
protocol PageKind: TemplateModel {
    /// The template's name (`Resources/templates/<name>.mustache`, or a site's override).
    static var template: String { get }
    /// Every page of this kind, in the order the sitemap lists them.
    static func pages(_ c: PageContext) -> [Page]
}

extension PageKind {
    /// A page of this kind; `model` runs only when the page is rendered.
    static func page(
        url: String, title: String, description: String, section: String, breadcrumbs: [(String, String)] = [],
        scripts: [String] = [], inputs: PageInputs, model: @escaping () -> Self
    ) -> Page {
        Page(
            url: url, template: template, title: title, description: description, section: section, breadcrumbs: breadcrumbs,
            scripts: scripts, inputs: inputs, model: model)
    }
}

/// One HTML page: where it goes, what the layout shows of it (title, menu section, breadcrumbs,
/// scripts), what it reads, and how to make its model.
struct Page {
    var url: String
    var template: String
    var title: String
    var description: String
    /// The menu item it belongs to: home | initiatieven | regio | type | organisatie | zoeken | 404.
    var section: String
    /// (label, url) after the home page's; the page itself last, with url "".
    var breadcrumbs: [(String, String)]
    var scripts: [String]
    var inputs: PageInputs
    var model: () -> any TemplateModel
}

/// A file that is not an HTML page (data API, feed, sitemap, robots.txt): where it goes, what
/// it reads and how to make it.
struct DataFile {
    var path: String
    var inputs: PageInputs
    var make: () -> [UInt8]
}
