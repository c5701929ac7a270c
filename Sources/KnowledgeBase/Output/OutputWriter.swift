import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// write(2), named apart from the writer's own `write`.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }

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

/// Writes a build into a staging folder beside the output as files are rendered, so a site
/// is never held in memory whole; `commit` makes it the output in one step, `discard` leaves
/// the output as it was. A clean build stages every file and swaps folders; a rebuild of a
/// folder kb wrote itself stages only files whose bytes changed and renames each into place.
final class OutputWriter: OutputSink, @unchecked Sendable {
    let output: URL
    let staging: URL
    private let previous: BuildState?
    private let lock = NSLock()
    private var stamps = OutputTable()
    private var changed: [String] = []

    /// `previous`: the state of the output folder as the last build left it, for an update in
    /// place; nil for a clean build that replaces the folder.
    init(output: URL, previous: BuildState?) throws {
        self.output = output.standardizedFileURL
        self.previous = previous
        let parent = self.output.deletingLastPathComponent()
        let pid = ProcessInfo.processInfo.processIdentifier
        staging = parent.appendingPathComponent(".\(self.output.lastPathComponent).kb-new-\(pid)")
        let fm = FileManager.default
        try? fm.removeItem(at: staging)
        do {
            try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotWrite(path: staging.path, reason: error.localizedDescription)
        }
    }

    var files: OutputTable { lock.withLock { stamps } }
    var changedCount: Int { lock.withLock { changed.count } }

    func emit(_ path: String, _ bytes: [UInt8]) throws { try emit(path, bytes, digest: 0) }

    func emit(_ path: String, _ bytes: [UInt8], digest: UInt64) throws {
        let stamp = BuildState.FileStamp(size: bytes.count, hash: BuildState.contentHash(bytes), digest: digest)
        lock.lock()
        stamps.set(path, stamp)
        let write = !stamp.sameBytes(previous?.outputs[path])
        if write { changed.append(path) }
        lock.unlock()
        guard write else { return }
        try Self.write(bytes, to: "\(staging.path)/\(path)", name: path)
    }

    var rebuilding: Bool { previous != nil }

    func keep(_ path: String, digest: UInt64) -> Bool {
        guard digest != 0, let stamp = previous?.outputs[path], stamp.digest == digest else { return false }
        lock.withLock { stamps.set(path, stamp) }
        return true
    }

    /// Plain open/write/close: Foundation's Data.write flushed every file to disk, which was
    /// most of the write time of a large site.
    /// A missing folder is made on the first file that needs it (any thread may get there
    /// first; creating it twice is harmless).
    static func write(_ bytes: [UInt8], to file: String, name: String) throws {
        var fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            let folder = (file as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw OutputError.cannotWrite(path: name, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in posixWrite(fd, raw.baseAddress! + offset, raw.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError.cannotWrite(path: name, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// Makes the staged build the output. Returns how many files were written.
    func commit() throws -> Int {
        let fm = FileManager.default
        if let previous {
            // Update in place: each changed file replaces its old version with one rename.
            for path in changed.sorted() {
                let target = output.appendingPathComponent(path)
                do {
                    try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                    guard rename("\(staging.path)/\(path)", target.path) == 0 else {
                        throw OutputError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
                    }
                } catch let error as OutputError {
                    throw error
                } catch {
                    throw OutputError.cannotWrite(path: path, reason: error.localizedDescription)
                }
            }
            for stale in previous.outputs.indexes(notIn: stamps).map(previous.outputs.path) {
                try? fm.removeItem(at: output.appendingPathComponent(stale))
                // A removed write-up leaves its page's folder empty: a clean build has none.
                var folder = (stale as NSString).deletingLastPathComponent
                while !folder.isEmpty, rmdir(output.appendingPathComponent(folder).path) == 0 {
                    folder = (folder as NSString).deletingLastPathComponent
                }
            }
            try? fm.removeItem(at: staging)
            return changed.count
        }
        let retired = output.deletingLastPathComponent().appendingPathComponent(
            ".\(output.lastPathComponent).kb-old-\(ProcessInfo.processInfo.processIdentifier)")
        try? fm.removeItem(at: retired)
        do {
            // Keep a .gitkeep the project put there, so the folder stays in git.
            if fm.fileExists(atPath: output.appendingPathComponent(".gitkeep").path) {
                _ = fm.createFile(atPath: staging.appendingPathComponent(".gitkeep").path, contents: Data())
            }
            if fm.fileExists(atPath: output.path) {
                try fm.moveItem(at: output, to: retired)
            }
            try fm.moveItem(at: staging, to: output)
        } catch {
            discard()
            if !fm.fileExists(atPath: output.path), fm.fileExists(atPath: retired.path) {
                try? fm.moveItem(at: retired, to: output)
            }
            throw OutputError.cannotWrite(path: output.path, reason: "\(error)")
        }
        // Deleting the old site can take a while; it is no longer anyone's output.
        try? fm.removeItem(at: retired)
        return changed.count
    }

    func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
