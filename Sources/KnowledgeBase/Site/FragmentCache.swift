import Foundation

/// Pieces the renderer makes from one write-up (and its related ones): its card, its object in
/// the JSON API, its CSV row. Every list page and the data API need all of them, so a rebuild
/// takes unchanged pieces from here instead of making 10,000 again. Each piece is stored with
/// the digest of its inputs (`CheckedSite.digest`) and used only when that digest matches; the
/// file's key is the digest of the site-wide inputs (kb, templates, kb.yml, reference data).
///
/// Cards and the data API's pieces live in two files, each read when its first piece is asked
/// for: a body edit renders a few pages (a few cards) and no data file, and should not read
/// the 40 MB of API objects.
final class FragmentCache: @unchecked Sendable {
    static let formatVersion = 2

    /// A piece and the digest of its inputs: in the file's bytes (`range`), or made this build.
    struct Entry {
        var digest: UInt64
        var range: Range<Int> = 0..<0
        var made: [UInt8]? = nil
    }

    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    /// The file as read; pieces are copied out only when asked for.
    private var file: [UInt8] = []
    /// Made this build (to append).
    private var fresh: [String] = []
    private let key: UInt64
    private var records = -1
    private let url: URL
    private var loaded = false
    /// Without a usable file, pieces go straight into a new one as they are made instead of
    /// being held until the end (a clean build of 10,000 write-ups makes 30,000).
    private var stream: CacheLogWriter?

    /// `name`: "fragments" for cards, "data" for the data API's pieces.
    static func location(siteDirectory: URL, name: String) -> URL {
        CacheFolder.file(siteDirectory: siteDirectory, "\(name).cache")
    }

    /// The cache at `url` if it was written with `key`, else an empty one that will replace it.
    init(url: URL, key: UInt64) {
        self.url = url
        self.key = key
    }

    /// Reads the file; called under the lock by the first request.
    private func load() {
        loaded = true
        let read = CacheLog.readInPlace(url, magic: Self.magic, version: Self.formatVersion, key: key) { r, record in
            let name = try r.string()
            let digest = try r.uint64()
            let count = try r.count()
            let start = record.lowerBound + r.offset
            try r.skip(count)
            return (name, Entry(digest: digest, range: start..<start + count))
        }
        entries.reserveCapacity(read?.values.count ?? 0)
        for (name, entry) in read?.values ?? [] { entries[name] = entry }
        file = read?.bytes ?? []
        records = read?.values.count ?? -1
        stream = read == nil ? CacheLogWriter(url, magic: Self.magic, version: Self.formatVersion, key: key, append: false) : nil
    }

    private func bytes(of entry: Entry) -> [UInt8] { entry.made ?? Array(file[entry.range]) }

    private static let magic = "kb-fragments"

    private static func encode(_ name: String, digest: UInt64, bytes: [UInt8], into w: inout BinaryWriter) {
        w.string(name)
        w.uint64(digest)
        w.byteArray(bytes)
    }

    /// The piece `name` made from inputs with `digest`: from the cache, or made now and kept.
    func bytes(_ name: String, digest: UInt64, make: () -> [UInt8]) -> [UInt8] {
        guard digest != 0 else { return make() }
        lock.lock()
        if !loaded { load() }
        if let entry = entries[name], entry.digest == digest {
            lock.unlock()
            return bytes(of: entry)
        }
        lock.unlock()
        let bytes = make()
        if let stream = lock.withLock({ stream }) {
            stream.add { Self.encode(name, digest: digest, bytes: bytes, into: &$0) }
            return bytes
        }
        lock.withLock {
            entries[name] = Entry(digest: digest, made: bytes)
            fresh.append(name)
        }
        return bytes
    }

    /// Keeps nothing of this build (it failed).
    func discard() { lock.withLock { stream }?.abandon() }

    /// Finishes the new file, or appends what was made this build, or writes the newest piece
    /// of each name anew when most of the file is superseded. Not only the pieces used this
    /// build: a rebuild makes cards only for the pages it renders, and the others are needed
    /// again as soon as a list changes. (Pieces of removed write-ups stay until the next
    /// clean build; they are never used, as nothing asks for their names.)
    func save() {
        lock.lock()
        defer { lock.unlock() }
        guard loaded else { return }  // nothing asked for, nothing made
        if let stream { return stream.finish() }
        let append = records + fresh.count <= 2 * entries.count + 16
        if append && fresh.isEmpty { return }
        let names = append ? fresh.sorted() : entries.keys.sorted()
        guard let writer = CacheLogWriter(url, magic: Self.magic, version: Self.formatVersion, key: key, append: append) else { return }
        for name in names {
            if let entry = entries[name] { writer.add { Self.encode(name, digest: entry.digest, bytes: bytes(of: entry), into: &$0) } }
        }
        writer.finish()
    }
}
