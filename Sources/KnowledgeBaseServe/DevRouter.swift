import Foundation
import KnowledgeBase

/// What the server shows at one moment: the last site that built and how the latest build went.
/// A value, so a request works on one consistent state while a rebuild swaps in the next.
public struct ServedSite: Sendable {
    /// Output path ("regio/arnhem/index.html") → bytes of the last good build; nil until one
    /// build has succeeded.
    public var files: [String: [UInt8]]?
    /// Path the site is served under, "/" or e.g. "/kennisbank/".
    public var basePath: String
    /// The latest build succeeded.
    public var ok: Bool
    /// Problems of the latest build (warnings too when it succeeded).
    public var diagnostics: [Diagnostic]
    /// Number of builds finished; 0 while the first one runs.
    public var generation: Int

    public init(files: [String: [UInt8]]? = nil, basePath: String = "/", ok: Bool = false, diagnostics: [Diagnostic] = [], generation: Int = 0) {
        self.files = files
        self.basePath = basePath
        self.ok = ok
        self.diagnostics = diagnostics
        self.generation = generation
    }

    /// `/__kb/status`: `{ok, build, hasSite, diagnostics: [{file, line, column, severity, code, message}]}`.
    public var statusJSON: String {
        let object: JSONValue = .object([
            "ok": .bool(ok), "build": .int(generation), "hasSite": .bool(files != nil), "diagnostics": .array(diagnostics.map(\.json)),
        ])
        return object.text(.foundation)
    }
}

/// A response before it meets the HTTP library, so routing is tested without sockets.
public struct DevResponse: Sendable {
    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }
}

/// Maps a request onto the in-memory site: index.html for folders, a redirect from /x to /x/,
/// the site's own 404 page, correct types, never cached, and the live-reload script (plus the
/// error overlay while the content is broken) in every HTML page.
public enum DevRouter {
    public static func respond(method: String, target: String, site: ServedSite) -> DevResponse {
        let method = method.uppercased()
        guard method == "GET" || method == "HEAD" else {
            return text(405, "Alleen GET en HEAD worden ondersteund.\n", extra: [("Allow", "GET, HEAD")])
        }
        let (rawPath, query) = split(target)
        let path = normalize(rawPath.removingPercentEncoding ?? rawPath)

        switch path {
        case LiveScript.path:
            return DevResponse(status: 200, headers: headers(type: "text/javascript; charset=utf-8"), body: Array(LiveScript.source.utf8))
        case LiveScript.statusPath:
            return DevResponse(status: 200, headers: headers(type: "application/json; charset=utf-8"), body: Array(site.statusJSON.utf8))
        default:
            break
        }
        if path.hasPrefix("/__kb/") { return text(404, "Onbekend adres van kb serve.\n") }

        guard let files = site.files else {
            // Nothing good to show yet: the overlay (broken) or a holding page (first build runs).
            let building = site.generation == 0
            let body = building ? "<p>De site wordt gebouwd…</p>\n" : ""
            let page = "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<title>kb serve</title>\n</head>\n<body>\n\(body)</body>\n</html>\n"
            return html(503, Array(page.utf8), site: site, extra: building ? [("Retry-After", "1")] : [])
        }

        // Serving under a base path: send the bare host (and the path without its slash) there.
        guard path.hasPrefix(site.basePath) else {
            if path == "/" || path + "/" == site.basePath { return redirect(to: site.basePath, query: query) }
            return notFound(files: files, site: site)
        }
        let relative = String(path.dropFirst(site.basePath.count))
        let key = relative.isEmpty || relative.hasSuffix("/") ? relative + "index.html" : relative
        if let bytes = files[key] {
            return file(key, bytes, site: site)
        }
        if !relative.isEmpty, !relative.hasSuffix("/"), files[relative + "/index.html"] != nil {
            return redirect(to: path + "/", query: query)
        }
        return notFound(files: files, site: site)
    }

