import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why kb will not use a folder as its output. Said before anything is touched.
public struct OutputRefusal: Error, CustomStringConvertible {
    public var path: String
    public var reason: String

    public var description: String { "\(path): error: \(reason)" }
}

/// The output folder and the folders kb keeps beside it to change it in one step.
///
/// kb owns only what it made: the output may be missing, empty, or a folder an earlier kb build
/// wrote (it holds the marker file `.kb-build`). Everything else is refused before anything is
/// touched, the way Zola refuses a non-empty output folder without `--force`; the site folder,
/// its sources, `/` and the home folder are refused even with `--force`.
///
/// A build never changes the live folder in place. It writes the new site into a second tree
/// (`spare`), then swaps the two with one `renameat2(RENAME_EXCHANGE)`, so at any moment, a
/// SIGKILL included, the output is the old site or the new one. The spare keeps the previous
/// site afterwards; the next rebuild brings it up to date by touching only the files that
/// differ (unchanged files are hard links to the live ones, never written in place).
struct OutputFolder: Sendable {
    /// The marker kb writes into every output folder: "kb-output <generation>".
    static let markerName = ".kb-build"

    /// The output, absolute with symlinks resolved (the swap renames this very entry).
    let live: String
    /// The second tree, private to kb.
    let spare: String
    /// A fresh tree for a clean build, and where an old tree goes to be deleted.
    let staging: String
    let retired: String
    /// Where `spare`, `staging` and `retired` lie, and how the staging and retired trees of any
    /// build of this output begin their names there (for removing what killed builds left).
    let workFolder: String
    let leftoverPrefixes: [String]

    init(live: String, cacheFolder: String?) {
        self.live = live
        let parent = (live as NSString).deletingLastPathComponent
        let name = (live as NSString).lastPathComponent
        let pid = getpid()
        // Inside .kb-cache when it is on the output's file system (a rename cannot cross file
        // systems), so the site folder gets no extra folders; else beside the output.
        let mounts = Self.mountPoints()
        if let cacheFolder, Self.device(cacheFolder) != nil, Self.device(cacheFolder) == Self.device(parent),
            Self.mount(containing: cacheFolder, in: mounts) == Self.mount(containing: parent, in: mounts)
        {
            let id = String(Hash.content(live), radix: 16)
            workFolder = cacheFolder
            leftoverPrefixes = ["new-\(id)-", "old-\(id)-"]
            spare = "\(cacheFolder)/spare-\(id)"
        } else {
            workFolder = parent
            leftoverPrefixes = [".\(name).kb-new-", ".\(name).kb-old-"]
            spare = "\(parent)/.\(name).kb-spare"
        }
        staging = "\(workFolder)/\(leftoverPrefixes[0])\(pid)"
        retired = "\(workFolder)/\(leftoverPrefixes[1])\(pid)"
    }

