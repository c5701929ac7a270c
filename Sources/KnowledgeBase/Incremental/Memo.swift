import Foundation

/// The one incremental layer: results of kb's expensive functions kept between builds, each
/// under a name with the digest of the inputs it was computed from (the idea of Salsa queries
/// or Bazel actions). A stage asks `table.value(name, inputs: digest) { compute }` and gets the
/// same value either way; it never reads or writes a cache file itself.
///
/// One `Memo` per build owns every table and so `.kb-cache`'s `*.cache` files (see
/// `CacheFolder`): their format version, key, checksums, and when a file is appended to or
/// written anew. Without the cache (`--no-cache`, an unusable cache folder) every lookup misses
/// and nothing is written.
struct Memo: Sendable {
    /// The cache folder, nil when the cache is off.
    let folder: URL?

    init(siteDirectory: URL, enabled: Bool) {
        folder = enabled ? CacheFolder.url(siteDirectory: siteDirectory) : nil
    }

    static let off = Memo()
    private init() { folder = nil }

    /// The table kept in `.kb-cache/<file>.cache`. `scope` is what every entry depends on
    /// besides its own inputs (e.g. kb.yml and the reference data); a file of another scope,
    /// another format `version` or another kb binary is not read, and is replaced when the
    /// table is saved.
    func table<Value>(
        _ file: String, version: Int, scope: UInt64, keep retention: MemoRetention = .used, codec: MemoCodec<Value>
    ) -> MemoTable<Value> {
        let key = Hash.content("\(file) v\(version) \(scope) \(FileWalker.executableStamp())")
        return MemoTable(
            url: folder?.appendingPathComponent("\(file).cache"), magic: "kb-memo-\(file)", version: version, key: key, retention: retention,
            codec: codec)
    }
}

/// Which values a table keeps when it writes its file anew.
enum MemoRetention: Sendable {
    /// Only those asked for or recorded this build: names come and go (write-ups, blocks of
    /// search documents), and what this build did not need is dead.
    case used
    /// Every name it has seen: a rebuild asks only for what it renders, and the rest is
    /// needed again as soon as something else changes (cards, data-API pieces). Entries of
    /// names that are gone stay until the scope changes.
    case all
}

/// How a table's values are stored. `decode` reads the value's bytes with a reader over
/// `slice`, the same bytes as a slice sharing the file's storage: a value can keep a run of
/// them without copying (`slice[slice.startIndex + r.offset...]`). It must read to the end.
struct MemoCodec<Value>: Sendable {
    var encode: @Sendable (Value, inout BinaryWriter) -> Void
    var decode: @Sendable (inout BinaryReader, _ slice: ArraySlice<UInt8>) throws -> Value

    func decode(_ slice: ArraySlice<UInt8>) throws -> Value {
        try slice.withUnsafeBufferPointer { buffer in
            var r = BinaryReader(buffer)
            let value = try decode(&r, slice)
            guard r.atEnd else { throw BinaryReader.Malformed() }
            return value
        }
    }
}

extension MemoCodec where Value == [UInt8] {
    /// Bytes as they are (rendered pieces of pages and data files).
    static var bytes: MemoCodec<[UInt8]> {
        MemoCodec(
            encode: { value, w in w.bytes += value },
            decode: { r, slice in
                try r.skip(slice.count)
                return Array(slice)
            })
    }
}

/// One memoised function's results: per name, the digest of the inputs and the value. The
/// file is read on the first lookup (a rebuild that asks nothing of a table never reads it) and
/// values are decoded only when asked for. Safe to use from several threads.
///
/// Saving: without a usable file, values go to a new file as they are recorded (a clean build
/// of 10,000 write-ups records 40,000 and should not hold them); otherwise the values recorded
/// this build are appended, or the newest value of every name is written anew when most of the
/// file is superseded (which values: see `MemoRetention`).
final class MemoTable<Value>: @unchecked Sendable {
    private struct Entry {
        var inputs: UInt64
        /// The value's bytes in `file`, or the value recorded this build.
        var stored: Range<Int> = 0..<0
        var made: Value? = nil
    }

    private let url: URL?
    private let magic: String
    private let version: Int
    private let key: UInt64
    private let codec: MemoCodec<Value>
    private let lock = NSLock()
    private var loaded = false
    private var file: [UInt8] = []
    private var entries: [String: Entry] = [:]
    private var fresh: [String] = []
    private let retention: MemoRetention
    private var used: Set<String> = []
    /// Records in the file, superseded ones included (-1: no usable file).
    private var records = -1
    private var stream: CacheLogWriter?

    fileprivate init(url: URL?, magic: String, version: Int, key: UInt64, retention: MemoRetention, codec: MemoCodec<Value>) {
        self.url = url
        self.retention = retention
        self.magic = magic
        self.version = version
        self.key = key
        self.codec = codec
    }

