import Foundation
import Testing

@testable import KnowledgeBase
@testable import KnowledgeBaseServe

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("kb serve")
struct ServeTests {
    @Test("kb serve serves from memory, reloads tabs on change and keeps serving while the content is broken")
    func liveReload() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("ede", writeUp())
        try site.initiative("arnhem", writeUp(title: "Wijkverpleging in Arnhem", region: "Arnhem"))

        // The published site never carries the live-reload script.
        let build = try KBProcess.run(["build", site.root.path])
        #expect(build.status == 0, "\(build.stderr)")
        let built = site.snapshot()
        #expect(built.keys.contains("/initiatieven/ede/index.html"))
        for (path, bytes) in built where path.hasSuffix(".html") {
            #expect(!String(decoding: bytes, as: UTF8.self).contains("/__kb/"), "\(path)")
        }

        let server = try ServeProcess(site: site.root)
        defer { server.stop() }
        let http = server.http

        // Pages: the script sits right before </body>, nothing may be cached.
        let page = try http.get("/initiatieven/ede/")
        #expect(page.status == 200)
        #expect(page.header("content-type") == "text/html; charset=utf-8")
        #expect(page.header("cache-control") == "no-store")
        #expect(page.text.contains("<title>Arrangeur voor kwetsbare ouderen in Ede"))
        #expect(page.text.contains("<script src=\"/__kb/live.js\" defer></script>\n</body>"))
        #expect(!page.text.contains("kb-dev-overlay"))
        let head = try http.request("HEAD", "/initiatieven/ede/")
        #expect(head.status == 200 && head.body.isEmpty)
        #expect(head.header("content-length") == String(page.body.count))

        // Folders, redirects, the site's own 404 page, and types.
        #expect(try http.get("/").text.contains("/__kb/live.js"))
        let redirect = try http.get("/initiatieven/ede?x=1")
        #expect(redirect.status == 302)
        #expect(redirect.header("location") == "/initiatieven/ede/?x=1")
        let missing = try http.get("/bestaat-niet/")
        #expect(missing.status == 404)
        #expect(missing.text.contains("/__kb/live.js"))
        for (path, type) in [
            ("/assets/kb.css", "text/css; charset=utf-8"), ("/api/initiatieven.json", "application/json; charset=utf-8"),
            ("/api/initiatieven.csv", "text/csv; charset=utf-8"), ("/feed.xml", "application/xml; charset=utf-8"),
            ("/robots.txt", "text/plain; charset=utf-8"), ("/__kb/live.js", "text/javascript; charset=utf-8"),
            ("/__kb/status", "application/json; charset=utf-8"),
        ] {
            let response = try http.get(path)
            #expect(response.status == 200, "\(path)")
            #expect(response.header("content-type") == type, "\(path)")
        }

        // Served from memory, every file is what `kb build` writes for the same address, with
        // only the script added to HTML.
        let reference = site.root.appendingPathComponent("public-serve")
        let sameAddress = try KBProcess.run(["build", site.root.path, "--base-url", "http://127.0.0.1:\(server.port)/", "--output", reference.path])
        #expect(sameAddress.status == 0, "\(sameAddress.stderr)")
        let expected = files(in: reference)
        #expect(expected.count > 20)
        for (path, bytes) in expected.sorted(by: { $0.key < $1.key }) {
            let served = try http.get(path.hasSuffix("/index.html") ? String(path.dropLast("index.html".count)) : path)
            #expect(served.status == 200, "\(path)")
            if path.hasSuffix(".html") {
                let text = String(decoding: bytes, as: UTF8.self)
                let end = try #require(text.range(of: "</body>", options: .backwards), "\(path)")
                #expect(served.text == text.replacingCharacters(in: end, with: "<script src=\"/__kb/live.js\" defer></script>\n</body>"), "\(path)")
            } else {
                #expect(served.body == [UInt8](bytes), "\(path)")
            }
        }
        #expect(try http.get("/zoeken/../feed.xml").status == 200)
        #expect(try http.request("POST", "/").status == 405)
        #expect(try Status(http.get("/__kb/status")).ok)

