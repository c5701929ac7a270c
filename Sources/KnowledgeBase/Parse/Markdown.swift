import CCmarkGFM
import CmarkTables
import Foundation
import Synchronization

/// The cmark-gfm wrapper. Stock libcmark-gfm keeps its extensions' special characters in
/// process-global tables that every parse changes (github/cmark-gfm#176), so two parses at once
/// can corrupt each other's output. The CmarkTables target makes those tables constant; when
/// that works (checked once at start) parses run on all cores, otherwise every parse takes one
/// process-wide lock as before.
public enum Markdown {
    private static let lock = SpinLock()
    /// True when the tables are constant and parses need no lock.
    static let concurrent: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        guard let parser = makeParser() else { return false }
        defer { cmark_parser_free(parser) }
        guard kb_cmark_freeze_special_characters(UnsafeMutableRawPointer(parser)) == 1 else { return false }
        // The hook only works if the library's own call reaches it: a first parse tells.
        let probe = "~~x~~ www.example.nl"
        cmark_parser_feed(parser, probe, probe.utf8.count)
        guard let root = cmark_parser_finish(parser) else { return false }
        defer { cmark_node_free(root) }
        guard let html = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser)) else { return false }
        defer { free(html) }
        return kb_cmark_hook_called() == 1 && strstr(html, "<del>x</del>") != nil
    }()

    /// A parser with kb's extensions attached.
    private static func makeParser() -> OpaquePointer? {
        guard let parser = cmark_parser_new(options) else { return nil }
        for name in extensionNames {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        return parser
    }

    /// Runs `body` under the lock unless parses are `concurrent`.
    private static func exclusive<T>(_ body: () -> T) -> T { concurrent ? body() : lock.withLock(body) }

    /// No CMARK_OPT_GITHUB_PRE_LANG: it writes a fence's info string as `<pre lang="swift">`,
    /// which is not a language tag (Nu validator error, axe valid-lang); without it the
    /// language becomes `<code class="language-swift">`.
    static let options = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

    /// - Parameters:
    ///   - lineOffset: file line of the first body line, so link positions are file-relative.
    ///   - rewriteLink: maps an author's destination to the published one, or nil to keep it.
    public static func render(
        _ source: String, lineOffset: Int = 1, rewriteLink: (String) -> String? = { _ in nil }
    ) -> MarkdownDocument {
        let raw = parse(source, lineOffset: lineOffset, rewriteLink: rewriteLink)
        return MarkdownDocument(
            html: raw.html, plainText: collapseSpaces(raw.text), headings: raw.headings, links: raw.links)
    }

    /// Without `concurrent`, creating, feeding and freeing a parser hold the lock; walking and
    /// rendering the finished tree only touch this document's own nodes, so they never do.
    private static func parse(
        _ source: String, lineOffset: Int, rewriteLink: (String) -> String?
    ) -> (html: String, text: [UInt8], headings: [MarkdownDocument.Heading], links: [MarkdownDocument.Link]) {
        let tree = exclusive { () -> (parser: OpaquePointer, root: OpaquePointer)? in
            guard let parser = makeParser() else { return nil }
            source.utf8CString.withUnsafeBufferPointer { buffer in
                cmark_parser_feed(parser, buffer.baseAddress, buffer.count - 1)
            }
            guard let root = cmark_parser_finish(parser) else {
                cmark_parser_free(parser)
                return nil
            }
            return (parser, root)
        }
        guard let (parser, root) = tree else { return ("", [], [], []) }

        var walk = BodyWalk(source: source, lineOffset: lineOffset)
        let iterator = cmark_iter_new(root)
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_ENTER {
                walk.enter(node, rewriteLink: rewriteLink)
            } else if event == CMARK_EVENT_EXIT {
                walk.exit(node)
            }
        }
        cmark_iter_free(iterator)
        let (text, headings, links) = (walk.text, walk.headings, walk.links)
        for heading in walk.emptyHeadings { demote(heading) }

        let rendered = cmark_render_html(root, options, cmark_parser_get_syntax_extensions(parser))
        cmark_node_free(root)
        exclusive { cmark_parser_free(parser) }
        guard let rendered else { return ("", text, headings, links) }
        // Heading ids and cell classes go in while the bytes become a String: one copy of the HTML.
        let length = strlen(rendered)
        let html = rendered.withMemoryRebound(to: UInt8.self, capacity: length) {
            finish(UnsafeBufferPointer(start: $0, count: length), headings)
        }
        free(rendered)
        return (html, text, headings, links)
    }

    fileprivate static func plainText(of heading: OpaquePointer) -> String {
        var out = ""
        let iterator = cmark_iter_new(heading)
        defer { cmark_iter_free(iterator) }
        while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let type = cmark_node_get_type(node)
            if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE, let literal = cmark_node_get_literal(node) {
                out += String(cString: literal)
            } else if type == CMARK_NODE_SOFTBREAK {
                out += " "
            }
        }
        // Headings rarely start or end with a space; skip NSString then.
        guard let first = out.utf8.first, let last = out.utf8.last, first != 32, first != 9, last != 32, last != 9, first < 128, last < 128
        else { return out.trimmingCharacters(in: .whitespaces) }
        return out
    }

    /// GitHub-style anchor: folded, spaces to '-', other punctuation dropped.
    /// "Geleerde lessen" → "geleerde-lessen", "Cliënt & zorg" → "client--zorg" → collapsed.
    public static func headingID(_ title: String) -> String {
        var out = ""
        for scalar in Text.fold(title).unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" {
                out.unicodeScalars.append(scalar)
            } else if scalar == " " || scalar == "-" {
                if !out.hasSuffix("-") { out.append("-") }
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        while out.hasPrefix("-") { out.removeFirst() }
        return out
    }

    /// Ids the templates give their own elements: `inhoud` (the `<main>`), `sectie-…` (the
    /// initiative page's sections) and cmark-gfm's footnotes (`fn-…`, `fnref-…`). A heading
    /// whose id would be one of them gets `kop-` in front, so no page has an id twice.
    static func isReserved(_ id: String) -> Bool {
        id == "inhoud" || id.hasPrefix("sectie-") || id.hasPrefix("fn-") || id.hasPrefix("fnref-")
    }

    /// Replaces a heading without text by a paragraph with the same children (an image
    /// without alt text, say), or removes it when it has none.
    private static func demote(_ heading: OpaquePointer) {
        guard cmark_node_first_child(heading) != nil, let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH) else {
            cmark_node_unlink(heading)
            cmark_node_free(heading)
            return
        }
        while let child = cmark_node_first_child(heading) { cmark_node_append_child(paragraph, child) }
        cmark_node_replace(heading, paragraph)
        cmark_node_free(heading)
    }

    /// The tags cmark-gfm gives aligned table cells, and what kb writes instead: the `align`
    /// attribute is obsolete in HTML5 and a strict CSP forbids `style`, so kb.css aligns by class.
    private static let cellAlignments: [(from: [UInt8], to: [UInt8])] = ["th", "td"].flatMap { tag in
        [("left", "links"), ("center", "midden"), ("right", "rechts")].map { align, dutch in
            (Array("<\(tag) align=\"\(align)\">".utf8), Array("<\(tag) class=\"uitlijning-\(dutch)\">".utf8))
        }
    }

    /// Adds the heading ids and rewrites aligned cells. Raw HTML is never passed through, so
    /// every `<` in cmark-gfm's output starts one of its own tags (text has `&lt;`): every
    /// `<hN>` is the next heading in document order, every `<td align="…">` a table cell.
    private static func finish(_ bytes: UnsafeBufferPointer<UInt8>, _ headings: [MarkdownDocument.Heading]) -> String {
        guard let base = bytes.baseAddress else { return "" }
        var out: [UInt8] = []
        var nextHeading = 0
        var position = 0
        var index = 0
        func replace(_ length: Int, with replacement: some Sequence<UInt8>) {
            if out.isEmpty { out.reserveCapacity(bytes.count + headings.count * 32 + 256) }
            out += UnsafeBufferPointer(rebasing: bytes[position..<index])
            out += replacement
            index += length
            position = index
        }
        // memchr skips the text between tags, which is most of the bytes.
        while index < bytes.count, let found = memchr(base + index, 60, bytes.count - index) {
            index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            let rest = bytes.count - index
            if rest >= 4, bytes[index + 1] == 104, bytes[index + 3] == 62, nextHeading < headings.count,
                bytes[index + 2] == UInt8(ascii: "0") + UInt8(clamping: headings[nextHeading].level)
            {
                let heading = headings[nextHeading]
                nextHeading += 1
                replace(4, with: "<h\(heading.level) id=\"\(heading.id)\">".utf8)
                continue
            }
            if rest >= 15, bytes[index + 1] == 116, bytes[index + 4] == 97,
                let (from, to) = cellAlignments.first(where: { cell in
                    cell.from.count <= rest && cell.from.indices.allSatisfy { bytes[index + $0] == cell.from[$0] }
                })
            {
                replace(from.count, with: to)
                continue
            }
            index += 1
        }
        if position == 0 { return String(decoding: bytes, as: UTF8.self) }
        out += UnsafeBufferPointer(rebasing: bytes[position...])
        return String(decoding: out, as: UTF8.self)
    }

    private static func collapseSpaces(_ text: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var lastWasSpace = true
        for byte in text {
            if byte == 32 || byte == 9 {
                if !lastWasSpace { out.append(32) }
                lastWasSpace = true
            } else {
                out.append(byte)
                lastWasSpace = byte == 10
            }
        }
        while let last = out.last, last == 32 || last == 10 { out.removeLast() }
        var start = 0
        while start < out.count, out[start] == 10 || out[start] == 32 { start += 1 }
        return String(decoding: out[start...], as: UTF8.self)
    }
}

