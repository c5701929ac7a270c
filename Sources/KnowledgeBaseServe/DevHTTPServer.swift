import FlyingSocks
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The HTTP/1.1 server under `kb serve`, on FlyingSocks (the socket layer of FlyingFox).
///
/// Why not FlyingFox's HTTPServer, used before: its request decoder is internal, has no size
/// limit and takes time quadratic in the length of the head (a 1 MB header kept both cores busy
/// for minutes), and the server has no time-out for reading a head and no connection limit. None
/// of that can be configured or replaced from outside. Hummingbird would bring SwiftNIO's parser,
/// but also SwiftNIO and the packages around it, builds minutes longer, and still code of our
/// own for 414 versus 431, the connection limit and event streams that must stay open. kb serve
/// needs little of HTTP: GET and HEAD, no request bodies, one long-lived event stream per tab.
/// So it reads request heads itself, on the sockets FlyingFox already brought, with these limits:
///
/// - request line ≤ 8 KB (else 414), header fields ≤ 64 KB together (else 431), refused as
///   soon as a read passes the limit; every byte is parsed once (`RequestHeadReader`);
/// - a head must be complete within `headTimeout` of the connection opening or of the previous
///   answer on it, so idle and dribbling clients are closed;
/// - at most `maxConnections` connections. When all are taken, the one that has waited longest
///   for a head gives way to the new one, so slow clients cannot keep others out; only when
///   every slot is answering or streaming does a new connection get 503;
/// - event streams (`/__kb/events`) have no read time-out, only a write time-out, and at most
///   `maxEventStreams` are open, so they never take every slot.
final class DevHTTPServer: @unchecked Sendable {
    struct Limits: Sendable {
        var maxConnections = 128
        var maxEventStreams = 64
        var headTimeout: Duration = .seconds(10)
        /// Per 64 KB written: a client that stops reading is closed, a slow one is not.
        var writeTimeout: Duration = .seconds(10)
        /// How long the rest of a refused request is read and dropped before closing. Closing
        /// with unread bytes makes the kernel reset the connection, and the client would see
        /// that instead of the 414 or 431.
        var lingerTimeout: Duration = .seconds(2)
        /// And at most this many bytes, so a client that keeps sending costs little.
        var lingerBytes = 4 * 1024 * 1024
    }

    enum Reply {
        /// `bodyless` for HEAD: the same headers, Content-Length included, without the body.
        case response(DevResponse, bodyless: Bool)
        case eventStream(AsyncStream<[UInt8]>)
    }

    let limits: Limits
    /// The port listened on; the one the kernel chose when asked for port 0.
    let port: UInt16
    private let listener: Socket
    private let pool: any AsyncSocketPool = SocketPool<Poll>.make()
    private let handler: @Sendable (RequestHead) -> Reply
    private let slots: ConnectionSlots

    /// Binds and listens at once, so a taken port is reported before anything else starts.
    init(address: any SocketAddress, limits: Limits = Limits(), handler: @escaping @Sendable (RequestHead) -> Reply) throws {
        let socket = try Socket(domain: Int32(type(of: address).family))
        do {
            try socket.setValue(true, for: .localAddressReuse)
            try socket.bind(to: address)
            try socket.listen()
            switch try socket.sockname() {
            case .ip4(_, let port), .ip6(_, let port): self.port = port
            case .unix: self.port = 0
            }
        } catch {
            try? socket.close()
            throw error
        }
        listener = socket
        self.limits = limits
        self.handler = handler
        slots = ConnectionSlots(capacity: limits.maxConnections, streamCapacity: limits.maxEventStreams)
    }

