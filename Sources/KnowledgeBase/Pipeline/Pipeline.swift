import Foundation

/// The one pipeline: list → read → parse → validate → link → render → search → write, each
/// stage a function in the folder of its name, handing its value to the next. `kb check` stops
/// after link, `kb build` goes on; `kb serve` runs render and search into memory. What a
/// rebuild reuses comes from the incremental layer (`BuildMemo`), never from a stage's own
/// file.
public enum Pipeline {
    public static func check(_ options: BuildOptions) -> CheckedSite {
        check(options, memo: BuildMemo(options))
    }

    /// list → read → parse → validate → link. `content`: the content folder as `build`
    /// already listed it; `siteDigest`: see `link`.
    static func check(_ options: BuildOptions, memo: BuildMemo, content listed: ContentListing? = nil, siteDigest: UInt64 = 0) -> CheckedSite {
        var timer = StageTimer(options.progress)
        let content = listed ?? list(options)
        timer.mark("list")
        let site = read(site: options)
        let known = memo.remembered(content)
        let input = read(content, known: known.map { $0?.links })
        let pageFiles = read(content.pages)
        timer.mark("read", "\(input.files.count) bestanden")
        let urls = SiteURLs(baseURL: site.config.baseURL)
        let parsed = parse(input.files, slugs: input.slugs, urls: urls)
        let parsedPages = parse(pageFiles.files, slugs: input.slugs, urls: urls)
        timer.mark("parse")
        let validated = validate(parsed, reference: site.reference, slugs: input.slugs)
        let pages = validatePages(parsedPages, reference: site.reference)
        let recorded = memo.record(validated)
        timer.mark("validate")
        let remembered = known.indices.compactMap { input.kept[$0] ? known[$0] : nil }
        var (checked, problems) = link(
            remembered + validated, pages: pages.pages, site: site, options: options, related: memo.related, siteDigest: siteDigest)
        try? recorded.wait()
        memo.related.save()
        timer.mark("link", "\(checked.catalog.initiatives.count) initiatieven")
        let pageProblems = pageFiles.diagnostics + pages.diagnostics
        checked.diagnostics = (site.diagnostics + content.diagnostics + input.diagnostics + pageProblems + problems).sortedForDisplay()
        checked.fileCount = content.candidates.count + content.pages.count + content.diagnostics.count
        checked.timings = timer.stages
        return checked
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

    /// Everything but write: the site and its files in memory, or nil files when the content
    /// has errors. `kb serve` serves these without writing anything.
    public static func render(_ options: BuildOptions) throws -> (site: CheckedSite, files: [OutputFile]?) {
        let memo = BuildMemo(options)
        var site = check(options, memo: memo)
        guard !site.diagnostics.hasErrors else { return (site, nil) }
        let sink = MemorySink()
        try render(&site, options, memo: memo, into: sink)
        return (site, sink.sorted)
    }

    /// Stages "render" and "search": every file of the site into `sink`, each as soon as it is
    /// made. A file whose declared inputs give the digest of the file the sink already holds is
    /// kept; what the memo tables recorded is saved only when both stages succeeded.
    static func render(_ site: inout CheckedSite, _ options: BuildOptions, memo: BuildMemo, into sink: OutputSink) throws {
        var timer = StageTimer(options.progress)
        let wordList = readWordList(options)
        do {
            let renderer = try SiteRenderer(
                site: site, templateDirectory: options.siteDirectory.appendingPathComponent("templates"), cards: memo.cards, data: memo.data)
            _ = try renderer.render(into: sink)
            timer.mark("render")
            let words = try wordList.wait()
            site.notes.append(
                words.map { "woordenlijst: \($0.path) (\($0.count) woorden)" }
                    ?? "geen woordenlijst (\(options.wordList.isEmpty ? "uitgezet" : options.wordList + " ontbreekt")): "
                    + "samenstellingen alleen gesplitst op woorden uit de inhoud; installeer wdutch (make deps)")
            _ = try search(site, blocks: memo.searchBlocks, wordList: words, into: sink)
            timer.mark("search")
        } catch {
            memo.discardRendered()
            throw error
        }
        memo.cards.save()
        memo.data.save()
        memo.searchBlocks.save()
        site.timings += timer.stages
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
        var timer = StageTimer(options.progress)
        let prepared = try prepare(options)
        timer.mark("prepare")
        if let unchanged = prepared.unchanged {
            let site = CheckedSite(
                config: SiteConfig(), reference: ReferenceData(regions: [], types: []),
                catalog: Catalog(initiatives: [], reference: ReferenceData(regions: [], types: [])), diagnostics: [],
                fileCount: 0, timings: timer.stages)
            return BuildResult(site: site, pagesWritten: unchanged, wrote: true, upToDate: true, notices: prepared.notices)
        }
        let memo = BuildMemo(prepared.options, siteDigest: prepared.siteDigest)
        var site = check(prepared.options, memo: memo, content: prepared.content, siteDigest: prepared.siteDigest)
        site.timings = timer.stages + site.timings
        guard !site.diagnostics.hasErrors else { return BuildResult(site: site, pagesWritten: 0, wrote: false, notices: prepared.notices) }
        let writer = try OutputWriter(folder: prepared.folder, live: prepared.trees?.live, spare: prepared.trees?.spare)
        do {
            try render(&site, prepared.options, memo: memo, into: writer)
        } catch {
            writer.discard()
            throw error
        }
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

    /// Swaps the new tree in. The state is saved before the swap: whichever of the two trees is
    /// live afterwards, its marker names one of the two tables the state holds.
    static func write(_ site: inout CheckedSite, _ writer: OutputWriter, _ prepared: PreparedBuild) throws -> Int {
        var timer = StageTimer(prepared.options.progress)
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

/// Times the stages, names each as it ends (the names `--verbose` prints), and tells a person
/// watching which stage runs.
struct StageTimer {
    private var last = DispatchTime.now()
    private let progress: (@Sendable (String) -> Void)?
    var stages: [(stage: String, seconds: Double)] = []

    init(_ progress: (@Sendable (String) -> Void)? = nil) { self.progress = progress }

    /// Ends `stage`; `detail` goes to the progress line.
    mutating func mark(_ stage: String, _ detail: String? = nil) {
        let now = DispatchTime.now()
        stages.append((stage, Double(now.uptimeNanoseconds - last.uptimeNanoseconds) / 1e9))
        last = now
        progress?(detail.map { "\(stage): \($0)" } ?? stage)
    }
}
