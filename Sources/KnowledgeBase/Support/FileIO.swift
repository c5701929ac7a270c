import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What identifies one version of a file without reading it: size, modification and change
/// times and inode. Tools can set a file's mtime back, never its ctime, so an edit always
/// changes the stamp.
struct SourceStamp: Hashable, Sendable {
    var size: Int
    var modified: Int
    var changed: Int
    var inode: Int

    init(_ info: stat) {
        size = Int(info.st_size)
        modified = Int(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtim.tv_nsec)
        changed = Int(info.st_ctim.tv_sec) &* 1_000_000_000 &+ Int(info.st_ctim.tv_nsec)
        inode = Int(info.st_ino)
    }

    init(size: Int, modified: Int, changed: Int, inode: Int) {
        self.size = size
        self.modified = modified
        self.changed = changed
        self.inode = inode
    }

    /// The stamp of the file at `path` now (following links), nil when it cannot be read.
    static func of(_ path: String) -> SourceStamp? {
        var info = stat()
        return stat(path, &info) == 0 ? SourceStamp(info) : nil
    }

    /// The stamp as one word, for keying what was computed from the file.
    var digest: UInt64 {
        var words = [size, modified, changed, inode].map { UInt64(bitPattern: Int64($0)) }
        return words.withUnsafeMutableBytes { Hash.content(UnsafeRawBufferPointer($0)) }
    }
}

enum FileIO {
    enum ReadResult {
        case bytes([UInt8], SourceStamp)
        case tooLarge(Int)
        case unreadable
    }

    /// open/fstat/read straight into the array: FileManager's attributes and Data copies were
    /// most of reading 10,000 write-ups. `limit`: larger files are refused unread.
    static func read(_ path: String, limit: Int? = nil) -> ReadResult {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .unreadable }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .unreadable }
        let size = Int(info.st_size)
        if let limit, size > limit { return .tooLarge(size) }
        // Read straight into uninitialised storage: zero-filling first was a visible memset of
        // the 90 MB memo file on every rebuild.
        var filled = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, count in
            while filled < size {
                let got = Foundation.read(fd, buffer.baseAddress! + filled, size - filled)
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else { break }
                filled += got
            }
            count = filled
        }
        guard filled == size else { return .unreadable }
        return .bytes(bytes, SourceStamp(info))
    }
}
