import Foundation

/// What the first four stages hand on: a validated, cross-linked site.
public struct CheckedSite: Sendable {
    public var config: SiteConfig
    public var reference: ReferenceData
    public var catalog: Catalog
    public var diagnostics: [Diagnostic]
    /// Content files looked at, for the summary line.
    public var fileCount: Int
    public var timings: [(stage: String, seconds: Double)]
    /// Hash of each published write-up's source file, by slug: what tells a rebuild which
    /// pages can stay as they are.
    public var contentHashes: [String: UInt64] = [:]
    /// Hash of each published write-up's front matter, by slug.
    public var frontMatterHashes: [String: UInt64] = [:]
    /// Write-ups whose parse came from the cache, without body HTML and plain text, and how
    /// to get them.
    var bodyFromSource: Set<String> = []
    var parseBody: (@Sendable (Initiative) -> MarkdownDocument?)?
    /// Digest of the inputs all pages share (0: unknown, so every file is rendered).
    var siteDigest: UInt64 = 0
    /// `identity` of each write-up in catalog order.
    var identities: [UInt64] = []
    /// The front matter's identity (with the slug) in catalog order.
    var frontIdentities: [UInt64] = []

    /// What identifies a published write-up's content: its slug and its file's bytes (0 when
    /// unknown).
    func identity(_ initiative: Initiative) -> UInt64 {
        guard let hash = contentHashes[initiative.slug] else { return 0 }
        return Hash.content(initiative.slug) ^ hash
    }

    /// Digest of a file rendered from the site-wide inputs plus these write-ups (0 when any
    /// part is unknown: render it).
    func digest(_ kind: String, _ initiatives: [Initiative]) -> UInt64 {
        let ids = initiatives.map(identity)
        return ids.contains(0) ? 0 : digest(kind, identities: ids)
    }

    /// The same for write-ups given by their index in the catalog (their whole content, or with
    /// `front` only their front matter), then anything else the file shows, as words
    /// (digests, numbers).
    func digest(_ kind: String, indexes: [Int] = [], front: [Int] = [], words: [UInt64] = []) -> UInt64 {
        let ids = indexes.map { $0 < identities.count ? identities[$0] : 0 } + front.map { $0 < frontIdentities.count ? frontIdentities[$0] : 0 }
        guard !ids.contains(0) else { return 0 }
        return digest(kind, identities: ids + words)
    }

    private func digest(_ kind: String, identities: [UInt64]) -> UInt64 {
        guard siteDigest != 0 else { return 0 }
        var hash = Hash.content(kind) ^ siteDigest
        for id in identities { hash = (hash ^ id) &* 0x9E37_79B9_7F4A_7C15 &+ 0x632B_E59B_D9B4_E019 }
        hash ^= hash >> 31
        return hash == 0 ? 1 : hash
    }

    /// The body HTML of a write-up, parsed again if the cache left it out.
    func html(of initiative: Initiative) -> String {
        guard bodyFromSource.contains(initiative.slug), let parseBody else { return initiative.body.html }
        return parseBody(initiative)?.html ?? initiative.body.html
    }

    /// The plain text of a write-up's body (for search), parsed again if the cache left it out.
    func plainText(of initiative: Initiative) -> String {
        guard bodyFromSource.contains(initiative.slug), let parseBody else { return initiative.body.plainText }
        return parseBody(initiative)?.plainText ?? initiative.body.plainText
    }
}

/// The one pipeline: load → parse → validate → link → render → write. `kb check` stops after
/// link, `kb build` goes on; `kb serve` runs the same again on change.
public enum Pipeline {
    public static func check(_ options: BuildOptions) -> CheckedSite {
        check(options, content: nil)
    }

