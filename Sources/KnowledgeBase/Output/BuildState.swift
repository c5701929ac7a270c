import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// POSIX directory walking and stat: FileManager's enumerator and attributes were most of a
/// no-op rebuild's time on 10,000 write-ups.
enum FileWalker {
    /// "size:mtime-seconds.nanoseconds:inode" or "-" when missing; follows symlinks.
    static func stamp(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "\(path.split(separator: "/").last ?? ""):-" }
        return "\(path.split(separator: "/").last ?? ""):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec):\(info.st_ino)"
    }

    static func names(_ directory: String) -> [String] {
        entries(directory).map(\.name)
    }

    private static let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!

    /// Names in a directory with their type from readdir (no stat), `.` and `..` left out.
    static func entries(_ directory: String) -> [(name: String, type: UInt8)] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var out: [(name: String, type: UInt8)] = []
        while let entry = readdir(dir) {
            // The name is read where it lies: copying the 256-byte d_name field reads past a
            // short record at the end of readdir's buffer, into an unmapped page (a crash).
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name != "." && name != ".." { out.append((name, entry.pointee.d_type)) }
        }
        return out
    }

    /// Every regular file below `root` with its size, relative paths. Directories of one level
    /// are read in parallel: a 10,000-page site has 10,000 folders side by side.
    static func files(_ root: String) -> [(path: String, size: Int)] {
        var level: [String] = [""]
        var found: [(path: String, size: Int)] = []
        while !level.isEmpty {
            let current = level
            let results = concurrentMap(current.count) { index -> (files: [(path: String, size: Int)], folders: [String]) in
                let relative = current[index]
                let directory = relative.isEmpty ? root : "\(root)/\(relative)"
                var files: [(path: String, size: Int)] = []
                var folders: [String] = []
                for (name, type) in entries(directory) {
                    let path = relative.isEmpty ? name : "\(relative)/\(name)"
                    var kind = type
                    var info = stat()
                    if kind == UInt8(DT_REG) || kind == UInt8(DT_UNKNOWN) {
                        guard lstat("\(root)/\(path)", &info) == 0 else { continue }
                        kind = (info.st_mode & S_IFMT) == S_IFDIR ? UInt8(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0
                    }
                    if kind == UInt8(DT_DIR) {
                        folders.append(path)
                    } else if kind == UInt8(DT_REG) {
                        files.append((path, Int(info.st_size)))
                    }
                }
                return (files, folders)
            }
            level = []
            for result in results {
                found += result.files
                level += result.folders
            }
        }
        return found
    }
}

/// What the last successful build of a site produced, kept in SITE/.kb-cache/ so the next
/// build can skip work. It only ever *skips*: every build still runs the whole pipeline unless
/// every input is provably the same, so the output is always what a clean build writes.
struct BuildState {
    static let formatVersion = 4

    /// Fingerprint of every input: kb itself, options, kb.yml, reference data, templates and
    /// the content files' names, sizes and modification times.
    var inputs: String
    /// Output file → (size, hash of its bytes), as written.
    var outputs: [String: FileStamp]

    struct FileStamp: Equatable {
        var size: Int
        var hash: UInt64
        /// Hash of everything the file was rendered from, when the renderer knows it (0 when
        /// not): a rebuild that computes the same digest keeps the file without rendering it.
        var digest: UInt64 = 0

        func sameBytes(_ other: FileStamp?) -> Bool { other.map { $0.size == size && $0.hash == hash } ?? false }
    }

    static func location(siteDirectory: URL, output: URL) -> URL {
        let name = "build-\(String(contentHash(output.standardizedFileURL.path), radix: 16)).state"
        return siteDirectory.appendingPathComponent(".kb-cache").appendingPathComponent(name)
    }