/// The cmark-gfm lock, for when the tables cannot be made constant (see `Markdown.concurrent`).
/// It is held ~50 µs per body and wanted by every parsing thread in turn:
/// with a sleeping mutex each hand-over cost a context switch (one per file, 11,000 at
/// 10,000 write-ups), longer than the wait itself. Waiters spin on a read, and yield the
/// core now and then so a holder that was preempted gets to finish.
final class SpinLock: Sendable {
    private let held = Atomic<Bool>(false)

    func lock() {
        var spins = 0
        while held.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged == false {
            repeat {
                spins += 1
                if spins % 4096 == 0 { sched_yield() }
            } while held.load(ordering: .relaxed)
        }
    }

    func unlock() { held.store(false, ordering: .releasing) }

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        lock()
        defer { unlock() }
        return try body()
    }
}

/// One walk over a parsed body: its plain text, headings (levels and ids as published) and
/// links (with file positions), and the link destinations rewritten.
private struct BodyWalk {
    let source: String
    let lineOffset: Int
    var headings: [MarkdownDocument.Heading] = []
    var links: [MarkdownDocument.Link] = []
    var usedIDs: [String: Int] = [:]
    /// Headings without text are no headings (axe empty-heading, and an empty link in the
    /// table of contents); they are turned into paragraphs once the walk is done.
    var emptyHeadings: [OpaquePointer] = []
    /// The page title is the only h1 and the body sits below it: levels start at 2 and go
    /// down at most one step at a time (axe heading-order), whatever the author wrote.
    var previousLevel = 1
    var text: [UInt8] = []
    /// Byte offsets of the source's lines, found when a link first needs a column.
    var lineStarts: [Int]?

