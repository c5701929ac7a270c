import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What identifies one version of a source file without reading it: size, modification and
/// change times and inode. Tools can set a file's mtime back, never its ctime, so an edit
/// always changes the stamp.
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
}

/// Parse results of earlier builds, per content file, in SITE/.kb-cache/: a rebuild reads and
/// parses only the files whose stamp changed. An entry is used only when everything its parse
/// depended on is the same: the file (stamp), kb itself, kb.yml and the reference data (the
/// key), and, for each link to another write-up, whether that write-up exists.
///
/// Bodies' HTML and plain text are left out (they are most of the size; only pages rendered
/// again and search blocks tokenised again need them: `Pipeline.bodyParser` parses those
/// files again). The file is a log: a rebuild
/// appends the entries it parsed, later entries win, and it is written anew when the key
/// changed or most of it is superseded.
struct ParseCache {
    static let formatVersion = 6

    struct Entry: Sendable {
        var stamp: SourceStamp
        /// Hash of the file's bytes: what later stages use to tell whether a write-up changed.
        var contentHash: UInt64
        /// Slugs of the write-ups its links point at that existed when it was parsed, and
        /// those that did not.
        var resolved: [String]
        var unresolved: [String]
        var parsed: ParsedFile
    }

    var key: UInt64
    var entries: [String: Entry]
    /// Records in the file, superseded ones included.
    var records = 0

    static func location(siteDirectory: URL) -> URL {
        CacheFolder.file(siteDirectory: siteDirectory, "parse.cache")
    }

    /// The inputs every parse depends on besides the file itself.
    static func key(_ options: BuildOptions) -> UInt64 {
        let site = options.siteDirectory.path
        var parts = ["v\(formatVersion)", FileWalker.executableStamp(), "base:\(options.baseURL ?? "-")"]
        for file in ["kb.yml", "content/regions.yml", "content/types.yml"] {
            parts.append(FileManager.default.contents(atPath: "\(site)/\(file)").map { String(Hash.content([UInt8]($0)), radix: 16) } ?? "-")
        }
        return Hash.content(parts.joined(separator: "\n"))
    }

    /// Link targets of a parsed body that are other write-ups.
    static func targets(_ body: MarkdownDocument?) -> [String] {
        (body?.links ?? []).compactMap { link in
            guard let target = LinkChecker.internalTarget(link.destination), !target.slug.isEmpty else { return nil }
            return target.slug
        }
    }

    /// The cached parse of `path` if its stamp is `stamp` and its links resolve as they did.
    func entry(_ path: String, stamp: SourceStamp, slugs now: Set<String>) -> Entry? {
        guard let entry = entries[path], entry.stamp == stamp, entry.resolved.allSatisfy(now.contains),
            !entry.unresolved.contains(where: now.contains)
        else { return nil }
        return entry
    }

    static func load(from url: URL, key: UInt64) -> ParseCache? {
        let records = CacheLog.read(url, magic: "kb-parse-cache", version: formatVersion, key: key) { r -> (String, Entry) in
            let path = try r.string()
            let stamp = SourceStamp(size: try r.int(), modified: try r.int(), changed: try r.int(), inode: try r.int())
            let hash = try r.uint64()
            let entry = Entry(stamp: stamp, contentHash: hash, resolved: try r.strings(), unresolved: try r.strings(), parsed: try ParsedFile(from: &r))
            return (path, entry)
        }
        guard let records else { return nil }
        var entries: [String: Entry] = [:]
        entries.reserveCapacity(records.count)
        for (path, entry) in records { entries[path] = entry }
        return ParseCache(key: key, entries: entries, records: records.count)
    }

