/// A hand-written reader for the YAML that front matter actually contains: block mappings and
/// sequences, one-line plain and quoted scalars, one-line flow collections of scalars, comments.
///
/// Yams composes a node graph and hashes every key, which dominated parse time on large sites;
/// this reads the bytes once. Anything outside the subset, or in doubt, makes it return nil and
/// YAMLReader takes the Yams path, so values, positions and diagnostics stay those of Yams.
/// Positions follow libyaml: 1-based lines and columns in Unicode scalars, a mapping at its
/// first key, a sequence at its first `-`, a flow collection at its bracket, a quoted scalar at
/// its opening quote.
struct FastYAML {
    /// Thrown for anything the subset does not cover; the caller falls back to Yams.
    private struct Unsupported: Error {}

    /// A line that holds content (blank and comment-only lines are left out).
    private struct Line {
        var start: Int
        var end: Int
        var indent: Int
        /// 1-based line number within the YAML text.
        var number: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private let lineOffset: Int
    private var lines: [Line] = []
    /// Index in `lines` of the line being read; parsing only moves forward.
    private var current = 0
    private var nodes = 0
    private var columnCache = (line: -1, offset: 0, column: 1)

    private init(bytes: UnsafeBufferPointer<UInt8>, lineOffset: Int) {
        self.bytes = bytes
        self.lineOffset = lineOffset
    }

    /// The value Yams plus YAMLReader's conversion would give, or nil to take the Yams path.
    static func parse(_ yaml: String, lineOffset: Int) -> YAMLValue? {
        var yaml = yaml
        return yaml.withUTF8 { bytes in
            var reader = FastYAML(bytes: bytes, lineOffset: lineOffset)
            return try? reader.document()
        }
    }

    private mutating func document() throws(Unsupported) -> YAMLValue {
        try scanLines()
        // An empty document is Yams's to answer (it gives no root at all).
        guard let first = lines.first else { throw Unsupported() }
        let root = try block(indent: first.indent, at: first.start + first.indent, depth: 0)
        guard current == lines.count else { throw Unsupported() }
        return root
    }

    // MARK: - Lines

    /// One pass over the bytes: builds the line table and refuses what libyaml reads differently
    /// from plain text (tabs, CR, control and Unicode break characters, BOMs, document markers).
    /// It also rules out everything YAMLReader's nesting check would report, so that check can
    /// be skipped on this path.
    private mutating func scanLines() throws(Unsupported) {
        let count = bytes.count
        var openers = 0
        var number = 0
        var i = 0
        lines.reserveCapacity(64)
        while i <= count {
            number += 1
            let start = i
            while i < count, bytes[i] == .space { i += 1 }
            let indent = i - start
            guard indent <= YAMLReader.maximumDepth * 4 else { throw Unsupported() }
            while i < count {
                let byte = bytes[i]
                if byte == .newline { break }
                if byte < .space || byte == .delete { throw Unsupported() }
                if byte == .openBracket || byte == .openBrace {
                    openers += 1
                } else if byte >= 0xC2 {
                    // Valid UTF-8 is guaranteed, so a lead byte has its continuation bytes.
                    let next = bytes[i + 1]
                    switch byte {
                    case 0xC2 where next < 0xA0: throw Unsupported()  // C1 controls and NEL
                    case 0xE2 where next == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                        throw Unsupported()  // line and paragraph separators break lines in libyaml
                    case 0xEF
                    where (next == 0xBB && bytes[i + 2] == 0xBF)
                        || (next == 0xBF && bytes[i + 2] >= 0xBE):
                        throw Unsupported()  // BOM, U+FFFE, U+FFFF
                    default: break
                    }
                }
                i += 1
            }
            let end = i
            // `---` or `...` at the start of a line may be a document marker.
            if end - start >= 3, bytes[start] == .dash || bytes[start] == .dot,
                bytes[start + 1] == bytes[start], bytes[start + 2] == bytes[start]
            {
                throw Unsupported()
            }
            if start + indent < end, bytes[start + indent] != .hash {
                lines.append(Line(start: start, end: end, indent: indent, number: number))
            }
            i += 1
        }
        guard openers <= YAMLReader.maximumDepth else { throw Unsupported() }
    }