    /// `content`: the content folder as `build` already listed it (else listed here).
    static func check(_ options: BuildOptions, content listed: ContentListing?) -> CheckedSite {
        var timer = StageTimer()
        var diagnostics: [Diagnostic] = []
        // Keyed by kb.yml and the reference data as they are *before* they are read: a file
        // changed while this build runs then gives the next build another key, never a cache
        // entry made from other contents than its key says.
        let cacheKey = ParseCache.key(options)

        // load
        let (loadedReference, referenceProblems) = ReferenceLoader.load(siteDirectory: options.siteDirectory)
        diagnostics += referenceProblems
        var (config, configProblems) = SiteConfig.load(siteDirectory: options.siteDirectory, reference: loadedReference)
        diagnostics += configProblems
        let reference = loadedReference.localised(config.language)
        if let baseURL = options.baseURL { config.baseURL = baseURL }
        let urls = SiteURLs(baseURL: config.baseURL)
        options.progress?("load")
        let content = listed ?? ContentListing(siteDirectory: options.siteDirectory)
        let (candidates, loadProblems) = (content.candidates, content.diagnostics)
        diagnostics += loadProblems
        // Files whose stamp matches the parse cache are neither read nor parsed again.
        let cacheURL = ParseCache.location(siteDirectory: options.siteDirectory)
        let cache = options.cache ? ParseCache.load(from: cacheURL, key: cacheKey) : nil
        let stamps = content.stamps
        let unread = candidates.indices.filter { cache == nil || stamps[$0] == nil || cache?.entries[candidates[$0].path]?.stamp != stamps[$0] }
        var (files, unreadable) = ContentLoader.read(unread.map { candidates[$0] })
        diagnostics += unreadable
        // Links to other write-ups are resolved while parsing: a cached parse holds only while
        // each write-up it links to still exists (or still does not).
        let unreadablePaths = Set(unreadable.map(\.file))
        let slugs = Set(candidates.filter { !unreadablePaths.contains($0.path) }.map(\.slug))
        let rewrite = linkRewriter(slugs: slugs, urls: urls)
        var cached: [ParseCache.Entry] = []
        if let cache {
            let unreadSet = Set(unread)
            var stale: [ContentCandidate] = []
            for (index, candidate) in candidates.enumerated() where !unreadSet.contains(index) {
                if let stamp = stamps[index], let entry = cache.entry(candidate.path, stamp: stamp, slugs: slugs) {
                    cached.append(entry)
                } else {
                    stale.append(candidate)
                }
            }
            let (more, problems) = ContentLoader.read(stale)
            files += more
            diagnostics += problems
        }
        let fileCount = candidates.count
        timer.mark("load")
        options.progress?("parse: \(files.count) bestanden")

        // parse and validate each file on all cores: YAML, Markdown (see Markdown.concurrent)
        // and the per-file rules. Cross-file checks follow once every file is in.
        let parsed = concurrentMap(files.count) { index -> ParseCache.Entry in
            let file = files[index]
            let result = ParsedFile.parse(file, reference: reference, rewriteLink: rewrite)
            // A file without a stamp gets one no file has, so its entry is never reused.
            let stamp = file.stamp ?? SourceStamp(size: -1, modified: 0, changed: 0, inode: 0)
            let targets = Set(ParseCache.targets(result.body))
            return ParseCache.Entry(
                stamp: stamp, contentHash: Hash.content(file.bytes), resolved: targets.filter(slugs.contains).sorted(),
                unresolved: targets.filter { !slugs.contains($0) }.sorted(), parsed: result)
        }
        files = []
        // Written on a thread of its own while validate and link run: encoding 10,000 entries
        // was a quarter second on one core with the other idle.
        let cacheSaved =
            options.cache
            ? BackgroundJob { [cached, parsed] in
                var entries: [String: ParseCache.Entry] = [:]
                for entry in cached + parsed { entries[entry.parsed.path] = entry }
                ParseCache.save(entries: entries, fresh: parsed.map(\.parsed.path), key: cacheKey, previous: cache, to: cacheURL)
            } : nil
        let cachedSlugs = cached.map(\.parsed.slug)
        var results = (cached + parsed).sorted { $0.parsed.path < $1.parsed.path }
        timer.mark("parse")

        options.progress?("validate")
        var initiatives: [Initiative] = []
        var contentHashes: [String: UInt64] = [:]
        var frontMatterHashes: [String: UInt64] = [:]
        var documents: [ParsedFile] = []  // those with a body
        var broken: Set<String> = []
        for entry in results {
            let file = entry.parsed
            diagnostics += file.diagnostics
            if file.diagnostics.hasErrors { broken.insert(file.slug) }
            guard file.body != nil else { continue }
            documents.append(file)
            if let initiative = file.initiative {
                diagnostics += file.rules
                initiatives.append(initiative)
                contentHashes[file.slug] = entry.contentHash
                frontMatterHashes[file.slug] = file.frontMatterHash
            }
        }
        results = []
        let published = initiatives.filter { options.includeDrafts || !$0.draft }
        let publishedSlugs = Set(published.map(\.slug))
        let decodedSlugs = Set(initiatives.map(\.slug))
        timer.mark("validate")

        // The links between write-ups are checked while the catalog is built: neither needs
        // the other, and each is a serial pass over every write-up.
        options.progress?("link: \(published.count) initiatieven")
        let relatedURL = CacheFolder.file(siteDirectory: options.siteDirectory, "related.cache")
        // Keyed like the parse cache, so another kb (another ranking) never reuses the lists.
        let known = options.cache ? loadRelated(relatedURL, key: cacheKey) : nil
        let (linkProblems, catalog) = concurrently(
            {
                LinkChecker.check(
                    documents: documents.filter { publishedSlugs.contains($0.slug) || !decodedSlugs.contains($0.slug) },
                    published: publishedSlugs, broken: broken)
            },
            { Catalog(initiatives: published, reference: reference, known: known) })
        diagnostics += linkProblems
        if options.cache && known?.signature != catalog.relatedSignature {
            CacheLog.write(relatedURL, magic: "kb-related", version: 1, key: cacheKey, append: false, count: 1) { _, w in
                w.uint64(catalog.relatedSignature)
                w.array(catalog.related) { w, list in w.array(list) { $0.int($1) } }
            }
        }
        try? cacheSaved?.wait()
        timer.mark("link")

        return CheckedSite(
            config: config, reference: reference, catalog: catalog, diagnostics: diagnostics.sortedForDisplay(),
            fileCount: fileCount + loadProblems.count, timings: timer.stages, contentHashes: contentHashes, frontMatterHashes: frontMatterHashes,
            bodyFromSource: Set(cachedSlugs), parseBody: cachedSlugs.isEmpty ? nil : bodyParser(options, slugs: slugs, urls: urls))
    }