    /// Saves `entries` given what is on disk (`previous`, read with the same key): appends the
    /// `fresh` ones when the file is still mostly current, else writes it anew.
    static func save(entries: [String: Entry], fresh: [String], key: UInt64, previous: ParseCache?, to url: URL) {
        let append = previous.map { $0.key == key && $0.records + fresh.count <= 2 * entries.count + 16 } ?? false
        if append && fresh.isEmpty { return }
        let paths = append ? fresh.sorted() : entries.keys.sorted()
        CacheLog.write(url, magic: "kb-parse-cache", version: formatVersion, key: key, append: append, count: paths.count) { index, w in
            let path = paths[index]
            guard let entry = entries[path] else { return }
            w.string(path)
            for n in [entry.stamp.size, entry.stamp.modified, entry.stamp.changed, entry.stamp.inode] { w.int(n) }
            w.uint64(entry.contentHash)
            w.strings(entry.resolved)
            w.strings(entry.unresolved)
            entry.parsed.encode(to: &w)
        }
    }
}

// MARK: - Binary forms of the parse results

extension ParsedFile {
    func encode(to w: inout BinaryWriter) {
        w.string(path)
        w.string(slug)
        w.array(diagnostics) { $1.encode(to: &$0) }
        w.optional(title) { $0.string($1) }
        w.int(titleLine)
        w.optional(body) { $1.encode(to: &$0) }
        w.optional(initiative) { $1.encodeFrontMatter(to: &$0) }
        w.array(rules) { $1.encode(to: &$0) }
        w.uint64(frontMatterHash)
    }

    convenience init(from r: inout BinaryReader) throws {
        let path = try r.string()
        let slug = try r.string()
        let diagnostics = try r.array { try Diagnostic(from: &$0) }
        let title = try r.optional { try $0.string() }
        let titleLine = try r.int()
        let body = try r.optional { try MarkdownDocument(from: &$0) }
        let initiative = try r.optional { reader -> Initiative in
            guard let body else { throw BinaryReader.Malformed() }
            return try Initiative(from: &reader, body: body)
        }
        self.init(
            path: path, slug: slug, diagnostics: diagnostics, title: title, titleLine: titleLine, body: body, initiative: initiative,
            rules: try r.array { try Diagnostic(from: &$0) }, frontMatterHash: try r.uint64())
    }
}

extension Diagnostic {
    func encode(to w: inout BinaryWriter) {
        w.raw(severity)
        w.raw(code)
        w.string(file)
        w.int(line)
        w.int(column)
        w.string(message)
    }

    init(from r: inout BinaryReader) throws {
        let severity = try r.raw(Severity.self)
        let code = try r.raw(DiagnosticCode.self)
        self.init(severity, code, file: try r.string(), line: try r.int(), column: try r.int(), try r.string())
    }
}

extension MarkdownDocument {
    /// Without `html` and `plainText` (see ParseCache).
    func encode(to w: inout BinaryWriter) {
        w.array(headings) { w, h in
            w.int(h.level)
            w.string(h.text)
            w.string(h.id)
        }
        w.array(links) { w, l in
            w.string(l.destination)
            w.int(l.line)
            w.int(l.column)
        }
    }

    init(from r: inout BinaryReader) throws {
        html = ""
        plainText = ""
        headings = try r.array { Heading(level: try $0.int(), text: try $0.string(), id: try $0.string()) }
        links = try r.array { Link(destination: try $0.string(), line: try $0.int(), column: try $0.int()) }
    }
}

extension YearMonth {
    fileprivate init(year: Int, month: Int?) throws {
        guard let value = YearMonth(month.map { "\(year)-\($0 < 10 ? "0" : "")\($0)" } ?? "\(year)") else { throw BinaryReader.Malformed() }
        self = value
    }

    fileprivate func encode(to w: inout BinaryWriter) {
        w.int(year)
        w.optional(month) { $0.int($1) }
    }

    fileprivate init(from r: inout BinaryReader) throws {
        try self.init(year: try r.int(), month: try r.optional { try $0.int() })
    }
}

