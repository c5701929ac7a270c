import FlyingSocks
import Foundation
import KnowledgeBase

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `kb serve`: builds the site in memory, serves it, rebuilds when content/, templates/ or kb.yml
/// change and tells open tabs to reload. Nothing is written to disk.
public final class DevServer: @unchecked Sendable {
    public struct Options: Sendable {
        public var siteDirectory: URL
        public var host: String
        /// 0 picks a free port; the ready event tells which.
        public var port: UInt16
        public var includeDrafts: Bool
        public var pollInterval: TimeInterval = 0.3
        public var debounce: TimeInterval = 0.1
        public var keepAliveInterval: TimeInterval = 15

        public init(siteDirectory: URL, host: String = "127.0.0.1", port: UInt16 = 8080, includeDrafts: Bool = false) {
            self.siteDirectory = siteDirectory.standardizedFileURL
            self.host = host
            self.port = port
            self.includeDrafts = includeDrafts
        }
    }

    /// One finished build, for the terminal.
    public struct BuildReport: Sendable {
        public var ok: Bool
        public var diagnostics: [Diagnostic]
        public var fileCount: Int
        public var initiativeCount: Int
        public var seconds: Double
        /// The first build, before the server says it is ready.
        public var first: Bool
        /// An older site is still being served because this build failed.
        public var servingLastGood: Bool
    }

    public enum Event: Sendable {
        /// Listening on an address other computers can reach (not loopback).
        case reachableFromNetwork(host: String)
        /// Listening and the first build is done; `url` includes the base path.
        case ready(url: String)
        case built(BuildReport)
    }

    public enum ServeError: Error, CustomStringConvertible {
        case invalidHost(String)
        case cannotListen(host: String, port: UInt16, reason: String)
        case stopped(reason: String)

        public var description: String {
            switch self {
            case .invalidHost(let host):
                return "\"\(host)\" is geen IP-adres; gebruik bijvoorbeeld 127.0.0.1, ::1 of 0.0.0.0"
            case .cannotListen(let host, let port, let reason):
                return "kan niet luisteren op \(host):\(port): \(reason) (is de poort al in gebruik?)"
            case .stopped(let reason):
                return "de server is onverwacht gestopt: \(reason)"
            }
        }
    }

    public let options: Options
    public let liveReload = LiveReload()
    private let onEvent: @Sendable (Event) -> Void
    private let lock = NSLock()
    private var current = ServedSite()
    private var signalSources: [any DispatchSourceSignal] = []

    public init(options: Options, onEvent: @escaping @Sendable (Event) -> Void) {
        self.options = options
        self.onEvent = onEvent
    }

    /// What requests see right now.
    public var site: ServedSite {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Serves until Ctrl-C (SIGINT) or SIGTERM, then closes every connection and returns.
    public func run() async throws {
        let address = try Self.socketAddress(host: options.host, port: options.port)
        let server: DevHTTPServer
        do {
            server = try DevHTTPServer(address: address) { [self] head in reply(to: head) }
        } catch {
            throw ServeError.cannotListen(host: options.host, port: options.port, reason: Self.reason(error))
        }

        enum Stop { case signal, serverEnded }
        let (stops, stop) = AsyncStream<Stop>.makeStream()
        let failure = ErrorBox()
        let serverTask = Task {
            do { try await server.run() } catch { failure.set(error) }
            stop.yield(.serverEnded)
        }
        installSignalHandlers { stop.yield(.signal) }
        if !Self.isLoopback(host: options.host) { onEvent(.reachableFromNetwork(host: options.host)) }
        let origin = "http://\(options.host.contains(":") ? "[\(options.host)]" : options.host):\(server.port)"

        // Builds run on plain threads (the first here, later ones on the watcher's), one after
        // the other, so they never overlap and never hold up the pool that answers requests.
        let watcher = Watcher(
            paths: ["content", "templates", "kb.yml"].map { options.siteDirectory.appendingPathComponent($0) },
            interval: options.pollInterval, debounce: options.debounce)
        let ready = Thread { [self] in
            watcher.markBaseline()
            rebuild(origin: origin, first: true)
            onEvent(.ready(url: origin + site.basePath))
            watcher.start { [self] in rebuild(origin: origin, first: false) }
        }
        ready.name = "kb serve build"
        ready.start()

        let keepAlive = Task { [liveReload, options] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(options.keepAliveInterval * 1e9))
                liveReload.keepAlive()
            }
        }