    /// The value recorded for `name` with these inputs, if any. `inputs` 0 means unknown: never
    /// found.
    func lookup(_ name: String, inputs: UInt64) -> Value? {
        guard inputs != 0, url != nil else { return nil }
        lock.lock()
        if !loaded { load() }
        guard let entry = entries[name], entry.inputs == inputs else {
            lock.unlock()
            return nil
        }
        if retention == .used { used.insert(name) }
        lock.unlock()
        if let made = entry.made { return made }
        return try? codec.decode(file[entry.stored])
    }

    /// Keeps `value` as the result of `name` for these inputs.
    func record(_ name: String, inputs: UInt64, _ value: Value) {
        guard inputs != 0, url != nil else { return }
        lock.lock()
        defer { lock.unlock() }
        if !loaded { load() }
        if let stream {
            stream.add { Self.encode(name, inputs, value, codec, into: &$0) }
        } else {
            if entries[name]?.made == nil { fresh.append(name) }
            entries[name] = Entry(inputs: inputs, made: value)
            if retention == .used { used.insert(name) }
        }
    }

    /// The memoised function: the recorded value for these inputs, else `compute()` recorded.
    func value(_ name: String, inputs: UInt64, _ compute: () -> Value) -> Value {
        if let found = lookup(name, inputs: inputs) { return found }
        let value = compute()
        record(name, inputs: inputs, value)
        return value
    }

    /// The file this table reads and writes (nil: the cache is off).
    var fileURL: URL? { url }

    /// How many records the file holds, superseded ones included; -1 when it is missing,
    /// damaged or of another scope. For tests and `--verbose`.
    func storedRecords() -> Int {
        lock.withLock {
            if !loaded { load() }
            return records
        }
    }

    /// Writes what this build recorded (see the type's comment).
    func save() {
        lock.lock()
        defer { lock.unlock() }
        guard loaded, let url else { return }  // nothing asked, nothing recorded
        if let stream { return stream.finish() }
        let live = retention == .all ? Set(entries.keys) : used
        let append = records >= 0 && records + fresh.count <= 2 * live.count + 16
        if append && fresh.isEmpty { return }
        let names = append ? fresh : live.sorted()
        guard let writer = CacheLogWriter(url, magic: magic, version: version, key: key, append: append) else { return }
        for name in names {
            guard let entry = entries[name] else { continue }
            writer.add { w in
                if let made = entry.made {
                    Self.encode(name, entry.inputs, made, codec, into: &w)
                } else {
                    w.string(name)
                    w.uint64(entry.inputs)
                    w.bytes += file[entry.stored]
                }
            }
        }
        writer.finish()
    }

    /// Keeps nothing of this build (it failed).
    func discard() {
        lock.withLock {
            stream?.abandon()
            stream = nil
            fresh = []
        }
    }

    private static func encode(_ name: String, _ inputs: UInt64, _ value: Value, _ codec: MemoCodec<Value>, into w: inout BinaryWriter) {
        w.string(name)
        w.uint64(inputs)
        codec.encode(value, &w)
    }

    /// Reads the file's names and input digests; called under the lock by the first request.
    private func load() {
        loaded = true
        guard let url else { return }
        let read = CacheLog.readInPlace(url, magic: magic, version: version, key: key) { r, record in
            let name = try r.string()
            let inputs = try r.uint64()
            let start = record.lowerBound + r.offset
            try r.skip(record.count - r.offset)
            return (name, Entry(inputs: inputs, stored: start..<record.upperBound))
        }
        guard let read else {
            stream = CacheLogWriter(url, magic: magic, version: version, key: key, append: false)
            return
        }
        file = read.bytes
        entries.reserveCapacity(read.values.count)
        for (name, entry) in read.values { entries[name] = entry }
        records = read.values.count
    }
}

extension MemoTable where Value == [UInt8] {
    /// The piece `name` made from inputs with `digest`: recorded, or made now and recorded.
    func bytes(_ name: String, digest: UInt64, make: () -> [UInt8]) -> [UInt8] {
        value(name, inputs: digest, make)
    }
}

/// How a result is keyed: a digest of the inputs it is computed from, mixed in order. 0 stands
/// for "unknown" (recompute, keep nothing), so a digest that comes out 0 is made 1.
struct InputDigest {
    private var hash: UInt64

    init(_ kind: String, scope: UInt64 = 0) { hash = Hash.content(kind) ^ scope }

    mutating func add(_ word: UInt64) { hash = (hash ^ word) &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019 }

    mutating func add(_ text: String) { add(Hash.content(text)) }

    var value: UInt64 {
        let mixed = hash ^ (hash >> 31)
        return mixed == 0 ? 1 : mixed
    }
}