    // MARK: - Block structure

    private func isEntry(_ p: Int, _ line: Line) -> Bool {
        bytes[p] == .dash && (p + 1 == line.end || bytes[p + 1] == .space)
    }

    private mutating func block(indent: Int, at p: Int, depth: Int) throws(Unsupported) -> YAMLValue
    {
        if isEntry(p, lines[current]) {
            return try sequence(indent: indent, depth: depth, indentless: false)
        }
        return try mapping(indent: indent, at: p, depth: depth)
    }

    /// A block mapping whose keys sit at byte `indent` of their line; the first key is at `p` of
    /// the current line (which may follow a `- `).
    private mutating func mapping(indent: Int, at first: Int, depth: Int) throws(Unsupported)
        -> YAMLValue
    {
        try count(depth)
        let mark = lines[current]
        let markColumn = column(first, mark)
        var pairs: [(key: YAMLValue, value: YAMLValue)] = []
        var p = first
        while true {
            let line = lines[current]
            guard let key = try scanKey(at: p, line) else { throw Unsupported() }
            let keyValue = try keyNode(key, line, depth: depth + 1)
            // Yams refuses duplicate keys; leave the diagnostic to it.
            let text = keyValue.scalar?.text
            if pairs.contains(where: { $0.key.scalar?.text == text }) { throw Unsupported() }
            let value = try blockValue(
                after: key.colon + 1, line, parentIndent: indent, depth: depth + 1)
            pairs.append((keyValue, value))
            guard current < lines.count else { break }
            let next = lines[current]
            if next.indent < indent { break }
            guard next.indent == indent, !isEntry(next.start + indent, next) else {
                throw Unsupported()
            }
            p = next.start + indent
        }
        return YAMLValue(
            kind: .mapping(pairs), line: mark.number + lineOffset - 1, column: markColumn)
    }

    /// A block sequence whose `-` sits at byte `indent`; `indentless` when it is a mapping value
    /// at the mapping's own indentation, so a key at that indentation ends it.
    private mutating func sequence(indent: Int, depth: Int, indentless: Bool) throws(Unsupported)
        -> YAMLValue
    {
        try count(depth)
        let mark = lines[current]
        let markColumn = column(mark.start + indent, mark)
        var items: [YAMLValue] = []
        while true {
            let line = lines[current]
            var r = line.start + indent + 1
            // Empty items and items nested on the next lines are rare; Yams handles them.
            guard r < line.end else { throw Unsupported() }
            r = skipSpaces(r, line)
            guard r < line.end, bytes[r] != .hash, !isEntry(r, line) else { throw Unsupported() }
            if try scanKey(at: r, line) != nil {
                items.append(try mapping(indent: r - line.start, at: r, depth: depth + 1))
            } else {
                items.append(try inlineValue(at: r, line, depth: depth + 1))
                current += 1
                if current < lines.count, lines[current].indent > indent { throw Unsupported() }
            }
            guard current < lines.count else { break }
            let next = lines[current]
            if next.indent < indent { break }
            guard next.indent == indent else { throw Unsupported() }
            if isEntry(next.start + indent, next) { continue }
            if indentless { break }
            throw Unsupported()
        }
        return YAMLValue(
            kind: .sequence(items), line: mark.number + lineOffset - 1, column: markColumn)
    }

    /// The value after a block mapping key's `:` at `q`: on the same line, a block on the next
    /// lines, or null.
    private mutating func blockValue(after q: Int, _ line: Line, parentIndent: Int, depth: Int)
        throws(Unsupported)
        -> YAMLValue
    {
        let r = skipSpaces(q, line)
        if r < line.end, bytes[r] != .hash {
            let value = try inlineValue(at: r, line, depth: depth)
            current += 1
            // A deeper line after a scalar would continue it over several lines.
            if current < lines.count, lines[current].indent > parentIndent { throw Unsupported() }
            return value
        }
        current += 1
        if current < lines.count {
            let next = lines[current]
            if next.indent > parentIndent {
                return try block(indent: next.indent, at: next.start + next.indent, depth: depth)
            }
            if next.indent == parentIndent, isEntry(next.start + parentIndent, next) {
                return try sequence(indent: parentIndent, depth: depth, indentless: true)
            }
        }
        // libyaml places an empty value just after the `:`.
        return try plainNode(q, q, line, column: column(q, line), depth: depth)
    }

