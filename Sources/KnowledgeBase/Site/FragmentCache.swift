import Foundation

/// Pieces the renderer makes from one write-up (and its related ones): its card, its object in
/// the JSON API, its CSV row. Every list page and the data API need all of them, so a rebuild
/// takes unchanged pieces from here instead of making 10,000 again. Each piece is stored with
/// the digest of its inputs (`CheckedSite.digest`) and used only when that digest matches; the
/// file's key is the digest of the site-wide inputs (kb, templates, kb.yml, reference data).
final class FragmentCache: @unchecked Sendable {
    static let formatVersion = 1

    struct Entry {
        var digest: UInt64
        var bytes: [UInt8]
    }

    private let lock = NSLock()
    private var entries: [String: Entry]
    /// Made this build (to append).
    private var fresh: [String] = []
    private let key: UInt64
    private let records: Int
    private let url: URL
    /// Without a usable file, pieces go straight into a new one as they are made instead of
    /// being held until the end (a clean build of 10,000 write-ups makes 30,000).
    private let stream: CacheLogWriter?

    static func location(siteDirectory: URL) -> URL {
        siteDirectory.appendingPathComponent(".kb-cache").appendingPathComponent("fragments.cache")
    }

    /// The cache at `url` if it was written with `key`, else an empty one that will replace it.
    init(url: URL, key: UInt64) {
        self.url = url
        self.key = key
        let records = CacheLog.read(url, magic: Self.magic, version: Self.formatVersion, key: key) { r in
            (try r.string(), Entry(digest: try r.uint64(), bytes: try r.byteArray()))
        }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(records?.count ?? 0)
        for (name, entry) in records ?? [] { entries[name] = entry }
        self.entries = entries
        self.records = records?.count ?? -1
        stream = records == nil ? CacheLogWriter(url, magic: Self.magic, version: Self.formatVersion, key: key, append: false) : nil
    }

    private static let magic = "kb-fragments"

    private static func encode(_ name: String, _ entry: Entry, into w: inout BinaryWriter) {
        w.string(name)
        w.uint64(entry.digest)
        w.byteArray(entry.bytes)
    }

    /// The piece `name` made from inputs with `digest`: from the cache, or made now and kept.
    func bytes(_ name: String, digest: UInt64, make: () -> [UInt8]) -> [UInt8] {
        guard digest != 0 else { return make() }
        lock.lock()
        if let entry = entries[name], entry.digest == digest {
            lock.unlock()
            return entry.bytes
        }
        lock.unlock()
        let bytes = make()
        if let stream {
            stream.add { Self.encode(name, Entry(digest: digest, bytes: bytes), into: &$0) }
            return bytes
        }
        lock.withLock {
            entries[name] = Entry(digest: digest, bytes: bytes)
            fresh.append(name)
        }
        return bytes
    }

    /// Keeps nothing of this build (it failed).
    func discard() { stream?.abandon() }

    /// Finishes the new file, or appends what was made this build, or writes the newest piece
    /// of each name anew when most of the file is superseded. Not only the pieces used this
    /// build: a rebuild makes cards only for the pages it renders, and the others are needed
    /// again as soon as a list changes. (Pieces of removed write-ups stay until the next
    /// clean build; they are never used, as nothing asks for their names.)
    func save() {
        if let stream { return stream.finish() }
        lock.lock()
        defer { lock.unlock() }
        let append = records + fresh.count <= 2 * entries.count + 16
        if append && fresh.isEmpty { return }
        let names = append ? fresh.sorted() : entries.keys.sorted()
        guard let writer = CacheLogWriter(url, magic: Self.magic, version: Self.formatVersion, key: key, append: append) else { return }
        for name in names { if let entry = entries[name] { writer.add { Self.encode(name, entry, into: &$0) } } }
        writer.finish()
    }
}