        // A changed title: a reload event and the new page within two seconds.
        let events = try EventStream(port: server.port)
        defer { events.close() }
        #expect(events.wait(for: ": verbonden", seconds: 5))
        var started = Date()
        try site.initiative("ede", writeUp(title: "Arrangeur Ede met nieuwe titel"))
        #expect(events.wait(for: "event: reload", seconds: 2))
        #expect(poll(seconds: 2 - Date().timeIntervalSince(started)) { (try? http.get("/initiatieven/ede/").text)?.contains("<title>Arrangeur Ede met nieuwe titel") == true })
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(events.text.contains("event: status\ndata: {"))

        // A broken edit: the status reports where, the last good site stays up with the overlay.
        started = Date()
        try site.initiative("ede", writeUp(title: "Kapotte titel", region: "Midden Brabant"))
        var broken: Status?
        #expect(poll(seconds: 2) {
            broken = try? Status(http.get("/__kb/status"))
            return broken?.ok == false
        })
        let diagnostic = try #require(broken?.diagnostics.first)
        #expect(diagnostic.file == "content/initiatieven/ede.md")
        #expect(diagnostic.line == 5 && diagnostic.column == 9)
        #expect(diagnostic.severity == "error")
        #expect(diagnostic.message == "onbekende regio \"Midden Brabant\" (bedoelde u \"Midden-Brabant\"?)")
        #expect(events.wait(for: "\"ok\":false", seconds: 2))
        let stale = try http.get("/initiatieven/ede/")
        #expect(stale.status == 200)
        #expect(stale.text.contains("<title>Arrangeur Ede met nieuwe titel"), "the last good site stays")
        #expect(stale.text.contains("role=\"alertdialog\""))
        #expect(stale.text.contains("<code>content/initiatieven/ede.md:5:9</code>"))
        #expect(stale.text.contains("onbekende regio &quot;Midden Brabant&quot;"), "messages are escaped")
        #expect(try http.get("/initiatieven/arnhem/").text.contains("kb-dev-overlay"), "on every page")
        #expect(try http.get("/").status == 200)
        #expect(server.waitForStderr("content/initiatieven/ede.md:5:9: error: onbekende regio \"Midden Brabant\"", seconds: 2))

        // Fixed: ok again, the overlay is gone, the tabs reload.
        let reloadsBefore = events.count(of: "event: reload")
        try site.initiative("ede", writeUp(title: "Arrangeur Ede hersteld"))
        #expect(poll(seconds: 2) { (try? Status(http.get("/__kb/status")))?.ok == true })
        #expect(events.wait(seconds: 2) { $0.count(of: "event: reload") > reloadsBefore })
        let fixed = try http.get("/initiatieven/ede/")
        #expect(fixed.text.contains("<title>Arrangeur Ede hersteld"))
        #expect(!fixed.text.contains("kb-dev-overlay"))

        // Ctrl-C ends it cleanly; nothing was ever written.
        let exit = server.interrupt()
        #expect(exit == 0, "\(server.errors)")
        #expect(server.output.hasSuffix("kb serve: gestopt\n"))
        #expect(site.snapshot() == built)
    }

    @Test("kb serve keeps the base path of base_url and shows only the overlay when the first build fails")
    func basePathAndFirstFailure() throws {
        let site = try FixtureSite(files: ["kb.yml": "base_url: https://example.nl/kennisbank/\n"])
        defer { site.remove() }
        try site.initiative("ede", writeUp(region: "Midden Brabant"))

        let server = try ServeProcess(site: site.root, expectedPath: "/kennisbank/")
        defer { server.stop() }
        let http = server.http

        let overlay = try http.get("/kennisbank/")
        #expect(overlay.status == 503)
        #expect(overlay.text.contains("role=\"alertdialog\""))
        #expect(overlay.text.contains("Er is nog geen versie van de site die lukte"))
        #expect(overlay.text.contains("/__kb/live.js"))
        let status = try Status(http.get("/__kb/status"))
        #expect(!status.ok && !status.hasSite)
        #expect(status.diagnostics.map(\.line) == [5])

        try site.initiative("ede", writeUp())
        #expect(poll(seconds: 2) { (try? http.get("/kennisbank/initiatieven/ede/"))?.status == 200 })
        let page = try http.get("/kennisbank/initiatieven/ede/")
        #expect(page.text.contains("href=\"/kennisbank/assets/kb.css\""))
        #expect(try http.get("/").header("location") == "/kennisbank/")
        #expect(try http.get("/kennisbank").header("location") == "/kennisbank/")
        #expect(try http.get("/initiatieven/ede/").status == 404)
        // Absolute URLs point at kb serve, not at the published host.
        #expect(try http.get("/kennisbank/feed.xml").text.contains("<id>http://127.0.0.1:\(server.port)/kennisbank/</id>"))
    }

    @Test("routing in memory: index.html, redirects, 404 page, script and overlay injection")
    func router() throws {
        let files: [String: [UInt8]] = [
            "index.html": Array("<html><body><p>home</p></body></html>".utf8),
            "regio/index.html": Array("<html><BODY>regio</BODY></html>".utf8),
            "404.html": Array("<html><body>weg</body></html>".utf8),
            "assets/kb.css": Array("body{}".utf8),
            "favicon.svg": Array("<svg/>".utf8),
            "logo.png": [0x89, 0x50],
        ]
        let good = ServedSite(files: files, basePath: "/", ok: true, generation: 1)
        let home = DevRouter.respond(method: "GET", target: "/", site: good)
        #expect(String(decoding: home.body, as: UTF8.self) == "<html><body><p>home</p><script src=\"/__kb/live.js\" defer></script>\n</body></html>")
        #expect(String(decoding: DevRouter.respond(method: "GET", target: "/regio/", site: good).body, as: UTF8.self).contains("regio<script"))
        #expect(DevRouter.respond(method: "GET", target: "/regio", site: good).header("Location") == "/regio/")
        #expect(DevRouter.respond(method: "GET", target: "/../../etc/passwd", site: good).status == 404)
        #expect(DevRouter.respond(method: "GET", target: "/assets/kb.css", site: good).body == Array("body{}".utf8))
        #expect(DevRouter.respond(method: "GET", target: "/favicon.svg", site: good).header("Content-Type") == "image/svg+xml; charset=utf-8")
        #expect(DevRouter.respond(method: "GET", target: "/logo.png", site: good).header("Content-Type") == "image/png")
        #expect(DevRouter.normalize("/a/./b/../c/") == "/a/c/")
        #expect(DevRouter.normalize("/a/..") == "/")

        let diagnostic = Diagnostic(.error, .unknownRegion, file: "content/initiatieven/<x>.md", line: 5, column: 9, "regio \"<b>\" & meer")
        let broken = ServedSite(files: files, basePath: "/", ok: false, diagnostics: [diagnostic], generation: 2)
        let page = String(decoding: DevRouter.respond(method: "GET", target: "/", site: broken).body, as: UTF8.self)
        #expect(page.contains("<code>content/initiatieven/&lt;x&gt;.md:5:9</code> <strong>fout</strong> regio &quot;&lt;b&gt;&quot; &amp; meer"))
        #expect(page.contains("<h2 id=\"kb-dev-overlay-title\">De site kan niet worden gebouwd</h2>"))
        #expect(!page.contains("<b>"))
        let status = try Status(body: Array(broken.statusJSON.utf8))
        #expect(!status.ok && status.hasSite && status.diagnostics.first?.file == "content/initiatieven/<x>.md")

        let nested = ServedSite(files: files, basePath: "/kb/", ok: true, generation: 1)
        #expect(DevRouter.respond(method: "GET", target: "/", site: nested).header("Location") == "/kb/")
        #expect(DevRouter.respond(method: "GET", target: "/kb/assets/kb.css", site: nested).status == 200)
        #expect(DevRouter.respond(method: "GET", target: "/assets/kb.css", site: nested).status == 404)

        // The script literal can never end its own <script> element.
        #expect(LiveScript.jsString("</script>") == "\"\\u003c/script>\"")
        #expect(!LiveScript.source.contains("</"))
    }

    @Test("request heads: read in one pass, split anywhere, pipelined, refused past 8 KB and 64 KB")
    func requestHeads() throws {
        let request = "GET /zoeken/?q=zorg HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept:  text/html \r\n\r\n"
        var whole = RequestHeadReader()
        let head = try #require(try whole.append(Array(request.utf8)))
        #expect(head.method == "GET" && head.target == "/zoeken/?q=zorg" && head.version == "HTTP/1.1")
        #expect(head.header("host") == "127.0.0.1" && head.header("ACCEPT") == "text/html")
        #expect(head.path == "/zoeken/" && head.keepAlive && !head.hasBody)
        #expect(whole.rest.isEmpty)

        // Byte by byte, so every line end is split across reads: the same head, only at the end.
        var bytewise = RequestHeadReader()
        for (index, byte) in Array(request.utf8).enumerated() {
            let result = try bytewise.append([byte])
            #expect((result == nil) == (index < request.utf8.count - 1))
            if let result { #expect(result == head) }
        }

        // Two requests in one read: the second waits in `rest`. Bare LF ends lines too.
        var pipelined = RequestHeadReader()
        let first = try pipelined.append(Array("\r\nHEAD /a HTTP/1.0\nX: 1\n\nGET /b HTTP/1.1\r\nConnection: close\r\n\r\n".utf8))
        #expect(first?.method == "HEAD" && first?.target == "/a" && first?.keepAlive == false)
        var next = RequestHeadReader(pending: pipelined.rest)
        let second = try next.next()
        #expect(second?.target == "/b" && second?.keepAlive == false)
        #expect(try RequestHeadReader(pending: Array("POST / HTTP/1.1\r\nContent-Length: 3\r\n\r\n".utf8)).nextHead()?.hasBody == true)

        // The limits, exactly: 8 KB of request line and 64 KB of fields pass, one byte more fails.
        func line(_ length: Int) -> String { "GET /" + String(repeating: "a", count: length - 14) + " HTTP/1.1" }
        #expect(try RequestHeadReader(pending: Array((line(8192) + "\r\n\r\n").utf8)).nextHead() != nil)
        #expect(throws: RequestHeadReader.Failure.requestLineTooLong) {
            try RequestHeadReader(pending: Array((line(8193) + "\r\n\r\n").utf8)).nextHead()
        }
        func fields(_ bytes: Int) -> String { "X: " + String(repeating: "a", count: bytes - 5) + "\r\n" }
        #expect(try RequestHeadReader(pending: Array(("GET / HTTP/1.1\r\n" + fields(65536) + "\r\n").utf8)).nextHead() != nil)
        #expect(throws: RequestHeadReader.Failure.headersTooLarge) {
            try RequestHeadReader(pending: Array(("GET / HTTP/1.1\r\n" + fields(65537) + "\r\n").utf8)).nextHead()
        }

        // A 1 MB address or header is refused as soon as a read passes the limit, not at its end.
        for (start, failure) in [("GET /", RequestHeadReader.Failure.requestLineTooLong), ("GET / HTTP/1.1\r\nX: ", .headersTooLarge)] {
            var reader = RequestHeadReader()
            var fed = 0
            let piece = [UInt8](repeating: UInt8(ascii: "a"), count: 4096)
            #expect(throws: failure) {
                _ = try reader.append(Array(start.utf8))
                while fed < 1 << 20 {
                    fed += piece.count
                    _ = try reader.append(piece)
                }
            }
            #expect(fed <= (failure == .requestLineTooLong ? 8192 : 65536) + piece.count, "\(failure)")
        }

        // Not HTTP/1.x: 400, or 505 for another version.
        for bad in [
            "GET / HTTP/1.1 x\r\n\r\n", "GET  / HTTP/1.1\r\n\r\n", "GET /\r\n\r\n", "G(T / HTTP/1.1\r\n\r\n", "GET / FTP/1.10\r\n\r\n",
            "GET / HTTP/1.1\r\nHost x\r\n\r\n", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", "GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n",
        ] {
            #expect(throws: RequestHeadReader.Failure.malformed, "\(bad)") { try RequestHeadReader(pending: Array(bad.utf8)).nextHead() }
        }
        #expect(throws: RequestHeadReader.Failure.unsupportedVersion) {
            try RequestHeadReader(pending: Array("GET / HTTP/2.0\r\n\r\n".utf8)).nextHead()
        }
        #expect(RequestHeadReader.Failure.requestLineTooLong.status == 414 && RequestHeadReader.Failure.headersTooLarge.status == 431)
    }

    @Test("only loopback addresses count as private to this computer")
    func loopback() {
        for host in ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "::ffff:127.0.0.1"] {
            #expect(DevServer.isLoopback(host: host), "\(host)")
        }
        for host in ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "::ffff:10.0.0.1", "fe80::1", "128.0.0.1"] {
            #expect(!DevServer.isLoopback(host: host), "\(host)")
        }
    }
}

