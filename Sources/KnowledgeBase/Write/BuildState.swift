import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the last successful build of a site produced, kept in SITE/.kb-cache/ so the next
/// build can skip work. It only ever *skips*: every build still runs the whole pipeline unless
/// every input is provably the same, so the output is always what a clean build writes.
struct BuildState: Sendable {
    static let formatVersion = 6

    /// Fingerprint of every input: kb itself, options, kb.yml, reference data, templates and
    /// the content files' names, sizes and modification times.
    var inputs: String
    /// Output file → (size, hash of its bytes, digest), as written by the last build.
    var outputs: OutputTable
    /// The same for the build before it: what the spare tree holds after the swap (see
    /// OutputFolder). Nil when unknown.
    var previousOutputs: OutputTable?

    struct FileStamp: Equatable, Sendable {
        var size: Int
        var hash: UInt64
        /// Hash of everything the file was rendered from, when the renderer knows it (0 when
        /// not): a rebuild that computes the same digest keeps the file without rendering it.
        var digest: UInt64 = 0

        func sameBytes(_ other: FileStamp?) -> Bool { other.map { $0.size == size && $0.hash == hash } ?? false }
    }

    static func location(siteDirectory: URL, output: URL) -> URL {
        let name = "build-\(String(Hash.content(output.standardizedFileURL.path), radix: 16)).state"
        return CacheFolder.file(siteDirectory: siteDirectory, name)
    }

