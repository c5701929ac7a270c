import Foundation
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The file form of kb's caches: a header (magic, version, key) and length-prefixed records
/// with a checksum each, decoded on all cores. A rebuild appends records (later ones win) and rewrites the file when
/// the key changed or most records are superseded. Anything malformed makes the whole file
/// count as absent: a cache that can go stale is worse than none.
enum CacheLog {
    static func read<T>(_ url: URL, magic: String, version: Int, key: UInt64, _ decode: (inout BinaryReader) throws -> T) -> [T]? {
        readInPlace(url, magic: magic, version: version, key: key) { r, _ in try decode(&r) }?.values
    }

    /// As `read`, also telling `decode` where its record lies in the file, whose bytes come
    /// back too: values can refer to their bytes there instead of copying them out.
    static func readInPlace<T>(
        _ url: URL, magic: String, version: Int, key: UInt64, _ decode: (inout BinaryReader, Range<Int>) throws -> T
    ) -> (bytes: [UInt8], values: [T])? {
        guard let bytes = readFile(url.path) else { return nil }
        let values = bytes.withUnsafeBufferPointer { buffer -> [T]? in
            var r = BinaryReader(buffer)
            var ranges: [Range<Int>] = []
            do {
                guard try r.string() == magic, try r.int() == version, try r.uint64() == key else { return nil }
                while !r.atEnd {
                    let length = try r.count()
                    ranges.append(r.offset..<r.offset + length)
                    try r.skip(length)
                    _ = try r.uint64()
                }
            } catch {
                return nil
            }
            let decoded = concurrentMap(ranges.count) { index -> T? in
                let record = UnsafeBufferPointer(rebasing: buffer[ranges[index]])
                // Each record carries a checksum: a flipped byte inside a string would
                // otherwise decode fine and end up on a page.
                var sum = BinaryReader(UnsafeBufferPointer(rebasing: buffer[ranges[index].upperBound...]))
                guard let stored = try? sum.uint64(), stored == Hash.content(UnsafeRawBufferPointer(record)) else { return nil }
                var r = BinaryReader(record)
                guard let value = try? decode(&r, ranges[index]), r.atEnd else { return nil }
                return value
            }
            var out: [T] = []
            out.reserveCapacity(decoded.count)
            for value in decoded {
                guard let value else { return nil }
                out.append(value)
            }
            return out
        }
        return values.map { (bytes, $0) }
    }

    /// Writes `count` records made by `encode` (see `CacheLogWriter`).
    static func write(
        _ url: URL, magic: String, version: Int, key: UInt64, append: Bool, count: Int, _ encode: (Int, inout BinaryWriter) -> Void
    ) {
        guard let writer = CacheLogWriter(url, magic: magic, version: version, key: key, append: append) else { return }
        for index in 0..<count { writer.add { encode(index, &$0) } }
        writer.finish()
    }

    /// The whole file, or nil.
    static func readFile(_ path: String) -> [UInt8]? {
        guard case .bytes(let bytes, _) = FileIO.read(path) else { return nil }
        return bytes
    }
}

/// Writes a cache file record by record. A new file streams through a small buffer into a
/// temporary file that is renamed over the old one at the end (a reader never sees half of it,
/// and a cache of 10,000 write-ups is never in memory twice). Appended records are written
/// with one write at the end, so two builds at once cannot interleave. Any failure leaves the
/// old file or none.
final class CacheLogWriter: @unchecked Sendable {
    private let url: URL
    private let append: Bool
    private let temporary: String
    private var fd: Int32
    private var buffer = BinaryWriter(capacity: 1 << 20)
    private var record = BinaryWriter(capacity: 16_384)
    private var failed = false
    private let lock = NSLock()

    init?(_ url: URL, magic: String, version: Int, key: UInt64, append: Bool) {
        self.url = url
        self.append = append
        let folder = url.deletingLastPathComponent()
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)").path
        if append {
            fd = open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
        } else {
            fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            buffer.string(magic)
            buffer.int(version)
            buffer.uint64(key)
        }
        guard fd >= 0 else { return nil }
    }

    /// One record; may be called from several threads.
    func add(_ encode: (inout BinaryWriter) -> Void) {
        lock.lock()
        defer { lock.unlock() }
        record.bytes.removeAll(keepingCapacity: true)
        encode(&record)
        buffer.int(record.bytes.count)
        buffer.bytes += record.bytes
        buffer.uint64(record.bytes.withUnsafeBytes { Hash.content($0) })
        if !append && buffer.bytes.count >= 1 << 20 { flush() }
    }

    private func flush() {
        var offset = 0
        while offset < buffer.bytes.count && !failed {
            let written = buffer.bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 || (append && written != buffer.bytes.count) { failed = true }
            offset += max(0, written)
        }
        buffer.bytes.removeAll(keepingCapacity: true)
    }

    /// Leaves the old file as it was (a build that failed).
    func abandon() {
        lock.withLock {
            close(fd)
            if !append { unlink(temporary) }
        }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        flush()
        close(fd)
        if append { return }
        if failed || rename(temporary, url.path) != 0 { unlink(temporary) }
    }
}