// MARK: - Helpers

extension RequestHeadReader {
    /// `next()` on a reader that is not needed afterwards.
    fileprivate func nextHead() throws -> RequestHead? {
        var reader = self
        return try reader.next()
    }
}

/// `/__kb/status` decoded.
private struct Status: Decodable {
    struct Item: Decodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var message: String
    }
    var ok: Bool
    var hasSite: Bool
    var diagnostics: [Item]

    init(_ response: HTTPResponseText) throws { try self.init(body: Array(response.body)) }

    init(body: [UInt8]) throws { self = try JSONDecoder().decode(Status.self, from: Data(body)) }
}

/// Every file under `folder` by its path from there ("/feed.xml").
private func files(in folder: URL) -> [String: Data] {
    var out: [String: Data] = [:]
    guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return out }
    // .kb-build marks a folder kb build wrote; it is not part of the site kb serve shows.
    for case let url as URL in walker where !url.hasDirectoryPath && url.lastPathComponent != ".kb-build" {
        out[String(url.standardizedFileURL.path.dropFirst(folder.standardizedFileURL.path.count))] = try? Data(contentsOf: url)
    }
    return out
}

/// Polls `condition` every 50 ms until it holds or time is up.
private func poll(seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(max(0, seconds))
    while true {
        if condition() { return true }
        if Date() > deadline { return false }
        Thread.sleep(forTimeInterval: 0.05)
    }
}