    /// A value that fills the rest of the line: a quoted or plain scalar or a flow collection,
    /// optionally followed by a comment.
    private mutating func inlineValue(at r: Int, _ line: Line, depth: Int) throws(Unsupported)
        -> YAMLValue
    {
        let value: YAMLValue
        var k: Int
        switch bytes[r] {
        case .doubleQuote, .singleQuote:
            let close = try closingQuote(r, line)
            value = try quotedNode(r, close, line, depth: depth)
            k = close + 1
        case .openBracket:
            (value, k) = try flowSequence(at: r, line, depth: depth)
        case .openBrace:
            (value, k) = try flowMapping(at: r, line, depth: depth)
        default:
            guard plainStart(r, line, flow: false) else { throw Unsupported() }
            k = r
            while k < line.end {
                let byte = bytes[k]
                if byte == .colon, k + 1 == line.end || bytes[k + 1] == .space {
                    throw Unsupported()
                }
                if byte == .hash, bytes[k - 1] == .space { break }
                k += 1
            }
            var e = k
            while bytes[e - 1] == .space { e -= 1 }
            return try plainNode(r, e, line, column: column(r, line), depth: depth)
        }
        k = skipSpaces(k, line)
        guard k == line.end || (bytes[k] == .hash && bytes[k - 1] == .space) else {
            throw Unsupported()
        }
        return value
    }

    // MARK: - Keys

    private struct Key {
        var start: Int
        /// End of the key text: the closing quote, or the last non-space byte before the colon + 1.
        var end: Int
        var colon: Int
        var quoted: Bool
    }

    /// A simple key at `p` followed by `:` and a space or the line end, or nil when the text
    /// there is not a key.
    private func scanKey(at p: Int, _ line: Line) throws(Unsupported) -> Key? {
        let first = bytes[p]
        if first == .doubleQuote || first == .singleQuote {
            let close = try closingQuote(p, line)
            let k = skipSpaces(close + 1, line)
            guard k < line.end, bytes[k] == .colon, k + 1 == line.end || bytes[k + 1] == .space
            else { return nil }
            guard k - p < 1000 else { throw Unsupported() }
            return Key(start: p, end: close, colon: k, quoted: true)
        }
        guard plainStart(p, line, flow: false) else { return nil }
        var k = p
        while k < line.end {
            let byte = bytes[k]
            if byte == .colon, k + 1 == line.end || bytes[k + 1] == .space { break }
            if byte == .hash, bytes[k - 1] == .space { return nil }
            k += 1
        }
        guard k < line.end else { return nil }
        // libyaml gives up on simple keys of 1024 characters or more.
        guard k - p < 1000 else { throw Unsupported() }
        var e = k
        while bytes[e - 1] == .space { e -= 1 }
        return Key(start: p, end: e, colon: k, quoted: false)
    }

    /// Keys are never typed: Yams's duplicate check hashes every key, which resolves its tag to
    /// `!!str` in place, so YAMLReader sees an explicitly tagged string (`1: a` has key text "1").
    private mutating func keyNode(_ key: Key, _ line: Line, depth: Int) throws(Unsupported)
        -> YAMLValue
    {
        if key.quoted { return try quotedNode(key.start, key.end, line, depth: depth) }
        return try stringNode(
            key.start, key.end, line, column: column(key.start, line), depth: depth)
    }

    // MARK: - Flow collections

    /// `[a, "b", c]` on one line, scalars only.
    private mutating func flowSequence(at r: Int, _ line: Line, depth: Int) throws(Unsupported) -> (
        YAMLValue, Int
    ) {
        try count(depth)
        let markColumn = column(r, line)
        var items: [YAMLValue] = []
        let k = try flowItems(from: r + 1, line, closing: .closeBracket) { (parser: inout FastYAML, k: Int) throws(Unsupported) -> Int in
            let (item, next) = try parser.flowScalar(at: k, line, depth: depth + 1)
            items.append(item)
            return next
        }
        return (
            YAMLValue(
                kind: .sequence(items), line: line.number + lineOffset - 1, column: markColumn), k
        )
    }