    /// Type by extension; text types say they are UTF-8, which everything kb writes is.
    public static func contentType(for path: String) -> String {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "svg": return "image/svg+xml; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }

    /// Puts the live-reload script, and the overlay while the content is broken, before the
    /// last `</body>`; at the end when a page has none.
    public static func inject(into page: [UInt8], site: ServedSite) -> [UInt8] {
        var snippet = ""
        if !site.ok { snippet += Overlay.html(diagnostics: site.diagnostics, hasSite: site.files != nil) }
        snippet += LiveScript.tag + "\n"
        let at = lastBodyClose(in: page) ?? page.endIndex
        var out = page
        out.insert(contentsOf: Array(snippet.utf8), at: at)
        return out
    }

    // MARK: - Pieces

    private static func file(_ key: String, _ bytes: [UInt8], site: ServedSite) -> DevResponse {
        let type = contentType(for: key)
        if type.hasPrefix("text/html") { return html(200, bytes, site: site) }
        return DevResponse(status: 200, headers: headers(type: type), body: bytes)
    }

    private static func notFound(files: [String: [UInt8]], site: ServedSite) -> DevResponse {
        guard let page = files["404.html"] else { return text(404, "Niet gevonden.\n") }
        return html(404, page, site: site)
    }

    private static func html(_ status: Int, _ bytes: [UInt8], site: ServedSite, extra: [(String, String)] = []) -> DevResponse {
        DevResponse(
            status: status, headers: headers(type: "text/html; charset=utf-8") + extra.map { (name: $0.0, value: $0.1) },
            body: inject(into: bytes, site: site))
    }

    private static func redirect(to path: String, query: String) -> DevResponse {
        // 302, not 301: browsers keep permanent redirects, and the site under kb serve changes.
        let location = percentEncode(path) + (query.isEmpty ? "" : "?" + query)
        return DevResponse(
            status: 302, headers: headers(type: "text/plain; charset=utf-8") + [(name: "Location", value: location)],
            body: Array("Verplaatst naar \(location)\n".utf8))
    }

    private static func text(_ status: Int, _ message: String, extra: [(String, String)] = []) -> DevResponse {
        DevResponse(
            status: status, headers: headers(type: "text/plain; charset=utf-8") + extra.map { (name: $0.0, value: $0.1) },
            body: Array(message.utf8))
    }

    /// Every response is uncacheable: the next rebuild may change any of them.
    private static func headers(type: String) -> [(name: String, value: String)] {
        [(name: "Content-Type", value: type), (name: "Cache-Control", value: "no-store")]
    }

    private static func split(_ target: String) -> (path: String, query: String) {
        var path = Substring(target)
        if let hash = path.firstIndex(of: "#") { path = path[..<hash] }
        guard let mark = path.firstIndex(of: "?") else { return (String(path), "") }
        return (String(path[..<mark]), String(path[path.index(after: mark)...]))
    }

    /// Resolves `.`, `..` and doubled slashes without ever leaving the root; keeps a trailing
    /// slash, which decides between a folder and a file.
    static func normalize(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                _ = parts.popLast()
                continue
            }
            parts.append(part)
        }
        let last = path.split(separator: "/", omittingEmptySubsequences: true).last
        let trailing = path.hasSuffix("/") || last == "." || last == ".."
        let joined = "/" + parts.joined(separator: "/")
        return trailing && joined != "/" ? joined + "/" : joined
    }

    private static func percentEncode(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }

    private static func lastBodyClose(in page: [UInt8]) -> Int? {
        let needle = Array("</body".utf8)
        guard page.count >= needle.count else { return nil }
        var index = page.count - needle.count
        while index >= 0 {
            var match = true
            for offset in 0..<needle.count {
                var byte = page[index + offset]
                if byte >= 65 && byte <= 90 { byte += 32 }  // ASCII lowercase
                if byte != needle[offset] {
                    match = false
                    break
                }
            }
            if match { return index }
            index -= 1
        }
        return nil
    }
}
