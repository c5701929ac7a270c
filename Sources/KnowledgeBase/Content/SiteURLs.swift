import Foundation

/// Every URL and output path of the site, in one place. All page URLs are root-relative and
/// include the base path, so a site served from a sub-path links correctly.
public struct SiteURLs: Sendable {
    /// Always starts and ends with "/".
    public let basePath: String
    /// "https://host" without trailing slash, or "" when base_url is only a path.
    public let origin: String

    public init(baseURL: String) {
        basePath = Self.basePath(of: baseURL) ?? "/"
        if let components = URLComponents(string: baseURL), let scheme = components.scheme, let host = components.host {
            origin = "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
        } else {
            origin = ""
        }
    }

    /// The path part of a base_url, normalised to "/…/"; nil when it is not a usable URL.
    public static func basePath(of baseURL: String) -> String? {
        let trimmed = baseURL.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return "/" }
        var path: String
        if trimmed.hasPrefix("/") {
            path = trimmed
        } else if let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", components.host?.isEmpty == false
        {
            path = components.path.isEmpty ? "/" : components.path
        } else {
            return nil
        }
        if path.contains("..") || path.contains("?") || path.contains("#") || path.contains("\"") || path.contains("<") { return nil }
        if !path.hasSuffix("/") { path += "/" }
        return path
    }

    public var home: String { basePath }
    public var initiatives: String { basePath + "initiatieven/" }
    public func initiative(_ slug: String) -> String { basePath + "initiatieven/\(slug)/" }
    public var regions: String { basePath + "regio/" }
    public func region(_ slug: String) -> String { basePath + "regio/\(slug)/" }
    public var types: String { basePath + "type/" }
    public func type(_ key: String) -> String { basePath + "type/\(key)/" }
    public var organisations: String { basePath + "organisatie/" }
    public func organisation(_ slug: String) -> String { basePath + "organisatie/\(slug)/" }
    public var search: String { basePath + "zoeken/" }
    /// A content page, at the top of the site.
    public func contentPage(_ slug: String) -> String { basePath + "\(slug)/" }
    /// The first path segments kb's own pages and files use: a content page may not take one.
    public static let reservedSegments: Set<String> = [
        "initiatieven", "regio", "type", "organisatie", "zoeken", "api", "assets", "404.html", "feed.xml", "sitemap.xml",
        "robots.txt", "index.html", "dekking", "monitor", "vergelijk",
    ]
    /// The search page filtered on a type and a region (search.js reads these parameters).
    public func search(type: String, region: String) -> String { search + "?type=\(type)&regio=\(region)" }
    public var coverage: String { basePath + "dekking/" }
    public var monitor: String { basePath + "monitor/" }
    public var apiMonitorCSV: String { basePath + "api/monitor.csv" }
    public var compare: String { basePath + "vergelijk/" }
    public var searchIndex: String { basePath + "zoeken/index.json" }
    public var apiJSON: String { basePath + "api/initiatieven.json" }
    public var apiCSV: String { basePath + "api/initiatieven.csv" }
    /// The DCAT catalog of the open data, for data portals to harvest.
    public var apiCatalog: String { basePath + "api/catalog.jsonld" }
    public var feed: String { basePath + "feed.xml" }
    public var sitemap: String { basePath + "sitemap.xml" }
    public var notFound: String { basePath + "404.html" }
    public func asset(_ name: String) -> String { basePath + "assets/\(name)" }

    /// Absolute URL for feeds and sitemaps; root-relative when no origin is configured.
    public func absolute(_ url: String) -> String { origin + url }

    /// Output file for a page URL: "/kb/regio/arnhem/" → "regio/arnhem/index.html".
    public func outputPath(for url: String) -> String {
        var path = url.hasPrefix(basePath) ? String(url.dropFirst(basePath.count)) : url
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        return path
    }
}
