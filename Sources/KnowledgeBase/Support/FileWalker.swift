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

    #if os(Linux)
        /// getdents64(2) from libc (glibc 2.30+ has it; Swift's Glibc module does not show it):
        /// opendir adds an fstat per folder, 10,000 of them when checking a large site's output.
        private typealias GetDents = @convention(c) (Int32, UnsafeMutableRawPointer?, Int) -> Int
        private static let getdents64: GetDents? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "getdents64").map {
            unsafeBitCast($0, to: GetDents.self)
        }
    #endif

    /// Calls `body` with each entry's NUL-terminated name, its length and its type (`.` and
    /// `..` left out), and closes `fd`. False when the folder could not be read to the end.
    /// `buffer`: scratch space of at least 32 KiB, reused by the caller.
    static func forEachEntry(
        _ fd: Int32, buffer: UnsafeMutableRawBufferPointer, _ body: (UnsafePointer<CChar>, Int, UInt8) -> Bool
    ) -> Bool {
        func isDot(_ name: UnsafePointer<CChar>, _ length: Int) -> Bool {
            length <= 2 && name[0] == 46 && (length == 1 || name[1] == 46)
        }
        #if os(Linux)
            if let getdents64 {
                defer { close(fd) }
                while true {
                    let count = getdents64(fd, buffer.baseAddress, buffer.count)
                    if count == 0 { return true }
                    if count < 0 {
                        if errno == EINTR { continue }
                        return false
                    }
                    // struct linux_dirent64: ino (8), off (8), reclen (2), type (1), name.
                    var at = 0
                    while at < count {
                        let record = buffer.baseAddress! + at
                        let name = (record + 19).assumingMemoryBound(to: CChar.self)
                        let length = strlen(name)
                        if !isDot(name, length) && !body(name, length, record.load(fromByteOffset: 18, as: UInt8.self)) { return false }
                        at += Int(record.loadUnaligned(fromByteOffset: 16, as: UInt16.self))
                    }
                }
            }
        #endif
        guard let dir = fdopendir(fd) else {
            close(fd)
            return false
        }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
            let length = strlen(name)
            if !isDot(name, length) && !body(name, length, entry.pointee.d_type) { return false }
        }
        return true
    }

    /// What `eachFile` does with a file.
    enum Visit { case counted, skipped, mismatch }

    /// Calls `visit` (from several threads) with the path of every regular file below `root`,
    /// relative and as UTF-8 bytes, and its size; returns how many it counted, or nil when a
    /// visit said `mismatch`, a folder could not be read or something is neither a file nor a
    /// folder. Folders of one level are read in parallel (a 10,000-page site has 10,000 folders
    /// side by side), each opened and stat'ed relative to its parent's descriptor: looking up
    /// whole paths component by component was most of the kernel's time.
    static func eachFile(below root: String, _ visit: @Sendable (UnsafeRawBufferPointer, Int) -> Visit) -> Int? {
        let rootFD = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { return nil }
        defer { close(rootFD) }
        var level: [[UInt8]] = [[]]
        var counted = 0
        while !level.isEmpty {
            let current = level
            // A few jobs per core, not one per folder: each job reuses one buffer.
            let jobs = min(current.count, 32)
            let results = concurrentMap(jobs) { job -> (counted: Int, folders: [[UInt8]])? in
                let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 32 * 1024, alignment: 8)
                defer { buffer.deallocate() }
                var path: [UInt8] = []
                path.reserveCapacity(512)
                var folders: [[UInt8]] = []
                var counted = 0
                for index in stride(from: job, to: current.count, by: jobs) {
                    let folder = current[index]
                    let fd = folder.isEmpty ? dup(rootFD) : (folder + [0]).withUnsafeBufferPointer {
                        openat(rootFD, UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                    }
                    guard fd >= 0 else { return nil }
                    let complete = forEachEntry(fd, buffer: buffer) { name, length, type in
                        path.removeAll(keepingCapacity: true)
                        if !folder.isEmpty {
                            path += folder
                            path.append(47)
                        }
                        path.append(contentsOf: UnsafeRawBufferPointer(start: name, count: length))
                        var kind = type
                        var info = stat()
                        if kind == UInt8(DT_REG) || kind == UInt8(DT_UNKNOWN) {
                            guard fstatat(fd, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { return false }
                            let format = info.st_mode & S_IFMT
                            kind = format == S_IFDIR ? UInt8(DT_DIR) : format == S_IFREG ? UInt8(DT_REG) : 0
                        }
                        if kind == UInt8(DT_DIR) {
                            folders.append(path)
                            return true
                        }
                        guard kind == UInt8(DT_REG) else { return false }
                        switch path.withUnsafeBytes({ visit($0, Int(info.st_size)) }) {
                        case .counted: counted += 1
                        case .skipped: break
                        case .mismatch: return false
                        }
                        return true
                    }
                    guard complete else { return nil }
                }
                return (counted, folders)
            }
            level = []
            for result in results {
                guard let result else { return nil }
                counted += result.counted
                level += result.folders
            }
        }
        return counted
    }

    /// A rebuilt kb may render differently: its own size and time stamp are inputs too.
    static func executableStamp() -> String {
        stamp("/proc/self/exe") + stamp(CommandLine.arguments.first ?? "")
    }
}
