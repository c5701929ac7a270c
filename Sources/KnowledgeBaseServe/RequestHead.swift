import Foundation

/// The request line and header fields of one HTTP/1.x request.
struct RequestHead: Sendable, Equatable {
    var method: String
    var target: String
    /// "HTTP/1.0" or "HTTP/1.1".
    var version: String
    var headers: [Field]

    struct Field: Sendable, Equatable {
        var name: String
        var value: String
    }

    /// The first field named `name`, compared without case.
    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// HTTP/1.1 keeps the connection open unless the client says otherwise; kb serve closes
    /// HTTP/1.0 connections after one answer, which every 1.0 client understands.
    var keepAlive: Bool {
        guard version == "HTTP/1.1" else { return false }
        let tokens = (header("Connection") ?? "").lowercased().split(separator: ",")
        return !tokens.contains { $0.trimmingCharacters(in: .whitespaces) == "close" }
    }

    /// A body follows the head. kb serve never reads one, so such a connection is closed after
    /// the answer instead of mistaking the body for the next request.
    var hasBody: Bool {
        if header("Transfer-Encoding") != nil { return true }
        guard let length = header("Content-Length") else { return false }
        return length.trimmingCharacters(in: .whitespaces) != "0"
    }

    /// The path of the target without its query, percent-decoded.
    var path: String {
        let raw = target.prefix { $0 != "?" && $0 != "#" }
        return raw.removingPercentEncoding ?? String(raw)
    }
}

/// Reads a request head from bytes as they arrive, with hard limits.
///
/// Every byte is looked at once: a read only scans what is new, and each line is parsed once,
/// when its line end arrives. The limits are checked on every read, also in the middle of a line,
/// so an oversized head is refused after at most `maxRequestLine` or `maxHeaderBytes` bytes
/// (plus one read) instead of after all of it has arrived.
struct RequestHeadReader {
    /// The longest request line accepted ("GET /... HTTP/1.1" without its line end).
    static let maxRequestLine = 8 * 1024
    /// The most bytes of header fields accepted, line ends included.
    static let maxHeaderBytes = 64 * 1024

    enum Failure: Error, Equatable {
        /// 414: the request line is longer than `maxRequestLine`.
        case requestLineTooLong
        /// 431: the header fields together are larger than `maxHeaderBytes`.
        case headersTooLarge
        /// 400: not an HTTP request.
        case malformed
        /// 505: an HTTP version other than 1.0 or 1.1.
        case unsupportedVersion

        var status: Int {
            switch self {
            case .requestLineTooLong: return 414
            case .headersTooLarge: return 431
            case .malformed: return 400
            case .unsupportedVersion: return 505
            }
        }
    }

    private var buffer: [UInt8]
    /// Where the line being read starts.
    private var lineStart = 0
    /// Everything before this has been searched for a line end.
    private var scanned = 0
    /// Empty lines before the request line, which RFC 9112 §2.2 says to ignore.
    private var skipped = 0
    private var requestLine: (method: String, target: String, version: String)?
    private var fields: [RequestHead.Field] = []
    private var fieldBytes = 0

    /// `pending`: bytes that came after the previous head on the same connection.
    init(pending: [UInt8] = []) {
        buffer = pending
    }

    /// Some of a head has arrived but not all of it.
    var isPartial: Bool { !buffer.isEmpty }

    /// Bytes received after the head that `next` returned: the start of the next request.
    var rest: [UInt8] { Array(buffer[lineStart...]) }

    /// Adds bytes and returns the head as soon as the empty line that ends it has arrived.
    mutating func append(_ bytes: [UInt8]) throws -> RequestHead? {
        buffer += bytes
        return try next()
    }

    /// The head, if the bytes so far complete one.
    mutating func next() throws -> RequestHead? {
        while let newline = buffer[scanned...].firstIndex(of: UInt8(ascii: "\n")) {
            var end = newline
            if end > lineStart, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let line = buffer[lineStart..<end]
            let length = newline + 1 - lineStart
            lineStart = newline + 1
            scanned = lineStart

            guard let request = requestLine else {
                if line.isEmpty {
                    skipped += length
                    if skipped > Self.maxRequestLine { throw Failure.malformed }
                    continue
                }
                guard line.count <= Self.maxRequestLine else { throw Failure.requestLineTooLong }
                requestLine = try Self.parseRequestLine(line)
                continue
            }
            if line.isEmpty {
                return RequestHead(method: request.method, target: request.target, version: request.version, headers: fields)
            }
            fieldBytes += length
            guard fieldBytes <= Self.maxHeaderBytes else { throw Failure.headersTooLarge }
            fields.append(try Self.parseField(line))
        }
        scanned = buffer.count
        let partial = buffer.count - lineStart
        if requestLine == nil {
            if partial > Self.maxRequestLine { throw Failure.requestLineTooLong }
        } else if fieldBytes + partial > Self.maxHeaderBytes {
            throw Failure.headersTooLarge
        }
        return nil
    }

    /// `METHOD SP target SP HTTP/1.x`, single spaces as RFC 9112 §3 has them.
    private static func parseRequestLine(_ line: ArraySlice<UInt8>) throws -> (method: String, target: String, version: String) {
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, parts[0].allSatisfy(isTokenByte), !parts[1].isEmpty,
            parts[1].allSatisfy({ $0 > 0x20 && $0 != 0x7F })
        else { throw Failure.malformed }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.hasPrefix("HTTP/"), version.count == 8 else { throw Failure.malformed }
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { throw Failure.unsupportedVersion }
        return (String(decoding: parts[0], as: UTF8.self), String(decoding: parts[1], as: UTF8.self), version)
    }

    /// `name: value`; whitespace before the colon and folded lines are refused (RFC 9112 §5).
    private static func parseField(_ line: ArraySlice<UInt8>) throws -> RequestHead.Field {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
            line[..<colon].allSatisfy(isTokenByte)
        else { throw Failure.malformed }
        var value = line[(colon + 1)...]
        while let first = value.first, first == 0x20 || first == 0x09 { value.removeFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value.removeLast() }
        return RequestHead.Field(name: String(decoding: line[..<colon], as: UTF8.self), value: String(decoding: value, as: UTF8.self))
    }

    /// RFC 9110 §5.6.2 token characters.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case 0x21, 0x23...0x27, 0x2A, 0x2B, 0x2D, 0x2E, 0x5E...0x60, 0x7C, 0x7E:  // !#$%&'*+-.^_`|~
            return true
        default:
            return false
        }
    }
}