    /// Related lists of the last build with what they were computed from (see Catalog).
    static func loadRelated(_ url: URL, key: UInt64) -> (signature: UInt64, related: [[Int]])? {
        CacheLog.read(url, magic: "kb-related", version: 1, key: key) { r in
            (try r.uint64(), try r.array { try $0.array { try $0.int() } })
        }?.first
    }

    /// Links between write-ups point at the published page (with its anchor); others stay.
    static func linkRewriter(slugs: Set<String>, urls: SiteURLs) -> @Sendable (String) -> String? {
        { destination in
            guard let target = LinkChecker.internalTarget(destination), !target.slug.isEmpty, slugs.contains(target.slug) else {
                return nil
            }
            return urls.initiative(target.slug) + (target.anchor.map { "#\($0)" } ?? "")
        }
    }

    /// The body of a write-up whose parse came from the cache (which keeps neither HTML nor
    /// plain text): its file parsed again, as the first parse did it. Nil when the file can no
    /// longer be read as it was (a build that reads it again will see the change).
    static func bodyParser(_ options: BuildOptions, slugs: Set<String>, urls: SiteURLs) -> @Sendable (Initiative) -> MarkdownDocument? {
        let rewrite = linkRewriter(slugs: slugs, urls: urls)
        let site = options.siteDirectory.path
        return { initiative in
            guard case .bytes(let bytes, _) = ContentLoader.read("\(site)/\(initiative.sourcePath)"),
                case .success(let source) = SourceFile.split(bytes: bytes, path: initiative.sourcePath)
            else { return nil }
            return Markdown.render(source.body, lineOffset: source.bodyStartLine, rewriteLink: rewrite)
        }
    }

    public struct BuildResult: Sendable {
        public var site: CheckedSite
        /// Files in the finished output folder.
        public var pagesWritten: Int
        public var wrote: Bool
        /// Files actually written this time (0 when nothing changed).
        public var filesChanged: Int = 0
        /// True when every input was unchanged and no stage had to run.
        public var upToDate = false
        /// Warnings about the build itself (not the content), e.g. an unusable cache folder.
        public var notices: [String] = []
    }

    /// The first five stages: the site and its files in memory, or nil files when the content
    /// has errors. `kb serve` serves these without writing anything.
    public static func render(_ options: BuildOptions) throws -> (site: CheckedSite, files: [OutputFile]?) {
        var site = check(options)
        guard !site.diagnostics.hasErrors else { return (site, nil) }
        let sink = MemorySink()
        let searchSeconds = try render(&site, options, into: sink)
        site.timings.append(("search", searchSeconds))
        return (site, sink.sorted)
    }