    /// Serves until cancelled (then returns) or until the socket layer fails (then throws).
    /// Every connection is closed before it returns.
    func run() async throws {
        defer { try? listener.close() }
        do {
            try await pool.prepare()
            let listening = try AsyncSocket(socket: listener, pool: pool)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.pool.run() }
                group.addTask { try await self.acceptConnections(on: listening) }
                group.addTask { try await self.closeExpired() }
                try await group.next()
                group.cancelAll()
            }
        } catch {
            await closeAll()
            if Task.isCancelled { return }
            throw error
        }
        await closeAll()
    }

    private func closeAll() async {
        for task in slots.removeAll() {
            task.cancel()
            await task.value
        }
    }

    private func acceptConnections(on listener: AsyncSocket) async throws {
        let noDelay = BoolSocketOption(level: Int32(IPPROTO_TCP), name: TCP_NODELAY)
        while true {
            let client: AsyncSocket
            do {
                client = try await listener.accept()
            } catch is SocketError {
                // Out of file descriptors and the like: the listener itself is fine, so wait a
                // moment rather than end the server.
                try await Task.sleep(for: .milliseconds(100))
                continue
            }
            // Answers and events are single writes that should leave at once, not wait for an ACK.
            try? client.socket.setValue(true, for: noDelay)
            guard let id = slots.admit(timeout: limits.headTimeout) else {
                refuseNow(client, status: 503)
                continue
            }
            slots.attach(Task { await self.serve(client, id: id) }, to: id)
        }
    }

    /// Cancels connections that are past their deadline; they close themselves.
    private func closeExpired() async throws {
        while true {
            try await Task.sleep(for: .milliseconds(250))
            slots.expire()
        }
    }

    // MARK: - One connection

    private func serve(_ client: AsyncSocket, id: Int) async {
        var reader = RequestHeadReader()
        var waitingForHead = true
        defer {
            slots.release(id)
            try? client.close()
        }
        do {
            while true {
                waitingForHead = true
                guard slots.enter(.waiting, id: id, timeout: limits.headTimeout) else { return }
                let head: RequestHead
                do {
                    guard let complete = try await readHead(from: client, into: &reader) else { return }
                    head = complete
                } catch let failure as RequestHeadReader.Failure {
                    waitingForHead = false
                    try await write(Self.errorResponse(failure.status), to: client, id: id, phase: .answering)
                    await linger(client, id: id)
                    return
                }
                waitingForHead = false
                reader = RequestHeadReader(pending: reader.rest)
                guard slots.enter(.answering, id: id, timeout: nil) else { return }

                switch handler(head) {
                case .eventStream(let events):
                    guard slots.startStream(id: id) else {
                        try await write(Self.errorResponse(503), to: client, id: id, phase: .answering)
                        return
                    }
                    try await stream(events, to: client, id: id, chunked: head.version == "HTTP/1.1")
                    return
                case .response(let response, let bodyless):
                    let close = !head.keepAlive || head.hasBody
                    try await write(Self.encode(response, bodyless: bodyless, close: close), to: client, id: id, phase: .answering)
                    if head.hasBody { await linger(client, id: id) }
                    if close { return }
                }
            }
        } catch {
            // Timed out, made room for a new connection, or the server stops. A client that sent
            // part of a request learns why it is cut off; an idle one is simply closed.
            if waitingForHead, reader.isPartial {
                _ = try? client.socket.write(Data(Self.errorResponse(408)))
            }
        }
    }

    /// The next head, or nil when the client closed the connection.
    private func readHead(from client: AsyncSocket, into reader: inout RequestHeadReader) async throws -> RequestHead? {
        if let head = try reader.next() { return head }
        while true {
            let bytes: [UInt8]
            do {
                bytes = try await client.read(atMost: 16 * 1024)
            } catch SocketError.disconnected {
                return nil
            }
            if let head = try reader.append(bytes) { return head }
        }
    }

    /// Writes in pieces of 64 KB, each with `writeTimeout` to leave.
    private func write(_ bytes: [UInt8], to client: AsyncSocket, id: Int, phase: ConnectionSlots.Phase) async throws {
        var start = 0
        while start < bytes.count {
            let end = min(start + 64 * 1024, bytes.count)
            guard slots.enter(phase, id: id, timeout: limits.writeTimeout) else { throw CancellationError() }
            try await client.write(Data(bytes[start..<end]))
            start = end
        }
        guard slots.enter(phase, id: id, timeout: nil) else { throw CancellationError() }
    }

    /// Server-sent events until the stream ends (shutdown) or the tab goes away.
    private func stream(_ events: AsyncStream<[UInt8]>, to client: AsyncSocket, id: Int, chunked: Bool) async throws {
        var head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\n"
        head += "X-Accel-Buffering: no\r\n"
        // Chunked for HTTP/1.1, one chunk per event; an HTTP/1.0 stream ends when the connection does.
        head += chunked ? "Transfer-Encoding: chunked\r\n\r\n" : "Connection: close\r\n\r\n"
        try await write(Array(head.utf8), to: client, id: id, phase: .streaming)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await message in events {
                    try await self.write(chunked ? Self.chunk(message) : message, to: client, id: id, phase: .streaming)
                }
                if chunked { try await self.write(Array("0\r\n\r\n".utf8), to: client, id: id, phase: .streaming) }
            }
            group.addTask {
                // The browser sends nothing more here; reading notices at once when it closes
                // the stream (a reload, a closed tab), instead of at the next event.
                while true { _ = try await client.read(atMost: 4096) }
            }
            try await group.next()
            group.cancelAll()
        }
    }

    /// Half-closes, then reads and drops what the client still sends, within `lingerTimeout`
    /// and `lingerBytes`.
    private func linger(_ client: AsyncSocket, id: Int) async {
        _ = shutdown(client.socket.file.rawValue, Int32(SHUT_WR))
        guard slots.enter(.closing, id: id, timeout: limits.lingerTimeout) else { return }
        var dropped = 0
        do {
            while dropped < limits.lingerBytes { dropped += try await client.read(atMost: 16 * 1024).count }
        } catch {}
    }

    /// For a connection that gets no slot: one write that never waits, then close.
    private func refuseNow(_ client: AsyncSocket, status: Int) {
        _ = try? client.socket.write(Data(Self.errorResponse(status)))
        try? client.close()
    }

    // MARK: - Encoding

    static func encode(_ response: DevResponse, bodyless: Bool, close: Bool) -> [UInt8] {
        var head = "HTTP/1.1 \(response.status) \(reason(response.status))\r\n"
        for (name, value) in response.headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(response.body.count)\r\n"
        if close { head += "Connection: close\r\n" }
        head += "\r\n"
        var bytes = Array(head.utf8)
        if !bodyless { bytes += response.body }
        return bytes
    }

    /// The answer when kb serve refuses a request or a connection; it always closes.
    static func errorResponse(_ status: Int) -> [UInt8] {
        let message: String
        var headers: [(name: String, value: String)] = [
            (name: "Content-Type", value: "text/plain; charset=utf-8"), (name: "Cache-Control", value: "no-store"),
        ]
        switch status {
        case 408: message = "Het verzoek kwam niet op tijd binnen.\n"
        case 414: message = "Het adres is te lang (meer dan 8 KB).\n"
        case 431: message = "De kopregels van het verzoek zijn te groot (samen meer dan 64 KB).\n"
        case 503:
            message = "kb serve heeft te veel verbindingen open; probeer het zo opnieuw.\n"
            headers.append((name: "Retry-After", value: "1"))
        case 505: message = "Alleen HTTP/1.0 en HTTP/1.1 worden ondersteund.\n"
        default: message = "Dit is geen geldig HTTP-verzoek.\n"
        }
        return encode(DevResponse(status: status, headers: headers, body: Array(message.utf8)), bodyless: false, close: true)
    }

    static func chunk(_ bytes: [UInt8]) -> [UInt8] {
        Array((String(bytes.count, radix: 16) + "\r\n").utf8) + bytes + Array("\r\n".utf8)
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 200: return "OK"
        case 302: return "Found"
        case 400: return "Bad Request"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 414: return "URI Too Long"
        case 431: return "Request Header Fields Too Large"
        case 503: return "Service Unavailable"
        case 505: return "HTTP Version Not Supported"
        default: return "Status \(status)"
        }
    }
}