/// `kb serve` as a child process on a free port, stopped when the test ends, also on failure.
private final class ServeProcess: @unchecked Sendable {
    let process = Process()
    let port: UInt16
    private let lock = NSLock()
    private var stdout = ""
    private var stderr = ""

    var http: RawHTTP { RawHTTP(port: port) }

    init(site: URL, expectedPath: String = "/") throws {
        port = try freePort()
        process.executableURL = KBProcess.binary
        process.arguments = ["serve", site.path, "--port", String(port), "--host", "127.0.0.1"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        out.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, error: false) }
        err.fileHandleForReading.readabilityHandler = { [weak self] handle in self?.append(handle.availableData, error: true) }
        try process.run()
        let ready = "kb serve: http://127.0.0.1:\(port)\(expectedPath) (Ctrl-C om te stoppen)\n"
        guard poll(seconds: 30, { self.output.contains(ready) }) else {
            stop()
            throw ServeFailure(message: "kb serve did not start: \(output) \(errors)")
        }
    }

    var output: String {
        lock.lock()
        defer { lock.unlock() }
        return stdout
    }

    var errors: String {
        lock.lock()
        defer { lock.unlock() }
        return stderr
    }

    func waitForStderr(_ text: String, seconds: Double) -> Bool { poll(seconds: seconds) { errors.contains(text) } }

    private func append(_ data: Data, error: Bool) {
        lock.lock()
        if error { stderr += String(decoding: data, as: UTF8.self) } else { stdout += String(decoding: data, as: UTF8.self) }
        lock.unlock()
    }

    /// Ctrl-C; the exit status, or nil when it did not stop within 5 s.
    func interrupt() -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        process.interrupt()
        guard poll(seconds: 5, { !process.isRunning }) else { return nil }
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning {
            process.terminate()
            if !poll(seconds: 5, { !process.isRunning }) { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
    }
}