    private static func device(_ path: String) -> UInt64? {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_dev) : nil
    }

    // MARK: - Which folders kb may use

    /// The output folder resolved, or why kb must not use it. `force` allows a non-empty
    /// folder kb did not write; nothing allows the site, its sources, `/` or home.
    /// `hasBuildState`: kb keeps a build state for this output (an older kb wrote no marker).
    static func check(output: URL, site: URL, force: Bool, hasBuildState: Bool) throws -> String {
        let given = output.path
        let target = resolve(output.standardizedFileURL.path)
        let siteRoot = resolve(site.standardizedFileURL.path)
        func refuse(_ reason: String) -> OutputRefusal { OutputRefusal(path: given, reason: reason) }
        func inside(_ path: String, _ folder: String) -> Bool { path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/") }

        if target == "/" { throw refuse("dit is de hoofdmap van het systeem; kies een eigen uitvoermap, bijvoorbeeld \(siteRoot)/public") }
        for home in homeFolders() where target == home {
            throw refuse("dit is uw thuismap; kb build zou alles daarin vervangen. Kies een eigen uitvoermap, bijvoorbeeld \(siteRoot)/public")
        }
        if target == siteRoot {
            throw refuse("dit is de map van de site zelf; kb build zou content/ en kb.yml vervangen. Laat --output weg (dan wordt het \(siteRoot)/public)")
        }
        if inside(siteRoot, target) {
            throw refuse("deze map bevat de site \(siteRoot); kb build zou die vervangen. Kies een map in of naast de site, bijvoorbeeld \(siteRoot)/public")
        }
        for (folder, what) in [("content", "de bronbestanden"), ("templates", "de sjablonen"), (CacheFolder.name, "kb's eigen cache")]
        where inside(target, "\(siteRoot)/\(folder)") {
            throw refuse("ligt in \(folder)/ (\(what)) van de site; kb build zou die vervangen. Kies bijvoorbeeld \(siteRoot)/public")
        }
        var info = stat()
        guard lstat(target, &info) == 0 else {
            // Missing: kb makes it, and the folders above it, so the nearest that exists must
            // be a folder.
            var above = (target as NSString).deletingLastPathComponent
            while lstat(above, &info) != 0 && above != "/" { above = (above as NSString).deletingLastPathComponent }
            guard info.st_mode & S_IFMT == S_IFDIR else { throw refuse("kan hier geen map maken: \(above) is een bestand, geen map") }
            return target
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw refuse("bestaat al en is geen map; kb build vervangt geen bestanden. Kies een map die nog niet bestaat of leeg is")
        }
        if isMountPoint(target) {
            throw refuse(
                "de map is een koppelpunt (mount), bijvoorbeeld een Docker-volume; kb vervangt de uitvoermap in één stap "
                    + "en dat kan niet met een koppelpunt. Geef als --output een map daarbinnen, bijvoorbeeld \(target)/site")
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: target) else {
            throw refuse("map is niet leesbaar; kb build kan niet nagaan wat erin staat")
        }
        if names.allSatisfy({ $0 == ".gitkeep" }) || marker(in: target) != nil || hasBuildState || force { return target }
        throw refuse(
            "map is niet leeg en niet door kb gemaakt (er staat geen \(markerName) in); kb build vervangt de hele map. "
                + "Kies een lege of nieuwe map, of geef --force als de inhoud mag worden vervangen")
    }

    /// True when `path` (resolved) is where a file system is mounted: a rename cannot replace
    /// it. Read from /proc/self/mountinfo, since a bind mount has the same device as its parent.
    static func isMountPoint(_ path: String) -> Bool {
        mountPoints().contains(path)
    }

    /// The mount point of the file system `path` (resolved) lies on: two folders can swap
    /// entries only on the same mount (bind mounts of one disk share a device number).
    static func mount(containing path: String, in mounts: Set<String>) -> String? {
        let resolved = resolve(path)
        return mounts.filter { resolved == $0 || resolved.hasPrefix($0 == "/" ? "/" : $0 + "/") }.max { $0.count < $1.count }
    }

    private static func mountPoints() -> Set<String> {
        guard let table = try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8) else { return [] }
        var points = Set<String>()
        for line in table.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 4 else { continue }
            // The mount point, with space, tab, newline and backslash written as octal escapes.
            var point = String(fields[4])
            for (escape, character) in [("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")] {
                point = point.replacingOccurrences(of: escape, with: character)
            }
            points.insert(point)
        }
        return points
    }

    /// `path` made absolute with every symlink in the part that exists resolved, so
    /// `s/../s` and a link to the site are seen for what they are.
    static func resolve(_ path: String) -> String {
        var existing = path
        var rest: [String] = []
        while existing != "/" {
            if let real = realpath(existing, nil) {
                defer { free(real) }
                var resolved = String(cString: real)
                for part in rest.reversed() { resolved = resolved == "/" ? "/\(part)" : "\(resolved)/\(part)" }
                return resolved
            }
            rest.append((existing as NSString).lastPathComponent)
            existing = (existing as NSString).deletingLastPathComponent
            if existing.isEmpty { existing = "/" }
        }
        return "/" + rest.reversed().joined(separator: "/")
    }

    private static func homeFolders() -> [String] {
        var homes: [String] = []
        if let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty { homes.append(resolve(home)) }
        if let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir { homes.append(resolve(String(cString: dir))) }
        return homes
    }

    // MARK: - The marker

    /// The generation named by the marker in `folder`, nil when there is none.
    static func marker(in folder: String) -> UInt64? {
        guard let data = FileManager.default.contents(atPath: "\(folder)/\(markerName)"), data.count <= 4096 else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let line = text.split(separator: "\n").first, line.hasPrefix("kb-output ") else { return nil }
        return UInt64(line.dropFirst("kb-output ".count), radix: 16)
    }

    /// A new file (never written through a hard link another tree shares).
    static func writeMarker(_ generation: UInt64, in folder: String) throws {
        let path = "\(folder)/\(markerName)"
        unlink(path)
        let text = "kb-output \(String(generation, radix: 16))\nDeze map is gemaakt door kb build en wordt bij elke build vervangen.\n"
        try OutputWriter.write(Array(text.utf8), to: path, name: markerName)
    }

    // MARK: - Trees

    /// Swaps `a` and `b` in one step (both exist), or renames `a` to `b` when `b` is missing.
    static func exchange(_ a: String, _ b: String) throws {
        var info = stat()
        if lstat(b, &info) != 0 {
            guard rename(a, b) == 0 else { throw OutputError.cannotWrite(path: b, reason: String(cString: strerror(errno))) }
            return
        }
        #if os(Linux)
            guard let renameat2 = Self.renameat2 else {
                throw OutputError.cannotWrite(path: b, reason: "dit systeem kan geen mappen in één stap verwisselen (renameat2 ontbreekt)")
            }
            let renameExchange: UInt32 = 2  // RENAME_EXCHANGE in <linux/fs.h>
            // The new tree gets the output folder's own permissions (a web server may need them).
            _ = chmod(a, info.st_mode & 0o7777)
            guard renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0 else {
                if errno == EBUSY || errno == EXDEV {
                    throw OutputError.cannotWrite(
                        path: b,
                        reason: "de map is een koppelpunt (mount), bijvoorbeeld een Docker-volume; kb vervangt de uitvoermap in één stap "
                            + "en dat kan niet met een koppelpunt. Geef als --output een map daarbinnen, bijvoorbeeld \(b)/site")
                }
                throw OutputError.cannotWrite(path: b, reason: "kan de nieuwe site niet op zijn plaats zetten: \(String(cString: strerror(errno)))")
            }
        #else
            guard renamex_np(a, b, UInt32(RENAME_SWAP)) == 0 else {
                throw OutputError.cannotWrite(path: b, reason: String(cString: strerror(errno)))
            }
        #endif
    }

    #if os(Linux)
        // glibc has renameat2 since 2.28, but Swift's Glibc module does not declare it.
        private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        private static let renameat2: RenameAt2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2").map {
            unsafeBitCast($0, to: RenameAt2.self)
        }
    #endif

    /// Deletes a tree kb made. It is first renamed out of the way, so a build killed while
    /// deleting leaves a folder the next build recognises as a leftover, never a half tree
    /// under a name kb trusts.
    func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if path != retired {
            removeTreeNow(retired)
            guard rename(path, retired) == 0 else { return removeTreeNow(path) }
        }
        removeTreeNow(retired)
    }

    private func removeTreeNow(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Removes what builds killed half-way left in the work folder: staging and retired trees
    /// (any process: the caller holds the site's build lock).
    func removeLeftovers() {
        for name in FileWalker.names(workFolder) where leftoverPrefixes.contains(where: name.hasPrefix) {
            removeTreeNow("\(workFolder)/\(name)")
        }
        // Staging folders of kb versions before the spare tree, beside the output.
        let parent = (live as NSString).deletingLastPathComponent
        let name = (live as NSString).lastPathComponent
        if workFolder != parent {
            // (and a spare from a build that ran while the output lay on another mount).
            for entry in FileWalker.names(parent)
            where entry.hasPrefix(".\(name).kb-new-") || entry.hasPrefix(".\(name).kb-old-") || entry == ".\(name).kb-spare" {
                removeTreeNow("\(parent)/\(entry)")
            }
        }
    }

    /// A copy of `table`'s files from the live tree into a fresh spare: every file a hard link,
    /// so the copy costs a link per file and no bytes.
    func linkSpare(from table: OutputTable) throws {
        removeTree(spare)
        try makeFolder(spare)
        var made = Set<String>()
        for index in 0..<table.count {
            let path = table.path(index)
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty, made.insert(folder).inserted { try makeFolder("\(spare)/\(folder)") }
            guard link("\(live)/\(path)", "\(spare)/\(path)") == 0 else {
                throw OutputError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
        }
    }

    func makeFolder(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}

extension OutputFolder {
    /// Which of the state's two tables the live and the spare tree hold, by their markers;
    /// nil for a tree that holds neither (or, for the live tree, no longer matches its table).
    /// `newest`: the live tree holds what the last build wrote.
    func identify(_ state: BuildState) -> (live: OutputTable?, spare: OutputTable?, newest: Bool) {
        let tables = [state.outputs] + (state.previousOutputs.map { [$0] } ?? [])
        let generations = tables.map(\.generation)
        func index(_ marker: UInt64?) -> Int? { generations.firstIndex { $0 == marker } }
        guard let current = index(Self.marker(in: live)), BuildState.intact(tables[current], in: live) else { return (nil, nil, false) }
        return (tables[current], index(Self.marker(in: spare)).map { tables[$0] }, current == 0)
    }
}
