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
    /// Made this build (to append) and used this build (to keep when the file is rewritten).
    private var fresh: [String] = []
    private var used: Set<String> = []
    private let key: UInt64
    private let records: Int
    private let url: URL

    static func location(siteDirectory: URL) -> URL {
        siteDirectory.appendingPathComponent(".kb-cache").appendingPathComponent("fragments.cache")
    }

    /// The cache at `url` if it was written with `key`, else an empty one that will replace it.
    init(url: URL, key: UInt64) {
        self.url = url
        self.key = key
        let records = CacheLog.read(url, magic: "kb-fragments", version: Self.formatVersion, key: key) { r in
            (try r.string(), Entry(digest: try r.uint64(), bytes: try r.byteArray()))
        }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(records?.count ?? 0)
        for (name, entry) in records ?? [] { entries[name] = entry }
        self.entries = entries
        self.records = records?.count ?? -1
    }

    /// The piece `name` made from inputs with `digest`: from the cache, or made now and kept.
    func bytes(_ name: String, digest: UInt64, make: () -> [UInt8]) -> [UInt8] {
        guard digest != 0 else { return make() }
        lock.lock()
        if let entry = entries[name], entry.digest == digest {
            used.insert(name)
            lock.unlock()
            return entry.bytes
        }
        lock.unlock()
        let bytes = make()
        lock.withLock {
            entries[name] = Entry(digest: digest, bytes: bytes)
            fresh.append(name)
            used.insert(name)
        }
        return bytes
    }

    /// Appends what was made this build, or writes the pieces used this build anew when the
    /// file is new, was written for other site-wide inputs, or is mostly superseded.
    func save() {
        lock.lock()
        defer { lock.unlock() }
        let append = records >= 0 && records + fresh.count <= 2 * used.count + 16
        if append && fresh.isEmpty { return }
        let names = append ? fresh.sorted() : used.sorted()
        let entries = self.entries
        CacheLog.write(url, magic: "kb-fragments", version: Self.formatVersion, key: key, append: append, count: names.count) { index, w in
            guard let entry = entries[names[index]] else { return }
            w.string(names[index])
            w.uint64(entry.digest)
            w.byteArray(entry.bytes)
        }
    }
}
