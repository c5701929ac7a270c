import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One build of a site at a time: `flock` on SITE/.kb-cache/lock, which holds the pid of the
/// build that has it. The kernel releases the lock when the process ends, however it ends, so
/// a killed build never leaves the site locked. A second build waits and says for whom.
final class BuildLock: @unchecked Sendable {
    private let fd: Int32
    /// The cache folder, when it can be used; nil when kb builds without it.
    let cacheFolder: String?
    /// Why the cache folder cannot be used (said as a warning), nil when it can.
    let cacheProblem: String?

    /// Takes the lock, waiting for another build of the same site. `waiting` is told the other
    /// build's pid once, before the wait.
    init(siteDirectory: URL, waiting: (String) -> Void) throws {
        let site = siteDirectory.standardizedFileURL.path
        let cache = CacheFolder.url(siteDirectory: siteDirectory).standardizedFileURL.path
        var problem: String?
        var info = stat()
        if lstat(cache, &info) == 0 && info.st_mode & S_IFMT != S_IFDIR {
            problem = ".kb-cache is geen map"
        } else if lstat(cache, &info) != 0 && mkdir(cache, 0o755) != 0 && errno != EEXIST {
            problem = "kan .kb-cache/ niet maken: \(String(cString: strerror(errno)))"
        } else if access(cache, W_OK) != 0 {
            problem = ".kb-cache/ is niet schrijfbaar"
        }
        var fd: Int32 = -1
        if problem == nil {
            fd = open("\(cache)/lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            if fd < 0 { problem = "kan .kb-cache/lock niet openen: \(String(cString: strerror(errno)))" }
        }
        // Without a usable cache the site folder itself is locked (flock works on a folder).
        if fd < 0 { fd = open(site, O_RDONLY | O_DIRECTORY | O_CLOEXEC) }
        guard fd >= 0 else { throw OutputError.cannotWrite(path: site, reason: "kan de map van de site niet openen") }
        self.fd = fd
        cacheFolder = problem == nil ? cache : nil
        cacheProblem = problem
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var holder = [UInt8](repeating: 0, count: 32)
            let got = pread(fd, &holder, holder.count, 0)
            let pid = got > 0 ? String(decoding: holder[..<got], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
            waiting(pid)
            while flock(fd, LOCK_EX) != 0 && errno == EINTR {}
        }
        if cacheFolder != nil {
            let pid = Array("\(getpid())\n".utf8)
            _ = ftruncate(fd, 0)
            _ = pwrite(fd, pid, pid.count, 0)
        }
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// Removes the cache files that processes which no longer run were writing (a temporary
    /// file is named after its writer's pid; `kb check` and `kb serve` write caches without the
    /// build lock, so only a dead writer's file goes).
    func removeDeadTemporaries() {
        guard let cacheFolder else { return }
        for name in FileWalker.names(cacheFolder) {
            guard let pid = Self.writerPID(name), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink("\(cacheFolder)/\(name)")
        }
    }

    /// ".parse.cache.1234" (CacheLogWriter) or "build-….state.1234.new" (BuildState).
    static func writerPID(_ name: String) -> Int32? {
        var parts = name.split(separator: ".", omittingEmptySubsequences: false)
        if parts.last == "new" { parts.removeLast() } else if !name.hasPrefix(".") { return nil }
        guard parts.count >= 3, let last = parts.last, let pid = Int32(last), pid > 0 else { return nil }
        return pid
    }
}
