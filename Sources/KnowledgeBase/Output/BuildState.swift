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
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var out: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name != "." && name != ".." { out.append(name) }
        }
        return out
    }

    /// Calls `visit(relativePath, size)` for every regular file below `root`; stops when it
    /// returns false.
    static func walk(_ root: String, _ visit: (String, Int) -> Bool) {
        var stack: [String] = [""]
        while let relative = stack.popLast() {
            let directory = relative.isEmpty ? root : "\(root)/\(relative)"
            for name in names(directory) {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                var info = stat()
                guard lstat("\(root)/\(path)", &info) == 0 else { continue }
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    stack.append(path)
                } else if (info.st_mode & S_IFMT) == S_IFREG {
                    if !visit(path, Int(info.st_size)) { return }
                }
            }
        }
    }
}

/// What the last successful build of a site produced, kept in SITE/.kb-cache/ so the next
/// build can skip work. It only ever *skips*: every build still runs the whole pipeline unless
/// every input is provably the same, so the output is always what a clean build writes.
struct BuildState: Codable {
    static let formatVersion = 1

    var version = formatVersion
    /// Fingerprint of every input: kb itself, options, kb.yml, reference data, templates and
    /// the content files' names, sizes and modification times.
    var inputs: String
    /// Output file → (size, FNV-1a hash of its bytes), as written.
    var outputs: [String: FileStamp]

    struct FileStamp: Codable, Equatable {
        var size: Int
        var hash: UInt64
    }

    static func location(siteDirectory: URL, output: URL) -> URL {
        let name = "build-\(String(fnv1a(Array(output.standardizedFileURL.path.utf8)), radix: 16)).json"
        return siteDirectory.appendingPathComponent(".kb-cache").appendingPathComponent(name)
    }

    static func load(from url: URL) -> BuildState? {
        guard let data = try? Data(contentsOf: url), let state = try? JSONDecoder().decode(BuildState.self, from: data),
            state.version == formatVersion
        else { return nil }
        return state
    }

    func save(to url: URL) {
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        if let data = try? JSONEncoder().encode(self) { try? data.write(to: url, options: .atomic) }
    }

    /// True when the output folder still holds exactly what this state says was written
    /// (names and sizes; a hand-edited file of the same size is the one thing this misses,
    /// which is why only the no-op path relies on it).
    func outputIntact(_ output: URL) -> Bool {
        var seen = 0
        var intact = true
        FileWalker.walk(output.standardizedFileURL.path) { path, size in
            if path == ".gitkeep" { return true }
            guard let stamp = outputs[path], stamp.size == size else {
                intact = false
                return false
            }
            seen += 1
            return true
        }
        return intact && seen == outputs.count
    }

    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Cheap fingerprint of all inputs, from file metadata (and small files' bytes).
    static func fingerprint(_ options: BuildOptions) -> String {
        var parts: [String] = [
            "kb:\(executableStamp())", "drafts:\(options.includeDrafts)", "base:\(options.baseURL ?? "-")",
            "out:\(options.outputDirectory.path)",
        ]
        let site = options.siteDirectory.path
        for file in ["kb.yml", "content/regions.yml", "content/types.yml"] { parts.append(FileWalker.stamp("\(site)/\(file)")) }
        for folder in ["templates", "templates/assets", ContentLoader.initiativesFolder] {
            let dir = "\(site)/\(folder)"
            parts.append(FileWalker.stamp(dir))
            for name in FileWalker.names(dir).sorted() { parts.append(FileWalker.stamp("\(dir)/\(name)")) }
        }
        return String(fnv1a(Array(parts.joined(separator: "\n").utf8)), radix: 16) + "-\(parts.count)"
    }

    /// A rebuilt kb may render differently: its own size and time stamp are inputs too.
    static func executableStamp() -> String {
        FileWalker.stamp("/proc/self/exe") + FileWalker.stamp(CommandLine.arguments.first ?? "")
    }
}
