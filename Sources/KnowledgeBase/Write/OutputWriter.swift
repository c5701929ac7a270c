import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// write(2), named apart from the writer's own `write`.
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }

/// Writes a build into a tree beside the output as files are rendered, so a site is never held
/// in memory whole; `commit` swaps that tree with the output in one step (see OutputFolder),
/// `discard` leaves the output as it was. A clean build writes every file into a fresh tree.
/// A rebuild writes into the spare tree, which holds an earlier site, and touches only what
/// differs there: a file the live site already has with the same bytes becomes a hard link to
/// it, others are written anew. A file is never changed in place, since the two trees share
/// files.
final class OutputWriter: OutputSink, @unchecked Sendable {
    let folder: OutputFolder
    /// The tree being written.
    let target: String
    /// What the live output holds (nil for a clean build) and what `target` holds now.
    private let live: OutputTable?
    private let targetHolds: OutputTable
    private let lock = NSLock()
    private var stamps = OutputTable()
    private var changed = 0

    /// `live`: the live output's files as the last build left them, for a rebuild; `spare`:
    /// the spare tree's files when they are known (else it is made again from the live tree).
    init(folder: OutputFolder, live: OutputTable?, spare: OutputTable?) throws {
        self.folder = folder
        self.live = live
        if let live {
            if let spare {
                targetHolds = spare
            } else {
                try folder.linkSpare(from: live)
                targetHolds = live
            }
            // From here on the spare is being changed: without its marker no build trusts it.
            unlink("\(folder.spare)/\(OutputFolder.markerName)")
            target = folder.spare
        } else {
            folder.removeTree(folder.staging)
            try folder.makeFolder(folder.staging)
            targetHolds = OutputTable()
            target = folder.staging
        }
    }

    var files: OutputTable { lock.withLock { stamps } }

    func emit(_ path: String, _ bytes: [UInt8]) throws { try emit(path, bytes, digest: 0) }

    func emit(_ path: String, _ bytes: [UInt8], digest: UInt64) throws {
        let stamp = BuildState.FileStamp(size: bytes.count, hash: Hash.content(bytes), digest: digest)
        let inLive = stamp.sameBytes(live?[path])
        lock.withLock {
            stamps.set(path, stamp)
            if !inLive { changed += 1 }
        }
        if stamp.sameBytes(targetHolds[path]) { return }
        if inLive, linkFromLive(path) { return }
        // The old file may be shared with the live tree: replace it, never write into it.
        if targetHolds.index(path) != nil { unlink("\(target)/\(path)") }
        try Self.write(bytes, to: "\(target)/\(path)", name: path)
    }

    var rebuilding: Bool { live != nil }

    func keep(_ path: String, digest: UInt64) -> Bool {
        guard digest != 0, let stamp = live?[path], stamp.digest == digest else { return false }
        if !stamp.sameBytes(targetHolds[path]) {
            guard linkFromLive(path) else { return false }
        }
        lock.withLock { stamps.set(path, stamp) }
        return true
    }

    /// The live output's file at `path` into the target tree, as a hard link.
    private func linkFromLive(_ path: String) -> Bool {
        let file = "\(target)/\(path)"
        if targetHolds.index(path) != nil { unlink(file) }
        if link("\(folder.live)/\(path)", file) == 0 { return true }
        guard errno == ENOENT else { return false }
        try? FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        return link("\(folder.live)/\(path)", file) == 0
    }

    /// Plain open/write/close: Foundation's Data.write flushed every file to disk, which was
    /// most of the write time of a large site.
    /// A missing folder is made on the first file that needs it (any thread may get there
    /// first; creating it twice is harmless).
    static func write(_ bytes: [UInt8], to file: String, name: String) throws {
        var fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if fd < 0 && errno == ENOENT {
            let folder = (file as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        }
        guard fd >= 0 else { throw OutputError.cannotWrite(path: name, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in posixWrite(fd, raw.baseAddress! + offset, raw.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw OutputError.cannotWrite(path: name, reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// Makes the written tree the output: removes from it what this build did not write, marks
    /// it, lets `record` save the build state, then swaps it with the output in one rename.
    /// Returns how many files differ from the old output.
    func commit(record: (OutputTable) -> Void) throws -> Int {
        let table = files
        for stale in targetHolds.indexes(notIn: table).map(targetHolds.path) {
            unlink("\(target)/\(stale)")
            // A removed write-up leaves its page's folder empty: a clean build has none.
            var parent = (stale as NSString).deletingLastPathComponent
            while !parent.isEmpty, rmdir("\(target)/\(parent)") == 0 {
                parent = (parent as NSString).deletingLastPathComponent
            }
        }
        // Keep a .gitkeep the project put there, so the folder stays in git.
        let gitkeep = "\(target)/.gitkeep"
        if access("\(folder.live)/.gitkeep", F_OK) == 0, access(gitkeep, F_OK) != 0 {
            _ = FileManager.default.createFile(atPath: gitkeep, contents: Data())
        }
        try OutputFolder.writeMarker(table.generation, in: target)
        record(table)
        try OutputFolder.exchange(target, folder.live)
        if live == nil {
            // A clean build: the old output (now at the staging path) and any spare tree hold
            // sites nobody knows the files of any more.
            folder.removeTree(target)
            folder.removeTree(folder.spare)
        }
        return changed
    }

    func discard() {
        if live == nil { folder.removeTree(target) }
    }
}