    /// A line per output file, "hash size digest path": JSON decoding of 20,000 entries took longer
    /// than the rest of a no-op rebuild.
    static func load(from url: URL) -> BuildState? {
        guard let bytes = CacheLog.readFile(url.path) else { return nil }
        return bytes.withUnsafeBufferPointer { b -> BuildState? in
            // Parsed in place: splitting 20,000 lines into arrays was most of a no-op rebuild.
            var at = 0
            func line() -> Range<Int>? {
                guard at < b.count else { return nil }
                let start = at
                while at < b.count && b[at] != 10 { at += 1 }
                defer { at += 1 }
                return start..<at
            }
            func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self) }
            guard let header = line(), text(header) == "kb-build-state \(formatVersion)", let inputs = line() else { return nil }
            var outputs: [String: FileStamp] = [:]
            outputs.reserveCapacity(b.count / 80)
            while let range = line() {
                if range.isEmpty { continue }
                // "hash size digest path"
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
                guard let hash = number(radix: 16), let size = number(radix: 10), size <= UInt64(Int.max), let digest = number(radix: 16)
                else { return nil }
                outputs[text(field..<range.upperBound)] = FileStamp(size: Int(size), hash: hash, digest: digest)
            }
            return BuildState(inputs: text(inputs), outputs: outputs)
        }
    }

    func save(to url: URL) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var text = "kb-build-state \(Self.formatVersion)\n\(inputs)\n"
        for (path, stamp) in outputs.sorted(by: { $0.key < $1.key }) {
            text += "\(String(stamp.hash, radix: 16)) \(stamp.size) \(String(stamp.digest, radix: 16)) \(path)\n"
        }
        try? Data(text.utf8).write(to: url, options: .atomic)
    }

    /// True when the output folder still holds exactly what this state says was written
    /// (names and sizes; a hand-edited file of the same size is the one thing this misses,
    /// which is why only the no-op path relies on it).
    func outputIntact(_ output: URL) -> Bool {
        var seen = 0
        for (path, size) in FileWalker.files(output.standardizedFileURL.path) where path != ".gitkeep" {
            guard let stamp = outputs[path], stamp.size == size else { return false }
            seen += 1
        }
        return seen == outputs.count
    }

    /// Hash for change detection (output files, the input fingerprint, the state file's name):
    /// FNV-1a over 8-byte words with a final mix, so hashing every page of a large site costs
    /// little (byte-wise FNV over 300 MB was the writer's largest cost).
    static func contentHash(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { contentHash($0) }
    }

    /// The hash of a string's UTF-8 bytes, without copying them out.
    static func contentHash(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { contentHash(UnsafeRawBufferPointer($0)) }
    }

    static func contentHash(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(raw.count)
        let words = raw.count / 8
        for index in 0..<words {
            hash ^= raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)
            hash = (hash &* 0x0000_0100_0000_01B3).rotatedLeft(by: 29)
        }
        for index in (words * 8)..<raw.count {
            hash ^= UInt64(raw[index])
            hash = hash &* 0x0000_0100_0000_01B3
        }
        hash ^= hash >> 33
        hash = hash &* 0xff51_afd7_ed55_8ccd
        hash ^= hash >> 33
        return hash
    }

    /// Digest of the inputs every page depends on (kb, options, kb.yml, reference data,
    /// templates), for the per-file digests of a rebuild.
    static func siteDigest(_ options: BuildOptions) -> UInt64 {
        contentHash(Array(siteInputs(options).joined(separator: "\n").utf8))
    }

    static func siteInputs(_ options: BuildOptions) -> [String] {
        var parts: [String] = [
            "kb:\(executableStamp())", "drafts:\(options.includeDrafts)", "base:\(options.baseURL ?? "-")",
            "out:\(options.outputDirectory.path)",
        ]
        let site = options.siteDirectory.path
        for file in ["kb.yml", "content/regions.yml", "content/types.yml"] { parts.append(FileWalker.stamp("\(site)/\(file)")) }
        for folder in ["templates", "templates/assets"] { parts += stamps(in: "\(site)/\(folder)") }
        return parts
    }

    static func stamps(in dir: String) -> [String] {
        let names = FileWalker.names(dir).sorted()
        return [FileWalker.stamp(dir)] + concurrentMap(names.count) { FileWalker.stamp("\(dir)/\(names[$0])") }
    }

    /// Cheap fingerprint of all inputs, from file metadata (and small files' bytes).
    static func fingerprint(_ options: BuildOptions, content: ContentListing) -> String {
        let parts = siteInputs(options) + content.fingerprint
        return String(contentHash(parts.joined(separator: "\n")), radix: 16) + "-\(parts.count)"
    }

    /// A rebuilt kb may render differently: its own size and time stamp are inputs too.
    static func executableStamp() -> String {
        FileWalker.stamp("/proc/self/exe") + FileWalker.stamp(CommandLine.arguments.first ?? "")
    }
}

extension UInt64 {
    fileprivate func rotatedLeft(by count: UInt64) -> UInt64 { (self << count) | (self >> (64 - count)) }
}
