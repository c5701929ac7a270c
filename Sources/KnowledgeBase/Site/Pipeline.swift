import Foundation

/// The one pipeline: load → parse → validate → link → render → write. `kb check` stops after
/// link, `kb build` goes on; `kb serve` runs the same again on change.
public struct BuildOptions: Sendable {
    public var siteDirectory: URL
    public var outputDirectory: URL
    public var includeDrafts: Bool
    public var baseURL: String?
    public var verbose: Bool
    /// Called as each stage starts ("parse: 10.000 bestanden"), for a progress line on a terminal.
    public var progress: (@Sendable (String) -> Void)?

    public init(siteDirectory: URL, outputDirectory: URL? = nil, includeDrafts: Bool = false, baseURL: String? = nil, verbose: Bool = false) {
        self.siteDirectory = siteDirectory.standardizedFileURL
        self.outputDirectory = (outputDirectory ?? siteDirectory.appendingPathComponent("public")).standardizedFileURL
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
        self.verbose = verbose
    }
}

/// What the first four stages hand on: a validated, cross-linked site.
public struct CheckedSite: Sendable {
    public var config: SiteConfig
    public var reference: ReferenceData
    public var catalog: Catalog
    public var diagnostics: [Diagnostic]
    /// Content files looked at, for the summary line.
    public var fileCount: Int
    public var timings: [(stage: String, seconds: Double)]
}

public enum Pipeline {
    public static func check(_ options: BuildOptions) -> CheckedSite {
        var timer = StageTimer()
        var diagnostics: [Diagnostic] = []

        // load
        let (loadedReference, referenceProblems) = ReferenceLoader.load(siteDirectory: options.siteDirectory)
        diagnostics += referenceProblems
        var (config, configProblems) = SiteConfig.load(siteDirectory: options.siteDirectory, reference: loadedReference)
        diagnostics += configProblems
        let reference = loadedReference.localised(config.language)
        if let baseURL = options.baseURL { config.baseURL = baseURL }
        let urls = SiteURLs(baseURL: config.baseURL)
        options.progress?("load")
        var (files, loadProblems) = ContentLoader.load(siteDirectory: options.siteDirectory)
        let fileCount = files.count
        diagnostics += loadProblems
        timer.mark("load")
        options.progress?("parse: \(files.count) bestanden")

        // parse and validate each file on all cores: YAML, Markdown (cmark-gfm holds its own
        // process-wide lock, so one thread parses Markdown while the other reads YAML) and the
        // per-file rules. Cross-file checks follow once every file is in.
        let slugs = Set(files.map(\.slug))
        var results = concurrentMap(files.count) { index in
            ParsedFile.parse(files[index], reference: reference) { destination in
                guard let target = LinkChecker.internalTarget(destination), !target.slug.isEmpty, slugs.contains(target.slug) else {
                    return nil
                }
                return urls.initiative(target.slug) + (target.anchor.map { "#\($0)" } ?? "")
            }
        }
        files = []
        timer.mark("parse")

        options.progress?("validate")
        var initiatives: [Initiative] = []
        var documents: [(path: String, slug: String, title: String?, titleLine: Int, body: MarkdownDocument)] = []
        var broken: Set<String> = []
        for file in results {
            diagnostics += file.front.diagnostics
            if file.front.diagnostics.hasErrors { broken.insert(file.front.slug) }
            guard let body = file.body else { continue }
            let root = file.front.root
            documents.append((file.front.path, file.front.slug, root?.present("title")?.string, root?.keyNode("title")?.line ?? 2, body))
            if let initiative = file.initiative {
                diagnostics += file.rules
                initiatives.append(initiative)
            }
        }
        results = []
        let published = initiatives.filter { options.includeDrafts || !$0.draft }
        let publishedSlugs = Set(published.map(\.slug))
        let decodedSlugs = Set(initiatives.map(\.slug))
        diagnostics += LinkChecker.check(
            documents: documents.filter { publishedSlugs.contains($0.slug) || !decodedSlugs.contains($0.slug) },
            published: publishedSlugs, broken: broken)
        timer.mark("validate")

        options.progress?("link: \(published.count) initiatieven")
        let catalog = Catalog(initiatives: published, reference: reference)
        timer.mark("link")

        return CheckedSite(
            config: config, reference: reference, catalog: catalog, diagnostics: diagnostics.sortedForDisplay(),
            fileCount: fileCount + loadProblems.count, timings: timer.stages)
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
        let renderer = try SiteRenderer(site: site, templateDirectory: options.siteDirectory.appendingPathComponent("templates"))
        let (_, searchSeconds) = try renderer.render(into: sink)
        timer.mark("render")
        var stages = timer.stages
        stages[stages.count - 1].seconds -= searchSeconds
        site.timings += stages
        return searchSeconds
    }