/// Who holds which connection slot, in which phase, and until when it may stay in that phase.
/// Thread-safe: the accept loop, the connections and the time-out loop all use it.
final class ConnectionSlots: @unchecked Sendable {
    enum Phase {
        /// For a request head: a new connection, an idle keep-alive one, or a slow client.
        case waiting
        case answering
        /// An event stream, waiting for the next event.
        case streaming
        /// Dropping what a refused client still sends.
        case closing
    }

    private struct Slot {
        var task: Task<Void, Never>?
        var phase: Phase
        var since: ContinuousClock.Instant
        var deadline: ContinuousClock.Instant?
    }

    private let lock = NSLock()
    private var slots: [Int: Slot] = [:]
    private var lastID = 0
    private let capacity: Int
    private let streamCapacity: Int

    init(capacity: Int, streamCapacity: Int) {
        self.capacity = capacity
        self.streamCapacity = streamCapacity
    }

    /// A slot for a new connection, which has `timeout` for its first head. When all are taken,
    /// the connection that has waited longest for a head (or is closing) gives up its slot; nil
    /// when every slot is answering or streaming.
    func admit(timeout: Duration) -> Int? {
        let now = ContinuousClock.now
        var evicted: Task<Void, Never>?
        lock.lock()
        if slots.count >= capacity {
            let idle = slots.filter { $0.value.phase == .waiting || $0.value.phase == .closing }
            guard let oldest = idle.min(by: { $0.value.since < $1.value.since })?.key else {
                lock.unlock()
                return nil
            }
            evicted = slots.removeValue(forKey: oldest)?.task
        }
        lastID += 1
        let id = lastID
        slots[id] = Slot(task: nil, phase: .waiting, since: now, deadline: now + timeout)
        lock.unlock()
        evicted?.cancel()
        return id
    }