        var reason = Stop.serverEnded
        for await first in stops {
            reason = first
            break
        }
        watcher.stop()
        keepAlive.cancel()
        // Ending the event streams first lets their connections finish their last chunk.
        liveReload.closeAll()
        serverTask.cancel()
        await serverTask.value
        // The server task ends on Ctrl-C too; only an end nobody asked for is a failure.
        if reason == .serverEnded {
            throw ServeError.stopped(reason: failure.get().map(Self.reason) ?? "onbekende oorzaak")
        }
    }

    /// Runs the pipeline in memory and swaps the result in; a failed build keeps the last good
    /// site and shows its diagnostics instead.
    func rebuild(origin: String, first: Bool) {
        let started = Date()
        // The host is kb serve's own; a path in base_url is kept so links work as published.
        let basePath = SiteConfig.configuredBaseURL(siteDirectory: options.siteDirectory).flatMap(SiteURLs.basePath(of:)) ?? "/"
        var buildOptions = BuildOptions(siteDirectory: options.siteDirectory, includeDrafts: options.includeDrafts, baseURL: origin + basePath)
        // The server keeps its site in memory; no parse cache on disk for another base URL.
        buildOptions.cache = false
        var diagnostics: [Diagnostic]
        var files: [OutputFile]?
        var fileCount = 0
        var initiativeCount = 0
        do {
            let result = try Pipeline.render(buildOptions)
            diagnostics = result.site.diagnostics
            files = result.files
            fileCount = result.site.fileCount
            initiativeCount = result.site.catalog.initiatives.count
        } catch let error as RenderError {
            diagnostics = [error.diagnostic]
            fileCount = 1
        } catch {
            diagnostics = [Diagnostic(.error, .unreadableFile, file: ".", "de site kan niet worden gebouwd: \(error)")]
        }

        lock.lock()
        var next = current
        next.generation += 1
        next.diagnostics = diagnostics
        next.ok = files != nil
        if let files {
            next.files = Dictionary(files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { _, last in last })
            next.basePath = basePath
        } else if next.files == nil {
            next.basePath = basePath
        }
        current = next
        lock.unlock()

        liveReload.send(event: "status", data: next.statusJSON)
        if next.ok { liveReload.send(event: "reload", data: "{\"build\":\(next.generation)}") }
        onEvent(
            .built(
                BuildReport(
                    ok: next.ok, diagnostics: diagnostics, fileCount: fileCount, initiativeCount: initiativeCount,
                    seconds: Date().timeIntervalSince(started), first: first, servingLastGood: !next.ok && next.files != nil)))
    }

    // MARK: - HTTP

    /// One request: the event stream for live reload, everything else from the router.
    private func reply(to head: RequestHead) -> DevHTTPServer.Reply {
        if head.method == "GET", head.path == LiveScript.eventsPath {
            return .eventStream(liveReload.connect())
        }
        let response = DevRouter.respond(method: head.method, target: head.target, site: site)
        return .response(response, bodyless: head.method == "HEAD")
    }

    // MARK: - Setup

    static func socketAddress(host: String, port: UInt16) throws -> any SocketAddress {
        let literal = host == "localhost" ? "127.0.0.1" : host.trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if let address = try? sockaddr_in.inet(ip4: literal, port: port) { return address }
        if let address = try? sockaddr_in6.inet6(ip6: literal, port: port) { return address }
        throw ServeError.invalidHost(host)
    }

    /// Only this computer can connect: localhost, 127.0.0.0/8 or ::1 (also IPv4-mapped).
    public static func isLoopback(host: String) -> Bool {
        let literal = host.trimmingCharacters(in: CharacterSet(charactersIn: "[]")).lowercased()
        if literal == "localhost" { return true }
        var ip4 = in_addr()
        if inet_pton(AF_INET, literal, &ip4) == 1 { return UInt32(bigEndian: ip4.s_addr) >> 24 == 127 }
        var ip6 = in6_addr()
        guard inet_pton(AF_INET6, literal, &ip6) == 1 else { return false }
        let bytes = withUnsafeBytes(of: ip6) { Array($0) }
        if bytes[0..<15].allSatisfy({ $0 == 0 }) { return bytes[15] == 1 }
        let mapped = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
        return mapped && bytes[12] == 127
    }

    private static func reason(_ error: any Error) -> String {
        if case .failed(_, let errno, _)? = error as? SocketError, let text = strerror(errno) {
            return String(cString: text)
        }
        return "\(error)"
    }

    /// Ctrl-C stops the server in an orderly way instead of killing it mid-response.
    private func installSignalHandlers(_ handler: @escaping @Sendable () -> Void) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler(handler: handler)
            source.resume()
            signalSources.append(source)
        }
    }
}

/// The first error of the server task, read by the task that waits for it to listen.
private final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?

    func set(_ error: any Error) {
        lock.lock()
        self.error = self.error ?? error
        lock.unlock()
    }

    func get() -> (any Error)? {
        lock.lock()
        defer { lock.unlock() }
        return error
    }
}