    /// Renders and writes only when the content has no errors. Files are written as they are
    /// rendered into a staging folder, and the output changes only once everything succeeded
    /// (a clean build swaps folders, a rebuild renames each changed file into place), so a
    /// failed build leaves the previous site exactly as it was. A rebuild of a folder kb wrote
    /// itself skips the pipeline when no input changed.
    public static func build(_ options: BuildOptions) throws -> BuildResult {
        let stateURL = BuildState.location(siteDirectory: options.siteDirectory, output: options.outputDirectory)
        let fingerprint = BuildState.fingerprint(options)
        let previous = BuildState.load(from: stateURL).flatMap { $0.outputIntact(options.outputDirectory) ? $0 : nil }
        if let previous, previous.inputs == fingerprint {
            var timer = StageTimer()
            timer.mark("unchanged")
            let site = CheckedSite(
                config: SiteConfig(), reference: ReferenceData(regions: [], types: []),
                catalog: Catalog(initiatives: [], reference: ReferenceData(regions: [], types: [])), diagnostics: [],
                fileCount: 0, timings: timer.stages)
            return BuildResult(site: site, pagesWritten: previous.outputs.count, wrote: true, filesChanged: 0, upToDate: true)
        }
        var site = check(options)
        guard !site.diagnostics.hasErrors else { return BuildResult(site: site, pagesWritten: 0, wrote: false) }
        if previous == nil { try? FileManager.default.removeItem(at: stateURL) }
        let writer = try OutputWriter(output: options.outputDirectory, previous: previous)
        let searchSeconds: Double
        do {
            searchSeconds = try render(&site, options, into: writer)
        } catch {
            writer.discard()
            throw error
        }
        var timer = StageTimer()
        options.progress?("write")
        let changed = try writer.commit()
        let outputs = writer.files
        // Warnings do not stop a build, but a site with warnings is rebuilt every time so
        // they are shown again.
        BuildState(inputs: site.diagnostics.isEmpty ? fingerprint : "", outputs: outputs).save(to: stateURL)
        timer.mark("write")
        site.timings.append(("search", searchSeconds))
        site.timings += timer.stages
        return BuildResult(site: site, pagesWritten: outputs.count, wrote: true, filesChanged: changed)
    }
}

/// One content file through parse and the per-file checks; runs off the main thread.
struct ParsedFile: Sendable {
    var front: FrontMatterResult
    var body: MarkdownDocument?
    /// Decoded only when the front matter has no errors.
    var initiative: Initiative?
    var rules: [Diagnostic] = []

    static func parse(_ file: RawFile, reference: ReferenceData, rewriteLink: (String) -> String?) -> ParsedFile {
        var front = FrontMatterResult.parse(file, reference: reference)
        guard let source = front.source else { return ParsedFile(front: front) }
        let body = Markdown.render(source.body, lineOffset: source.bodyStartLine, rewriteLink: rewriteLink)
        // The text is in the YAML tree and the Markdown document now; 10,000 copies of it
        // would only raise the peak memory of the stages after this one.
        front.source = nil
        guard let root = front.root, !front.diagnostics.hasErrors else { return ParsedFile(front: front, body: body) }
        let initiative = InitiativeDecoder.decode(root, slug: front.slug, path: front.path, reference: reference, body: body)
        return ParsedFile(front: front, body: body, initiative: initiative, rules: DomainRules.check(initiative, root: root))
    }
}

/// Front matter of one file, parsed and validated against the schema; runs off the main thread.
struct FrontMatterResult: Sendable {
    var path: String
    var slug: String
    var source: SourceFile?
    var root: YAMLValue?
    var diagnostics: [Diagnostic]

    static func parse(_ file: RawFile, reference: ReferenceData) -> FrontMatterResult {
        switch SourceFile.split(bytes: file.bytes, path: file.path) {
        case .failure(let diagnostic):
            return FrontMatterResult(path: file.path, slug: file.slug, source: nil, root: nil, diagnostics: [diagnostic])
        case .success(let source):
            switch YAMLReader.read(source.frontMatter, path: file.path, lineOffset: source.frontMatterStartLine) {
            case .failure(let diagnostic):
                return FrontMatterResult(path: file.path, slug: file.slug, source: source, root: nil, diagnostics: [diagnostic])
            case .success(let root):
                var validator = SchemaValidator(path: file.path, reference: reference)
                validator.validateRoot(root, fields: FrontMatterSchema.fields)
                return FrontMatterResult(path: file.path, slug: file.slug, source: source, root: root, diagnostics: validator.diagnostics)
            }
        }
    }
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