    /// A header, the inputs, then per tree a line "= count" and a line per output file,
    /// "hash size digest path", read in place into an `OutputTable` (no String or Dictionary
    /// entry per file: those were most of loading 21,000 lines).
    static func load(from url: URL) -> BuildState? {
        guard let bytes = CacheLog.readFile(url.path) else { return nil }
        var tables: [[OutputTable.Entry]] = []
        let inputs = bytes.withUnsafeBufferPointer { b -> String? in
            var at = 0
            func line() -> Range<Int>? {
                guard at < b.count else { return nil }
                let start = at
                while at < b.count && b[at] != 10 { at += 1 }
                // A line without its newline is a file cut short.
                guard at < b.count else { return nil }
                defer { at += 1 }
                return start..<at
            }
            func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self) }
            guard let header = line(), text(header) == "kb-build-state \(formatVersion)", let inputs = line() else { return nil }
            while let section = line() {
                let heading = text(section)
                guard heading.hasPrefix("= "), let count = Int(heading.dropFirst(2)), count >= 0, count <= b.count else { return nil }
                var entries: [OutputTable.Entry] = []
                entries.reserveCapacity(count)
                for _ in 0..<count {
                    guard let range = line(), let entry = entry(b, range) else { return nil }
                    entries.append(entry)
                }
                tables.append(entries)
            }
            return text(inputs)
        }
        guard let inputs, (1...2).contains(tables.count), let table = OutputTable(paths: bytes, entries: tables[0]) else { return nil }
        var previous: OutputTable?
        if tables.count == 2 {
            guard let second = OutputTable(paths: bytes, entries: tables[1]) else { return nil }
            previous = second
        }
        return BuildState(inputs: inputs, outputs: table, previousOutputs: previous)
    }

    /// One line "hash size digest path" of `b`.
    private static func entry(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> OutputTable.Entry? {
        var field = range.lowerBound
        func number(radix: UInt64) -> UInt64? {
            var value: UInt64 = 0
            let start = field
            while field < range.upperBound && b[field] != 32 {
                let c = b[field]
                let digit: UInt64
                switch c {
                case 48...57: digit = UInt64(c - 48)
                case 97...102 where radix == 16: digit = UInt64(c - 87)
                default: return nil
                }
                let (times, overflow) = value.multipliedReportingOverflow(by: radix)
                guard !overflow else { return nil }
                value = times &+ digit
                field += 1
            }
            guard field > start, field < range.upperBound else { return nil }
            field += 1
            return value
        }
        guard let hash = number(radix: 16), let size = number(radix: 10), size <= UInt64(Int.max), let digest = number(radix: 16),
            field < range.upperBound
        else { return nil }
        let key = Hash.content(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: b[field..<range.upperBound])))
        return OutputTable.Entry(start: field, length: range.upperBound - field, key: key, stamp: FileStamp(size: Int(size), hash: hash, digest: digest))
    }

    /// Written from one byte buffer, sorted by path (the same build writes the same file), to a
    /// temporary file renamed into place.
    func save(to url: URL) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var out: [UInt8] = []
        let tables = [outputs] + (previousOutputs.map { [$0] } ?? [])
        out.reserveCapacity(tables.reduce(0) { $0 + $1.pathBytes + $1.count * 40 } + inputs.utf8.count + 32)
        out += "kb-build-state \(Self.formatVersion)\n".utf8
        out += inputs.utf8
        out.append(10)
        func hex(_ value: UInt64) {
            var shift = max(0, (63 - value.leadingZeroBitCount) / 4 * 4)
            while shift >= 0 {
                let digit = UInt8((value >> UInt64(shift)) & 15)
                out.append(digit < 10 ? 48 + digit : 87 + digit)
                shift -= 4
            }
        }
        func decimal(_ value: Int) {
            var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: Int.max has 19 digits
            withUnsafeMutableBytes(of: &digits) { raw in
                var v = value
                var at = raw.count
                repeat {
                    at -= 1
                    raw[at] = UInt8(48 + v % 10)
                    v /= 10
                } while v > 0
                out += raw[at...]
            }
        }
        for table in tables {
            out += "= ".utf8
            decimal(table.count)
            out.append(10)
            table.forEachSorted { path, stamp in
                hex(stamp.hash)
                out.append(32)
                decimal(stamp.size)
                out.append(32)
                hex(stamp.digest)
                out.append(32)
                out += path
                out.append(10)
            }
        }
        let temporary = "\(url.path).\(ProcessInfo.processInfo.processIdentifier).new"
        do {
            try OutputWriter.write(out, to: temporary, name: temporary)
            if rename(temporary, url.path) != 0 { unlink(temporary) }
        } catch {
            unlink(temporary)
        }
    }

    /// True when the output folder still holds exactly what this state says was written
    /// (names and sizes; a hand-edited file of the same size is the one thing this misses,
    /// which is why only the no-op path relies on it): every file found is in the table with
    /// its size, and as many were found as the table holds (a walk finds each path once).
    static func intact(_ table: OutputTable, in folder: String) -> Bool {
        let found = FileWalker.eachFile(below: folder) { path, size in
            if path.elementsEqual(".gitkeep".utf8) || path.elementsEqual(OutputFolder.markerName.utf8) { return .skipped }
            guard let index = table.index(path), table.stamp(index).size == size else { return .mismatch }
            return .counted
        }
        return found == table.count
    }

    /// Digest of the inputs every page depends on (kb, options, kb.yml, reference data,
    /// synonyms, the word list, templates), for the per-file digests of a rebuild.
    static func siteDigest(_ options: BuildOptions) -> UInt64 {
        Hash.content(Array(siteInputs(options).joined(separator: "\n").utf8))
    }

    static func siteInputs(_ options: BuildOptions) -> [String] {
        var parts: [String] = [
            "kb:\(FileWalker.executableStamp())", "drafts:\(options.includeDrafts)", "base:\(options.baseURL ?? "-")",
            "out:\(options.outputDirectory.path)",
        ]
        let site = options.siteDirectory.path
        for file in ["kb.yml", "content/regions.yml", "content/types.yml", "content/synoniemen.yml"] { parts.append(FileWalker.stamp("\(site)/\(file)")) }
        // The search index splits compounds against the word list: another list, other shards.
        parts.append("wordlist:\(options.wordList):" + (options.wordList.isEmpty ? "-" : FileWalker.stamp(options.wordList)))
        // Content pages are in every page's menu: like templates, they concern the whole site.
        for folder in ["templates", "templates/assets", "content/paginas"] { parts += stamps(in: "\(site)/\(folder)") }
        return parts
    }

    static func stamps(in dir: String) -> [String] {
        let names = FileWalker.names(dir).sorted()
        return [FileWalker.stamp(dir)] + concurrentMap(names.count) { FileWalker.stamp("\(dir)/\(names[$0])") }
    }
}

/// Output paths with their stamps: the paths' UTF-8 bytes in one buffer and an open-addressing
/// index over them, so a state of 21,000 files is read, checked, looked up and written without
/// a String or Dictionary entry per file.
struct OutputTable: Sendable {
    struct Entry: Sendable {
        /// Where the path's bytes lie in `paths`.
        var start: Int
        var length: Int
        /// `contentHash` of the path.
        var key: UInt64
        var stamp: BuildState.FileStamp
    }

    private var paths: [UInt8]
    private var entries: [Entry]
    /// Entry index + 1 (0: empty); a power of two, at most half full.
    private var slots: [Int32]

    var count: Int { entries.count }
    /// The bytes of all paths together.
    var pathBytes: Int { paths.count }

    init() {
        paths = []
        entries = []
        slots = [Int32](repeating: 0, count: 16)
    }

