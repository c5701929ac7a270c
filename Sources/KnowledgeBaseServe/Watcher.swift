import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Notices changes under a few paths by polling file metadata. Polling a few hundred stat calls
/// every 300 ms costs next to nothing, works the same on Linux and macOS, and survives editors
/// that save by writing a new file and renaming it, which event APIs report in many shapes.
public final class Watcher: @unchecked Sendable {
    /// What changes when a file is written, replaced, added or removed.
    struct Stamp: Equatable {
        var seconds: Int
        var nanoseconds: Int
        var size: Int64
        var inode: UInt64
    }

    public let paths: [URL]
    public let interval: TimeInterval
    public let debounce: TimeInterval
    private let lock = NSLock()
    private var stopped = false
    private var baseline: [String: Stamp]?

    /// `paths` may be folders (watched recursively) or single files; they need not exist yet.
    public init(paths: [URL], interval: TimeInterval = 0.3, debounce: TimeInterval = 0.1) {
        self.paths = paths
        self.interval = interval
        self.debounce = debounce
    }

    /// Calls `onChange` on the watcher's own thread each time the files changed and then stayed
    /// unchanged for `debounce` (an editor or `git checkout` writing several files triggers one
    /// rebuild). A change made while `onChange` runs is picked up on the next round.
    public func start(onChange: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            var last = takeBaseline() ?? scan()
            while !isStopped {
                Thread.sleep(forTimeInterval: interval)
                var now = scan()
                guard now != last else { continue }
                while !isStopped {
                    Thread.sleep(forTimeInterval: debounce)
                    let again = scan()
                    if again == now { break }
                    now = again
                }
                last = now
                if !isStopped { onChange() }
            }
        }
        thread.name = "kb serve watcher"
        thread.start()
    }

    /// Remembers the files as they are now, so an edit made before `start` (while the first
    /// build runs) still counts as a change.
    public func markBaseline() {
        let now = scan()
        lock.lock()
        baseline = now
        lock.unlock()
    }

    private func takeBaseline() -> [String: Stamp]? {
        lock.lock()
        defer { lock.unlock() }
        return baseline
    }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    /// Every watched file and its stamp. Hidden files and editor backups (`x.md~`) are skipped:
    /// kb ignores them, and editors touch them constantly.
    func scan() -> [String: Stamp] {
        var out: [String: Stamp] = [:]
        for root in paths {
            guard let stamp = Self.stamp(root.path) else { continue }
            out[root.path] = stamp
            guard let walker = FileManager.default.enumerator(atPath: root.path) else { continue }
            for case let relative as String in walker {
                let name = (relative as NSString).lastPathComponent
                if name.hasPrefix(".") || name.hasSuffix("~") {
                    walker.skipDescendants()
                    continue
                }
                let path = root.path + "/" + relative
                if let stamp = Self.stamp(path) { out[path] = stamp }
            }
        }
        return out
    }

    static func stamp(_ path: String) -> Stamp? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let time = info.st_mtimespec
        #else
            let time = info.st_mtim
        #endif
        return Stamp(seconds: Int(time.tv_sec), nanoseconds: Int(time.tv_nsec), size: Int64(info.st_size), inode: UInt64(info.st_ino))
    }
}