private struct ServeFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Binds port 0 on the loopback address to let the kernel pick a free port, then releases it.
private func freePort() throws -> UInt16 {
    let fd = socket(AF_INET, socketStream, 0)
    guard fd >= 0 else { throw ServeFailure(message: "socket") }
    defer { close(fd) }
    var address = loopback(port: 0)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard bound == 0 else { throw ServeFailure(message: "bind") }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
    }
    return UInt16(bigEndian: address.sin_port)
}

#if canImport(Glibc)
    private let socketStream = Int32(SOCK_STREAM.rawValue)
#else
    private let socketStream = SOCK_STREAM
#endif

private func loopback(port: UInt16) -> sockaddr_in {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = port.bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return address
}

/// A connected socket to kb serve with a receive time-out, so a test can never hang on it.
private func connectToServer(port: UInt16, timeout: Int = 5) throws -> Int32 {
    let fd = socket(AF_INET, socketStream, 0)
    guard fd >= 0 else { throw ServeFailure(message: "socket") }
    var time = timeval(tv_sec: timeout, tv_usec: 0)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    var address = loopback(port: port)
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else {
        close(fd)
        throw ServeFailure(message: "connect to port \(port) failed")
    }
    return fd
}

private func sendText(_ fd: Int32, _ text: String) {
    let bytes = Array(text.utf8)
    var sent = 0
    while sent < bytes.count {
        let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if n <= 0 { return }
        sent += n
    }
}