    /// `{a: 1, b: "c"}` on one line, scalar keys and values only.
    private mutating func flowMapping(at r: Int, _ line: Line, depth: Int) throws(Unsupported) -> (
        YAMLValue, Int
    ) {
        try count(depth)
        let markColumn = column(r, line)
        var pairs: [(key: YAMLValue, value: YAMLValue)] = []
        let k = try flowItems(from: r + 1, line, closing: .closeBrace) { (parser: inout FastYAML, start: Int) throws(Unsupported) -> Int in
            var (key, k) = try parser.flowScalar(at: start, line, depth: depth + 1, isKey: true)
            k = parser.skipSpaces(k, line)
            guard k + 1 < line.end, parser.bytes[k] == .colon, parser.bytes[k + 1] == .space, k - start < 1000 else {
                throw Unsupported()
            }
            let text = key.scalar?.text
            if pairs.contains(where: { $0.key.scalar?.text == text }) { throw Unsupported() }
            let value: YAMLValue
            (value, k) = try parser.flowScalar(at: parser.skipSpaces(k + 1, line), line, depth: depth + 1)
            pairs.append((key, value))
            return k
        }
        return (
            YAMLValue(
                kind: .mapping(pairs), line: line.number + lineOffset - 1, column: markColumn), k
        )
    }

    /// The items of a one-line flow collection after its opening bracket, each read by
    /// `readItem`, up to `closing`; returns the byte after the closing bracket.
    private mutating func flowItems(
        from start: Int, _ line: Line, closing: UInt8, _ readItem: (inout FastYAML, Int) throws(Unsupported) -> Int
    ) throws(Unsupported) -> Int {
        var k = skipSpaces(start, line)
        if k < line.end, bytes[k] == closing { return k + 1 }
        while true {
            k = skipSpaces(try readItem(&self, k), line)
            guard k < line.end else { throw Unsupported() }
            if bytes[k] == closing { return k + 1 }
            guard bytes[k] == .comma else { throw Unsupported() }
            k = skipSpaces(k + 1, line)
        }
    }

    /// A quoted or plain scalar inside a flow collection; returns it and the byte after it
    /// (trailing spaces of a plain scalar are left for the caller to skip).
    private mutating func flowScalar(at k: Int, _ line: Line, depth: Int, isKey: Bool = false)
        throws(Unsupported)
        -> (YAMLValue, Int)
    {
        guard k < line.end else { throw Unsupported() }
        let first = bytes[k]
        if first == .doubleQuote || first == .singleQuote {
            let close = try closingQuote(k, line)
            return (try quotedNode(k, close, line, depth: depth), close + 1)
        }
        // Empty entries, nested collections and indicators are left to Yams.
        guard plainStart(k, line, flow: true) else { throw Unsupported() }
        var e = k
        scan: while e < line.end {
            switch bytes[e] {
            case .comma, .closeBracket, .closeBrace:
                break scan
            case .openBracket, .openBrace:
                throw Unsupported()
            case .colon:
                guard e + 1 < line.end else { throw Unsupported() }
                switch bytes[e + 1] {
                case .space: break scan
                case let next where next == .question || next.isFlowIndicator: throw Unsupported()
                default: break
                }
            case .hash where bytes[e - 1] == .space:
                throw Unsupported()
            default:
                break
            }
            e += 1
        }
        // A flow collection continued on the next line is left to Yams.
        guard e < line.end else { throw Unsupported() }
        var textEnd = e
        while bytes[textEnd - 1] == .space { textEnd -= 1 }
        if isKey {
            return (try stringNode(k, textEnd, line, column: column(k, line), depth: depth), e)
        }
        return (try plainNode(k, textEnd, line, column: column(k, line), depth: depth), e)
    }

