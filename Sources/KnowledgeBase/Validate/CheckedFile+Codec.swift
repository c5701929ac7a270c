import Foundation

/// The binary forms of what the incremental layer keeps (see Memo): a compact encoding, not an
/// interchange format. A table written by another kb is never read (its key differs), and any
/// malformed byte makes the whole file count as absent.

extension CheckedFile {
    static let codec = MemoCodec<CheckedFile>(
        encode: { file, w in file.encode(to: &w) },
        decode: { r, slice in try CheckedFile(from: &r, slice: slice) })

    func encode(to w: inout BinaryWriter) {
        w.string(path)
        w.string(slug)
        w.optional(stamp) { w, s in
            for n in [s.size, s.modified, s.changed, s.inode] { w.int(n) }
        }
        w.uint64(contentHash)
        w.array(diagnostics) { $1.encode(to: &$0) }
        w.optional(title) { $0.string($1) }
        w.int(titleLine)
        w.optional(body) { $1.encode(to: &$0) }
        w.optional(initiative) { $1.encodeFrontMatter(to: &$0) }
        w.array(rules) { $1.encode(to: &$0) }
        w.uint64(frontMatterHash)
        w.strings(resolved)
        w.strings(unresolved)
    }

    convenience init(from r: inout BinaryReader, slice: ArraySlice<UInt8>) throws {
        let path = try r.string()
        let slug = try r.string()
        let stamp = try r.optional { SourceStamp(size: try $0.int(), modified: try $0.int(), changed: try $0.int(), inode: try $0.int()) }
        let contentHash = try r.uint64()
        let diagnostics = try r.array { try Diagnostic(from: &$0) }
        let title = try r.optional { try $0.string() }
        let titleLine = try r.int()
        let body = try r.optional { try MarkdownDocument(from: &$0, slice: slice) }
        let initiative = try r.optional { reader -> Initiative in
            guard let body else { throw BinaryReader.Malformed() }
            return try Initiative(from: &reader, body: body)
        }
        let rules = try r.array { try Diagnostic(from: &$0) }
        let frontMatterHash = try r.uint64()
        let resolved = try r.strings()
        let unresolved = try r.strings()
        self.init(
            path: path, slug: slug, stamp: stamp, contentHash: contentHash, diagnostics: diagnostics, title: title, titleLine: titleLine,
            body: body, initiative: initiative, rules: rules, frontMatterHash: frontMatterHash, resolved: resolved, unresolved: unresolved)
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
    /// The HTML and plain text last, so a decoded body keeps them as bytes in place.
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
        var (html, plainText) = (html, plainText)
        html.withUTF8 { html in
            plainText.withUTF8 { text in
                w.int(html.count)
                w.int(text.count)
                w.bytes += html
                w.bytes += text
            }
        }
    }

    init(from r: inout BinaryReader, slice: ArraySlice<UInt8>) throws {
        headings = try r.array { Heading(level: try $0.int(), text: try $0.string(), id: try $0.string()) }
        links = try r.array { Link(destination: try $0.string(), line: try $0.int(), column: try $0.int()) }
        let htmlCount = try r.count()
        let textCount = try r.count()
        let start = slice.startIndex + r.offset
        try r.skip(htmlCount + textCount)
        text = .stored(slice[start..<start + htmlCount + textCount], htmlCount: htmlCount)
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
        w.array(basedOn) { w, b in
            w.string(b.slug)
            w.int(b.line)
            w.int(b.column)
        }
        w.optional(reviewed) { w, d in
            w.string(d.date)
            w.int(d.line)
            w.int(d.column)
        }
        w.optional(stoppedReason) { $0.string($1) }
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
        let basedOn = try r.array { SlugReference(slug: try $0.string(), line: try $0.int(), column: try $0.int()) }
        let reviewed = try r.optional { Dated(date: try $0.string(), line: try $0.int(), column: try $0.int()) }
        let stoppedReason = try r.optional { try $0.string() }
        self.init(
            slug: slug, sourcePath: sourcePath, title: title, summary: summary, types: types, regionCode: regionCode,
            municipalities: municipalities, status: status, period: period, partners: partners, funding: funding,
            businessCase: businessCase, results: results, evidenceLevel: evidenceLevel, tags: tags, sources: sources, contact: contact,
            updated: updated, draft: draft, body: body, basedOn: basedOn, reviewed: reviewed, stoppedReason: stoppedReason)
    }
}