private struct HTTPResponseText {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
}

/// HTTP/1.1 over a plain socket (Connection: close), so the test sees exactly what went over
/// the wire: status, headers and body bytes, for HEAD too.
private struct RawHTTP {
    let port: UInt16

    func get(_ target: String) throws -> HTTPResponseText { try request("GET", target) }

    func request(_ method: String, _ target: String) throws -> HTTPResponseText {
        let fd = try connectToServer(port: port)
        defer { close(fd) }
        sendText(fd, "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n")
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = read(fd, &buffer, buffer.count)
            if n <= 0 { break }
            data += buffer[0..<n]
        }
        guard let end = find(Array("\r\n\r\n".utf8), in: data) else { throw ServeFailure(message: "no response to \(method) \(target)") }
        let head = String(decoding: data[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        let headers = head.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        return HTTPResponseText(status: status, headers: headers, body: Array(data[(end + 4)...]))
    }
}

private func closeSocket(_ fd: Int32) { close(fd) }

private func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard haystack.count >= needle.count else { return nil }
    for i in 0...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
    return nil
}

/// An open `/__kb/events` stream, read on its own thread; `text` is the event stream with the
/// chunked transfer encoding taken off.
private final class EventStream: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var raw: [UInt8] = []
    private var closed = false

    init(port: UInt16) throws {
        fd = try connectToServer(port: port, timeout: 1)
        sendText(fd, "GET /__kb/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n")
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 16384)
            while !isClosed {
                let n = read(fd, &buffer, buffer.count)
                if n == 0 { break }
                if n < 0 { continue }  // receive time-out: look at `closed` again
                lock.lock()
                raw += buffer[0..<n]
                lock.unlock()
            }
            closeSocket(fd)
        }
        thread.start()
    }

    private var isClosed: Bool {
        lock.lock()
        defer { lock.unlock() }
        return closed
    }

    var text: String {
        lock.lock()
        let bytes = raw
        lock.unlock()
        guard let end = find(Array("\r\n\r\n".utf8), in: bytes) else { return "" }
        // Undo chunked transfer encoding: "<hex length>\r\n<bytes>\r\n" until a 0 chunk.
        var out: [UInt8] = []
        var index = end + 4
        while let lineEnd = find(Array("\r\n".utf8), in: Array(bytes[index...])).map({ $0 + index }),
            let length = Int(String(decoding: bytes[index..<lineEnd], as: UTF8.self), radix: 16), length > 0,
            lineEnd + 2 + length <= bytes.count
        {
            out += bytes[(lineEnd + 2)..<(lineEnd + 2 + length)]
            index = lineEnd + 2 + length + 2
            if index >= bytes.count { break }
        }
        return String(decoding: out, as: UTF8.self)
    }

    func count(of needle: String) -> Int { text.components(separatedBy: needle).count - 1 }

    func wait(for needle: String, seconds: Double) -> Bool { wait(seconds: seconds) { $0.text.contains(needle) } }

    func wait(seconds: Double, _ condition: (EventStream) -> Bool) -> Bool { poll(seconds: seconds) { condition(self) } }

    func close() {
        lock.lock()
        closed = true
        lock.unlock()
        shutdown(fd, Int32(SHUT_RDWR))
    }
}