    // MARK: - Scalars

    /// Whether a plain scalar may start at `p` (libyaml's rule, a little stricter).
    private func plainStart(_ p: Int, _ line: Line, flow: Bool) -> Bool {
        switch bytes[p] {
        case .dash:
            // `- ` starts a sequence entry; in a flow, `-` before an indicator is left to Yams.
            guard p + 1 < line.end else { return false }
            let next = bytes[p + 1]
            return next != .space && !(flow && next.isFlowIndicator)
        case .space, .question, .colon, .comma, .openBracket, .closeBracket, .openBrace,
            .closeBrace, .hash:
            return false
        case .ampersand, .asterisk, .exclamation, .pipe, .greaterThan, .singleQuote, .doubleQuote,
            .percent, .at,
            .backtick:
            return false
        default:
            return true
        }
    }

    /// The closing quote of a one-line quoted scalar opened at `p`.
    private func closingQuote(_ p: Int, _ line: Line) throws(Unsupported) -> Int {
        let quote = bytes[p]
        var k = p + 1
        while k < line.end {
            let byte = bytes[k]
            if byte == quote {
                // '' inside single quotes is one quote.
                if quote == .singleQuote, k + 1 < line.end, bytes[k + 1] == .singleQuote {
                    k += 2
                    continue
                }
                return k
            }
            // Escapes are rare in front matter; Yams decodes them.
            if byte == .backslash, quote == .doubleQuote { throw Unsupported() }
            k += 1
        }
        throw Unsupported()
    }

    private mutating func quotedNode(_ open: Int, _ close: Int, _ line: Line, depth: Int)
        throws(Unsupported)
        -> YAMLValue
    {
        try count(depth)
        var text = string(open + 1, close)
        if bytes[open] == .singleQuote, text.utf8.contains(.singleQuote) {
            // closingQuote only passes quotes in pairs; keep one of each pair.
            var unescaped: [UInt8] = []
            var k = open + 1
            while k < close {
                unescaped.append(bytes[k])
                k += bytes[k] == .singleQuote ? 2 : 1
            }
            text = String(decoding: unescaped, as: UTF8.self)
        }
        let scalar = YAMLValue.Scalar(
            text: text, isNull: false, int: nil, double: nil, bool: nil, isQuoted: true)
        return YAMLValue(
            kind: .scalar(scalar), line: line.number + lineOffset - 1, column: column(open, line))
    }

    /// An untyped plain scalar (see `keyNode`).
    private mutating func stringNode(_ a: Int, _ b: Int, _ line: Line, column: Int, depth: Int)
        throws(Unsupported)
        -> YAMLValue
    {
        try count(depth)
        let scalar = YAMLValue.Scalar(
            text: string(a, b), isNull: false, int: nil, double: nil, bool: nil, isQuoted: false)
        return YAMLValue(kind: .scalar(scalar), line: line.number + lineOffset - 1, column: column)
    }

    /// A plain scalar typed exactly as YAMLReader types Yams's plain scalars. The byte checks
    /// skip helpers that cannot match; and without a `_` to strip, YAMLReader.integer and
    /// YAMLReader.number come down to `Int(text)` and `Double(text)` on these byte sets, so their
    /// string replacement (most of this reader's time) is skipped.
    private mutating func plainNode(_ a: Int, _ b: Int, _ line: Line, column: Int, depth: Int)
        throws(Unsupported) -> YAMLValue
    {
        try count(depth)
        let text = string(a, b)
        var integerLike = true  // only 0-9 + - _
        var decimalLike = true  // only 0-9 + - _ . e E
        var underscore = false
        var firstSignificant: UInt8 = 0
        for k in a..<b {
            let byte = bytes[k]
            if byte == .underscore {
                underscore = true
                continue
            }
            if firstSignificant == 0 { firstSignificant = byte }
            if !(byte.isDigit || byte == .plus || byte == .dash) {
                integerLike = false
                let decimal = byte == .dot || byte == .lowercaseE || byte == .uppercaseE
                if !decimal { decimalLike = false }
            }
        }
        let numberLike =
            firstSignificant.isDigit || firstSignificant == .plus || firstSignificant == .dash
            || firstSignificant == .dot
        var int: Int?
        if integerLike { int = underscore ? YAMLReader.integer(text) : Int(text) }
        var double: Double?
        if numberLike {
            double = underscore || !decimalLike ? YAMLReader.number(text) : Double(text)
        }
        let length = b - a
        let scalar = YAMLValue.Scalar(
            text: text,
            isNull: length == 0 || text == "~" || text == "null" || text == "Null"
                || text == "NULL",
            int: int,
            double: double,
            bool: length >= 2 && length <= 5 ? YAMLReader.boolean(text) : nil,
            isQuoted: false)
        return YAMLValue(kind: .scalar(scalar), line: line.number + lineOffset - 1, column: column)
    }

