import Foundation

/// One generated file: a path relative to the output folder and its bytes.
public struct OutputFile: Sendable {
    public var path: String
    public var bytes: [UInt8]

    public init(path: String, bytes: [UInt8]) {
        self.path = path
        self.bytes = bytes
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}

public enum OutputError: Error, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): return "\(path): error: kan niet schrijven: \(reason)"
        }
    }
}

/// Where the renderer hands each file as soon as it is made. Called from several threads.
protocol OutputSink: AnyObject, Sendable {
    func emit(_ path: String, _ bytes: [UInt8]) throws
    /// `digest`: hash of everything the file was rendered from (see `keep`).
    func emit(_ path: String, _ bytes: [UInt8], digest: UInt64) throws
    /// True when the output already holds `path` rendered from inputs with this digest; the
    /// file is then part of this build as it is, and need not be rendered.
    func keep(_ path: String, digest: UInt64) -> Bool
    /// True when earlier output may be kept, so most files are usually not rendered.
    var rebuilding: Bool { get }
}

extension OutputSink {
    func emit(_ path: String, _ bytes: [UInt8], digest: UInt64) throws { try emit(path, bytes) }
    func keep(_ path: String, digest: UInt64) -> Bool { false }
    var rebuilding: Bool { false }
}

/// Keeps files in memory: `kb serve` serves them from there.
final class MemorySink: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var files: [OutputFile] = []

    func emit(_ path: String, _ bytes: [UInt8]) {
        lock.lock()
        files.append(OutputFile(path: path, bytes: bytes))
        lock.unlock()
    }

    /// In a fixed order, whatever order the threads finished in.
    var sorted: [OutputFile] { lock.withLock { files.sorted { $0.path < $1.path } } }
}