    /// The task serving `id`, so it can be cancelled; cancelled at once if the slot is gone.
    func attach(_ task: Task<Void, Never>, to id: Int) {
        lock.lock()
        let present = slots[id] != nil
        if present { slots[id]?.task = task }
        lock.unlock()
        if !present { task.cancel() }
    }

    /// Moves a connection into `phase` with `timeout` to finish it (nil: no limit). False when
    /// the connection has lost its slot and must close.
    func enter(_ phase: Phase, id: Int, timeout: Duration?) -> Bool {
        let now = ContinuousClock.now
        lock.lock()
        defer { lock.unlock() }
        guard var slot = slots[id] else { return false }
        if slot.phase != phase {
            slot.phase = phase
            slot.since = now
        }
        slot.deadline = timeout.map { now + $0 }
        slots[id] = slot
        return true
    }

    /// Makes a connection an event stream, unless `streamCapacity` of them are open already.
    func startStream(id: Int) -> Bool {
        let now = ContinuousClock.now
        lock.lock()
        defer { lock.unlock() }
        guard slots[id] != nil, slots.values.filter({ $0.phase == .streaming }).count < streamCapacity else { return false }
        slots[id]?.phase = .streaming
        slots[id]?.since = now
        slots[id]?.deadline = nil
        return true
    }

    func release(_ id: Int) {
        lock.lock()
        slots[id] = nil
        lock.unlock()
    }

    /// Cancels the connections past their deadline; their slots are free at once.
    func expire() {
        let now = ContinuousClock.now
        lock.lock()
        let expired = slots.filter { $0.value.deadline.map { $0 <= now } ?? false }
        for id in expired.keys { slots[id] = nil }
        lock.unlock()
        for slot in expired.values { slot.task?.cancel() }
    }

    /// Empties the table and returns every connection's task, to cancel and wait for.
    func removeAll() -> [Task<Void, Never>] {
        lock.lock()
        let all = slots.values.compactMap(\.task)
        slots = [:]
        lock.unlock()
        return all
    }
}