    // MARK: - Helpers

    /// Counts a node and refuses what YAMLReader's budgets would refuse.
    private mutating func count(_ depth: Int) throws(Unsupported) {
        nodes += 1
        guard depth <= YAMLReader.maximumDepth, nodes <= YAMLReader.maximumNodes else {
            throw Unsupported()
        }
    }

    private func skipSpaces(_ k: Int, _ line: Line) -> Int {
        var k = k
        while k < line.end, bytes[k] == .space { k += 1 }
        return k
    }

    /// libyaml counts columns in Unicode scalars, not bytes. Nodes on a line are asked for left
    /// to right, so counting resumes from the last answer on the same line.
    private mutating func column(_ p: Int, _ line: Line) -> Int {
        var k = line.start
        var column = 1
        if columnCache.line == line.start, columnCache.offset <= p {
            k = columnCache.offset
            column = columnCache.column
        }
        while k < p {
            if bytes[k] & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        columnCache = (line.start, p, column)
        return column
    }

    private func string(_ a: Int, _ b: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[a..<b]), as: UTF8.self)
    }
}

/// ASCII bytes by name, so the scanner reads like the YAML it scans.
extension UInt8 {
    fileprivate static let newline = UInt8(ascii: "\n")
    fileprivate static let space = UInt8(ascii: " ")
    fileprivate static let exclamation = UInt8(ascii: "!")
    fileprivate static let doubleQuote = UInt8(ascii: "\"")
    fileprivate static let hash = UInt8(ascii: "#")
    fileprivate static let percent = UInt8(ascii: "%")
    fileprivate static let ampersand = UInt8(ascii: "&")
    fileprivate static let singleQuote = UInt8(ascii: "'")
    fileprivate static let asterisk = UInt8(ascii: "*")
    fileprivate static let plus = UInt8(ascii: "+")
    fileprivate static let comma = UInt8(ascii: ",")
    fileprivate static let dash = UInt8(ascii: "-")
    fileprivate static let dot = UInt8(ascii: ".")
    fileprivate static let zero = UInt8(ascii: "0")
    fileprivate static let nine = UInt8(ascii: "9")
    fileprivate static let colon = UInt8(ascii: ":")
    fileprivate static let greaterThan = UInt8(ascii: ">")
    fileprivate static let question = UInt8(ascii: "?")
    fileprivate static let at = UInt8(ascii: "@")
    fileprivate static let openBracket = UInt8(ascii: "[")
    fileprivate static let backslash = UInt8(ascii: "\\")
    fileprivate static let closeBracket = UInt8(ascii: "]")
    fileprivate static let underscore = UInt8(ascii: "_")
    fileprivate static let lowercaseE = UInt8(ascii: "e")
    fileprivate static let uppercaseE = UInt8(ascii: "E")
    fileprivate static let backtick = UInt8(ascii: "`")
    fileprivate static let openBrace = UInt8(ascii: "{")
    fileprivate static let pipe = UInt8(ascii: "|")
    fileprivate static let closeBrace = UInt8(ascii: "}")
    fileprivate static let delete: UInt8 = 0x7F

    fileprivate var isDigit: Bool { self >= .zero && self <= .nine }

    fileprivate var isFlowIndicator: Bool {
        self == .comma || self == .openBracket || self == .closeBracket || self == .openBrace
            || self == .closeBrace
    }
}