extension Initiative {
    /// Everything but the body, which the parsed file holds once.
    func encodeFrontMatter(to w: inout BinaryWriter) {
        w.string(slug)
        w.string(sourcePath)
        w.string(title)
        w.string(summary)
        w.strings(types)
        w.string(regionCode)
        w.strings(municipalities)
        w.raw(status)
        period.start.encode(to: &w)
        w.optional(period.end) { $1.encode(to: &$0) }
        w.array(partners) { w, p in
            w.string(p.name)
            w.raw(p.kind)
        }
        w.array(funding) { $0.raw($1) }
        w.optional(businessCase) { w, bc in
            w.int(bc.investment)
            w.array(bc.contributions) { w, c in
                w.raw(c.kind)
                w.int(c.amount)
            }
            w.int(bc.expectedWlzSavings)
            w.optional(bc.horizonYears) { $0.int($1) }
            w.optional(bc.realisedWlzSavings) { $0.int($1) }
        }
        w.optional(results) { w, r in
            w.optional(r.participants) { $0.int($1) }
            w.optional(r.admissionsPreventedOrDelayedPct) { $0.double($1) }
            w.optional(r.averageDelayMonths) { $0.double($1) }
            w.optional(r.qualityOfLife) { $0.string($1) }
            w.optional(r.caregiverBurden) { $0.string($1) }
            w.optional(r.evaluator) { $0.string($1) }
        }
        w.optional(evidenceLevel) { $0.raw($1) }
        w.strings(tags)
        w.array(sources) { w, s in
            w.string(s.title)
            w.string(s.url)
        }
        w.optional(contact) { w, c in
            w.optional(c.name) { $0.string($1) }
            w.optional(c.organisation) { $0.string($1) }
            w.optional(c.email) { $0.string($1) }
        }
        w.optional(updated) { $0.string($1) }
        w.bool(draft)
    }

    convenience init(from r: inout BinaryReader, body: MarkdownDocument) throws {
        let slug = try r.string()
        let sourcePath = try r.string()
        let title = try r.string()
        let summary = try r.string()
        let types = try r.strings()
        let regionCode = try r.string()
        let municipalities = try r.strings()
        let status = try r.raw(Status.self)
        let period = Period(start: try YearMonth(from: &r), end: try r.optional { try YearMonth(from: &$0) })
        let partners = try r.array { Partner(name: try $0.string(), kind: try $0.raw(PartnerKind.self)) }
        let funding = try r.array { try $0.raw(Funding.self) }
        let businessCase = try r.optional { r in
            BusinessCase(
                investment: try r.int(), contributions: try r.array { (kind: try $0.raw(PartnerKind.self), amount: try $0.int()) },
                expectedWlzSavings: try r.int(), horizonYears: try r.optional { try $0.int() },
                realisedWlzSavings: try r.optional { try $0.int() })
        }
        let results = try r.optional { r in
            Results(
                participants: try r.optional { try $0.int() }, admissionsPreventedOrDelayedPct: try r.optional { try $0.double() },
                averageDelayMonths: try r.optional { try $0.double() }, qualityOfLife: try r.optional { try $0.string() },
                caregiverBurden: try r.optional { try $0.string() }, evaluator: try r.optional { try $0.string() })
        }
        let evidenceLevel = try r.optional { try $0.raw(EvidenceLevel.self) }
        let tags = try r.strings()
        let sources = try r.array { Source(title: try $0.string(), url: try $0.string()) }
        let contact = try r.optional { r in
            Contact(name: try r.optional { try $0.string() }, organisation: try r.optional { try $0.string() }, email: try r.optional { try $0.string() })
        }
        let updated = try r.optional { try $0.string() }
        let draft = try r.bool()
        self.init(
            slug: slug, sourcePath: sourcePath, title: title, summary: summary, types: types, regionCode: regionCode,
            municipalities: municipalities, status: status, period: period, partners: partners, funding: funding,
            businessCase: businessCase, results: results, evidenceLevel: evidenceLevel, tags: tags, sources: sources, contact: contact,
            updated: updated, draft: draft, body: body)
    }
}