    /// Renders the checked site into `sink` and records the render stage (without the search
    /// index, which it returns).
    static func render(_ site: inout CheckedSite, _ options: BuildOptions, into sink: OutputSink) throws -> Double {
        var timer = StageTimer()
        options.progress?("render: \(site.catalog.initiatives.count) initiatieven")
        var renderer = try SiteRenderer(site: site, templateDirectory: options.siteDirectory.appendingPathComponent("templates"))
        if options.cache && site.siteDigest != 0 {
            renderer.fragments = FragmentCache(url: FragmentCache.location(siteDirectory: options.siteDirectory, name: "fragments"), key: site.siteDigest)
            renderer.dataFragments = FragmentCache(url: FragmentCache.location(siteDirectory: options.siteDirectory, name: "data"), key: site.siteDigest)
            renderer.searchCache = SearchCache(siteDirectory: options.siteDirectory)
        }
        let searchSeconds: Double
        do {
            searchSeconds = try renderer.render(into: sink).searchSeconds
        } catch {
            renderer.fragments?.discard()
            renderer.dataFragments?.discard()
            throw error
        }
        renderer.fragments?.save()
        renderer.dataFragments?.save()
        timer.mark("render")
        var stages = timer.stages
        stages[stages.count - 1].seconds -= searchSeconds
        site.timings += stages
        return searchSeconds
    }

    /// Cheap fingerprint of all inputs, from file metadata (and small files' bytes). The
    /// write-ups' stamps go into the hashed bytes as they are: a String per write-up was most of it.
    static func fingerprint(_ options: BuildOptions, content: ContentListing) -> String {
        let site = BuildState.siteInputs(options)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(content.candidates.count * 72 + 4096)
        for part in site {
            bytes += part.utf8
            bytes.append(10)
        }
        content.fingerprint(into: &bytes)
        return String(Hash.content(bytes), radix: 16) + "-\(site.count)-\(content.candidates.count)"
    }

    /// Renders and writes only when the content has no errors. The output folder is checked
    /// first (kb replaces only a folder it wrote, see OutputFolder) and the site is locked
    /// against a second build. Files are written as they are rendered into a tree beside the
    /// output, which is swapped in only once everything succeeded, so a failed or killed build
    /// leaves the previous site exactly as it was. A rebuild of a folder kb wrote itself skips
    /// the pipeline when no input changed.
    public static func build(_ options: BuildOptions) throws -> BuildResult {
        var timer = StageTimer()
        let prepared = try prepare(options)
        if let unchanged = prepared.unchanged {
            timer.mark("unchanged")
            let site = CheckedSite(
                config: SiteConfig(), reference: ReferenceData(regions: [], types: []),
                catalog: Catalog(initiatives: [], reference: ReferenceData(regions: [], types: [])), diagnostics: [],
                fileCount: 0, timings: timer.stages)
            return BuildResult(site: site, pagesWritten: unchanged, wrote: true, upToDate: true, notices: prepared.notices)
        }
        timer.mark("prepare")
        // load → parse → validate → link
        var site = check(prepared.options, content: prepared.content)
        site.timings = timer.stages + site.timings
        guard !site.diagnostics.hasErrors else { return BuildResult(site: site, pagesWritten: 0, wrote: false, notices: prepared.notices) }
        let writer = try digests(&site, prepared)
        // render → search
        let searchSeconds: Double
        do {
            searchSeconds = try render(&site, prepared.options, into: writer)
        } catch {
            writer.discard()
            throw error
        }
        site.timings.append(("search", searchSeconds))
        let changed = try write(&site, writer, prepared)
        return BuildResult(site: site, pagesWritten: writer.files.count, wrote: true, filesChanged: changed, notices: prepared.notices)
    }

    /// What the "prepare" stage found: the output folder checked and locked, the content
    /// listed, and what the last build left.
    struct PreparedBuild {
        var options: BuildOptions
        var notices: [String]
        let lock: BuildLock
        let folder: OutputFolder
        let stateURL: URL
        /// The live and spare trees as the build state knows them (nil: a clean build).
        let trees: (live: OutputTable?, spare: OutputTable?, newest: Bool)?
        let content: ContentListing
        let fingerprint: String
        /// From the stamps of kb.yml, reference data and templates before any of them is read
        /// (see the parse cache's key).
        let siteDigest: UInt64
        /// The number of files when nothing changed since the last build (nil: build).
        let unchanged: Int?
    }