    init(source: String, lineOffset: Int) {
        self.source = source
        self.lineOffset = lineOffset
        text.reserveCapacity(source.utf8.count)
    }

    mutating func append(_ literal: UnsafePointer<CChar>) {
        literal.withMemoryRebound(to: UInt8.self, capacity: 1) { bytes in
            text.append(contentsOf: UnsafeBufferPointer(start: bytes, count: strlen(literal)))
        }
    }

    mutating func enter(_ node: OpaquePointer, rewriteLink: (String) -> String?) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE:
            if let literal = cmark_node_get_literal(node) { append(literal) }
        case CMARK_NODE_CODE_BLOCK:
            if let literal = cmark_node_get_literal(node) {
                append(literal)
                text.append(10)
            }
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            text.append(32)
        case CMARK_NODE_LINK:
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            let line = Int(cmark_node_get_start_line(node))
            links.append(
                MarkdownDocument.Link(
                    destination: url, line: line + lineOffset - 1,
                    column: characterColumn(line: line, byteColumn: Int(cmark_node_get_start_column(node)))))
            if let rewritten = rewriteLink(url) { cmark_node_set_url(node, rewritten) }
        case CMARK_NODE_HEADING:
            heading(node)
        default: break
        }
    }

    mutating func exit(_ node: OpaquePointer) {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING, CMARK_NODE_ITEM, CMARK_NODE_BLOCK_QUOTE:
            if text.last != 10 { text.append(10) }
        default:
            // Table cells come from an extension; keep their words apart.
            if text.last != 32, text.last != 10, let name = cmark_node_get_type_string(node), strcmp(name, "table_cell") == 0 {
                text.append(32)
            }
        }
    }

    mutating func heading(_ node: OpaquePointer) {
        let title = Markdown.plainText(of: node)
        if title.isEmpty {
            emptyHeadings.append(node)
            return
        }
        let level = max(2, min(Int(cmark_node_get_heading_level(node)), previousLevel + 1))
        previousLevel = level
        cmark_node_set_heading_level(node, Int32(level))
        var id = Markdown.headingID(title)
        if Markdown.isReserved(id) { id = "kop-" + id }
        if id.isEmpty { id = "sectie" }
        if let count = usedIDs[id] {
            usedIDs[id] = count + 1
            id += "-\(count)"
        } else {
            usedIDs[id] = 1
        }
        headings.append(.init(level: level, text: title, id: id))
    }

    /// cmark reports byte columns; diagnostics count characters like the YAML side does.
    /// Lines are found on bytes (splitting the String walked every Character of every body
    /// with a link, a visible part of the parse stage).
    mutating func characterColumn(line: Int, byteColumn: Int) -> Int {
        let utf8 = source.utf8
        if lineStarts == nil {
            var starts = [0]
            var contiguous = source
            // On the buffer: iterating the UTF8View went through the String for each byte.
            contiguous.withUTF8 { bytes in
                for offset in bytes.indices where bytes[offset] == 10 { starts.append(offset + 1) }
            }
            lineStarts = starts
        }
        guard let starts = lineStarts, line >= 1, line <= starts.count else { return byteColumn }
        let lineEnd = line < starts.count ? starts[line] - 1 : utf8.count
        let start = utf8.index(utf8.startIndex, offsetBy: starts[line - 1])
        let end = utf8.index(start, offsetBy: min(max(0, byteColumn - 1), lineEnd - starts[line - 1]))
        let prefix = utf8[start..<end]
        if prefix.allSatisfy({ $0 < 0x80 }) { return prefix.count + 1 }
        return String(decoding: prefix, as: UTF8.self).count + 1
    }
}