    /// Entries whose paths lie in `paths`; nil when a path occurs twice (not a state kb wrote).
    init?(paths: [UInt8], entries: [Entry]) {
        self.paths = paths
        self.entries = entries
        var capacity = 16
        while capacity < entries.count * 2 { capacity *= 2 }
        slots = [Int32](repeating: 0, count: capacity)
        for index in entries.indices {
            let entry = entries[index]
            let found = paths.withUnsafeBytes { find(entry.key, UnsafeRawBufferPointer(rebasing: $0[entry.start..<entry.start + entry.length])) }
            guard case .free(let slot) = found else { return nil }
            slots[slot] = Int32(index + 1)
        }
    }

    private enum Probe {
        case entry(Int)
        case free(Int)
    }

    private func find(_ key: UInt64, _ path: UnsafeRawBufferPointer) -> Probe {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: key) & mask
        return paths.withUnsafeBytes { stored in
            while true {
                let occupant = Int(slots[slot])
                if occupant == 0 { return .free(slot) }
                let entry = entries[occupant - 1]
                if entry.key == key && entry.length == path.count
                    && (path.count == 0 || memcmp(stored.baseAddress! + entry.start, path.baseAddress!, path.count) == 0)
                {
                    return .entry(occupant - 1)
                }
                slot = (slot + 1) & mask
            }
        }
    }

    func index(_ path: UnsafeRawBufferPointer) -> Int? {
        index(key: Hash.content(path), path)
    }

    func index(key: UInt64, _ path: UnsafeRawBufferPointer) -> Int? {
        if case .entry(let index) = find(key, path) { return index }
        return nil
    }

    func index(_ path: String) -> Int? {
        var path = path
        return path.withUTF8 { index(UnsafeRawBufferPointer($0)) }
    }

    subscript(path: String) -> BuildState.FileStamp? { index(path).map { entries[$0].stamp } }

    func stamp(_ index: Int) -> BuildState.FileStamp { entries[index].stamp }

    func path(_ index: Int) -> String {
        let entry = entries[index]
        return String(decoding: paths[entry.start..<entry.start + entry.length], as: UTF8.self)
    }

    /// Adds `path` or replaces its stamp.
    mutating func set(_ path: String, _ stamp: BuildState.FileStamp) {
        var path = path
        path.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            let key = Hash.content(raw)
            switch find(key, raw) {
            case .entry(let index):
                entries[index].stamp = stamp
            case .free(let slot):
                entries.append(Entry(start: paths.count, length: raw.count, key: key, stamp: stamp))
                paths.append(contentsOf: raw)
                slots[slot] = Int32(entries.count)
                if entries.count * 2 > slots.count { grow() }
            }
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for index in entries.indices {
            var slot = Int(truncatingIfNeeded: entries[index].key) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }

    /// Names the set of files (paths and bytes, not digests) for the marker in an output
    /// folder: the same files give the same name whichever build wrote them. A sum of mixed
    /// per-file hashes, so no sort is needed.
    var generation: UInt64 {
        var sum: UInt64 = 0x6B62_2D6F_7574_7075
        for entry in entries {
            var h = entry.key ^ entry.stamp.hash.rotatedLeft(by: 17) ^ UInt64(entry.stamp.size) &* 0x9E37_79B9_7F4A_7C15
            h ^= h >> 33
            h = h &* 0xFF51_AFD7_ED55_8CCD
            h ^= h >> 33
            sum = sum &+ h
        }
        return sum
    }

    /// The indexes of the paths that `other` does not hold.
    func indexes(notIn other: OutputTable) -> [Int] {
        paths.withUnsafeBytes { stored in
            entries.indices.filter { index in
                let entry = entries[index]
                return other.index(key: entry.key, UnsafeRawBufferPointer(rebasing: stored[entry.start..<entry.start + entry.length])) == nil
            }
        }
    }

    /// Every path with its stamp, in byte order of the paths.
    func forEachSorted(_ body: (UnsafeRawBufferPointer, BuildState.FileStamp) -> Void) {
        paths.withUnsafeBytes { stored in
            let base = stored.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
            let order = entries.indices.sorted { a, b in
                let x = entries[a]
                let y = entries[b]
                let common = memcmp(base + x.start, base + y.start, min(x.length, y.length))
                return common != 0 ? common < 0 : x.length < y.length
            }
            for index in order {
                let entry = entries[index]
                body(UnsafeRawBufferPointer(start: base + entry.start, count: entry.length), entry.stamp)
            }
        }
    }
}