    /// Checks the output folder before anything touches the disk, takes the site's lock,
    /// removes what killed builds left, lists the content and compares with the last build.
    static func prepare(_ options: BuildOptions) throws -> PreparedBuild {
        var options = options
        var notices: [String] = []
        let stateURL = BuildState.location(siteDirectory: options.siteDirectory, output: options.outputDirectory)
        let live = try OutputFolder.check(
            output: options.outputDirectory, site: options.siteDirectory, force: options.force,
            hasBuildState: FileManager.default.fileExists(atPath: stateURL.path))
        let lock = try BuildLock(siteDirectory: options.siteDirectory, waiting: { options.waiting?($0) })
        if let problem = lock.cacheProblem {
            notices.append("\(problem); kb bouwt zonder cache (elke build is een volledige build)")
            options.cache = false
        }
        let parent = (live as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError.cannotWrite(path: parent, reason: "kan de map niet maken: \(error.localizedDescription)")
        }
        let folder = OutputFolder(live: live, cacheFolder: lock.cacheFolder)
        folder.removeLeftovers()
        lock.removeDeadTemporaries()
        // The content listing (and fingerprint) and the check of the output against the last
        // build's state are independent and each mostly stat calls: they run side by side.
        let listing = Prepared<(ContentListing, String)>()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { [options] in
            let content = ContentListing(siteDirectory: options.siteDirectory)
            listing.value = (content, Self.fingerprint(options, content: content))
        }
        // Without the cache, a clean build: nothing of an earlier build is trusted.
        let state = options.cache ? BuildState.load(from: stateURL) : nil
        let trees = state.map { folder.identify($0) }
        group.wait()
        let (content, fingerprint) = listing.value!
        var unchanged: Int?
        if let state, let trees, let current = trees.live, trees.newest, state.inputs == fingerprint {
            unchanged = current.count
        }
        return PreparedBuild(
            options: options, notices: notices, lock: lock, folder: folder, stateURL: stateURL, trees: trees, content: content,
            fingerprint: fingerprint, siteDigest: unchanged == nil ? BuildState.siteDigest(options) : 0, unchanged: unchanged)
    }

    /// The identities pages are digested from, and the writer that knows what the output
    /// trees hold.
    static func digests(_ site: inout CheckedSite, _ prepared: PreparedBuild) throws -> OutputWriter {
        var timer = StageTimer()
        site.siteDigest = prepared.siteDigest
        site.identities = site.catalog.initiatives.map(site.identity)
        site.frontIdentities = site.catalog.initiatives.map { initiative in
            guard let hash = site.frontMatterHashes[initiative.slug], hash != 0 else { return 0 }
            return Hash.content(initiative.slug) &+ hash
        }
        let writer = try OutputWriter(folder: prepared.folder, live: prepared.trees?.live, spare: prepared.trees?.spare)
        timer.mark("digests")
        site.timings += timer.stages
        return writer
    }

    /// Swaps the new tree in. The state is saved before the swap: whichever of the two trees is
    /// live afterwards, its marker names one of the two tables the state holds.
    static func write(_ site: inout CheckedSite, _ writer: OutputWriter, _ prepared: PreparedBuild) throws -> Int {
        var timer = StageTimer()
        prepared.options.progress?("write")
        let changed = try writer.commit { outputs in
            // Warnings do not stop a build, but a site with warnings is rebuilt every time so
            // they are shown again.
            let inputs = site.diagnostics.isEmpty ? prepared.fingerprint : ""
            BuildState(inputs: inputs, outputs: outputs, previousOutputs: prepared.trees?.live).save(to: prepared.stateURL)
        }
        timer.mark("write")
        site.timings += timer.stages
        return changed
    }
}

/// A value one thread computes for another, which reads it after waiting for the first.
private final class Prepared<Value>: @unchecked Sendable {
    var value: Value?
}

struct StageTimer {
    private var last = DispatchTime.now()
    var stages: [(stage: String, seconds: Double)] = []

    mutating func mark(_ stage: String) {
        let now = DispatchTime.now()
        stages.append((stage, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
    }
}
