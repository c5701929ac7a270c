/// robots.txt: everything may be crawled; it names the sitemap.
enum Robots {
    static func file(_ c: PageContext) -> DataFile {
        DataFile(path: "robots.txt", inputs: PageInputs("robots")) {
            Array("User-agent: *\nAllow: /\nSitemap: \(c.urls.absolute(c.urls.sitemap))\n".utf8)
        }
    }
}
