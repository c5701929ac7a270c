/// A Mustache template, parsed once into nodes and rendered straight into a byte buffer.
///
/// kb used swift-mustache until rendering was the slowest stage of a large build: it looks
/// values up by casting `Any` and reflecting, and escapes HTML one `Character` at a time. This
/// engine keeps its template language — the same tags, whitespace rules (standalone lines,
/// partial indentation), template inheritance (`{{<parent}}` with `{{$block}}`) and transforms
/// (`{{#empty(x)}}`) — so existing templates render to the same bytes, but reads typed
/// `TemplateValue`s and escapes whole runs of UTF-8 at once.
struct Template: Sendable {
    /// Not `indirect`: the nested node lists are arrays, already on the heap, and boxing every
    /// case made each match copy (retain) its payload.
    enum Node: Sendable {
        case text([UInt8])
        case variable(Reference, escaped: Bool)
        case section(Reference, [Node])
        case inverted(Reference, [Node])
        /// `{{>name}}` and `{{<name}}…{{/name}}` (with block overrides); `dynamic` names come
        /// from the context (`{{>*name}}`).
        case partial(name: String, dynamic: Bool, indentation: [UInt8]?, overrides: [String: [Node]]?)
        /// `{{$name}}default{{/name}}` where a parent template is filled in.
        case block(name: String, defaultNodes: [Node], indentation: [UInt8]?)
        /// `{{$name}}…{{/name}}` directly inside `{{<parent}}`: an override, never rendered itself.
        case blockDefinition(name: String, nodes: [Node])
        /// Nodes rendered as they are: a section whose value was known when the templates were
        /// compiled (see `TemplateLibrary.compiled`).
        case group([Node])
    }

    /// A name in a tag: `a.b.c`, `.` (the current value), `.a` (no climbing) and transforms
    /// applied right to left: `empty(x)`.
    /// A class, so matching a node hands over one reference instead of copying three arrays.
    final class Reference: Sendable {
        enum Root: Sendable, Equatable { case current, local, climb, sequence }
        let root: Root
        let names: [String]
        let transforms: [String]
        let text: String

        init(root: Root, names: [String], transforms: [String], text: String) {
            self.root = root
            self.names = names
            self.transforms = transforms
            self.text = text
        }
    }

    let nodes: [Node]

    init(nodes: [Node]) { self.nodes = nodes }

    init(_ source: String) throws(TemplateSyntaxError) {
        var parser = TemplateParser(Array(source.utf8))
        do {
            nodes = try parser.parse(TemplateParser.State())
        } catch {
            throw TemplateSyntaxError(source: parser.bytes, offset: parser.errorOffset ?? parser.position, message: error.message)
        }
    }
}

/// A template that cannot be parsed, with the 1-based line and column of the problem.
struct TemplateSyntaxError: Error, CustomStringConvertible {
    var line: Int
    var column: Int
    var message: String

    init(source: [UInt8], offset: Int, message: String) {
        let end = min(offset, source.count)
        var line = 1
        var lineStart = 0
        for index in 0..<end where source[index] == 10 {
            line += 1
            lineStart = index + 1
        }
        // Columns count characters, not bytes.
        let column = String(decoding: source[lineStart..<end], as: UTF8.self).count + 1
        self.line = line
        self.column = column
        self.message = message
    }

    var description: String { message }
}

private struct ParseFailure: Error {
    var message: String
}

/// Port of swift-mustache's parser (same states and whitespace rules), on UTF-8 bytes.
private struct TemplateParser {
    struct State {
        var sectionName: String?
        var sectionTransforms: [String] = []
        var newLine = true
        var isPartialDefinition = false
        var isPartialDefinitionTopLevel = false
        var start: [UInt8] = Array("{{".utf8)
        var end: [UInt8] = Array("}}".utf8)
        var partialDefinitionIndent: [UInt8]?

        func withSection(_ name: String, newLine: Bool, transforms: [String] = []) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = transforms
            state.isPartialDefinitionTopLevel = false
            if !newLine { state.newLine = false }
            return state
        }

        func withInheritancePartial(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.sectionTransforms = []
            state.newLine = true
            state.isPartialDefinition = true
            state.isPartialDefinitionTopLevel = true
            return state
        }
    }

    let bytes: [UInt8]
    var position = 0
    var errorOffset: Int?

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }
    var current: UInt8 { position < bytes.count ? bytes[position] : 0 }

    /// Length of the newline at `index` (`\n`, `\r\n` or `\r`), or 0.
    func newlineLength(at index: Int) -> Int {
        guard index < bytes.count else { return 0 }
        if bytes[index] == 10 { return 1 }
        if bytes[index] == 13 { return index + 1 < bytes.count && bytes[index + 1] == 10 ? 2 : 1 }
        return 0
    }

    static func isWhitespace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte == 11 || byte == 12 }

    static let nameBytes: Set<UInt8> = Set(Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*".utf8))
    static let partialNameBytes: Set<UInt8> = Set(Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/".utf8))

    mutating func skipWhitespace() {
        while !atEnd && Self.isWhitespace(current) { position += 1 }
    }

    mutating func read(while allowed: Set<UInt8>) -> [UInt8] {
        let start = position
        while !atEnd && allowed.contains(current) { position += 1 }
        return Array(bytes[start..<position])
    }

    mutating func read(_ literal: [UInt8]) -> Bool {
        guard position + literal.count <= bytes.count, Array(bytes[position..<position + literal.count]) == literal else { return false }
        position += literal.count
        return true
    }

    func fail(_ message: String) -> ParseFailure { ParseFailure(message: message) }

    mutating func parse(_ initial: State) throws(ParseFailure) -> [Template.Node] {
        var nodes: [Template.Node] = []
        var state = initial
        var whitespaceBefore: [UInt8] = []
        while !atEnd {
            if state.newLine {
                let start = position
                while !atEnd && (current == 32 || current == 9) { position += 1 }
                let whitespace = Array(bytes[start..<position])
                if state.isPartialDefinition && !state.isPartialDefinitionTopLevel {
                    if let indent = state.partialDefinitionIndent {
                        whitespaceBefore = Array(whitespace.dropFirst(indent.count))
                    } else {
                        state.partialDefinitionIndent = whitespace
                    }
                } else {
                    whitespaceBefore = whitespace
                }
            }
            let text = readUntilTagOrNewline(state)
            let newline = newlineLength(at: position)
            if newline > 0 {
                nodes.append(.text(whitespaceBefore + text + bytes[position..<position + newline]))
                state.newLine = true
                position += newline
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whitespaceBefore + text))
                whitespaceBefore = []
                state.newLine = false
            }
            if atEnd { break }
            switch try parseTag(&state, into: &nodes, whitespaceBefore: &whitespaceBefore) {
            case .closed: return nodes
            case .next(let newLine): state.newLine = newLine
            }
        }
        if let open = state.sectionName {
            throw fail("sectie \"\(open)\" wordt niet gesloten met {{/\(open)}}")
        }
        return nodes
    }

    /// What a tag did: closed the section being parsed, or parsing goes on (with whether the
    /// tag stood alone on its line).
    enum TagOutcome {
        case closed
        case next(newLine: Bool)
    }

    /// One tag, its opening delimiter already read.
    mutating func parseTag(
        _ state: inout State, into nodes: inout [Template.Node], whitespaceBefore: inout [UInt8]
    ) throws(ParseFailure) -> TagOutcome {
        var setNewLine = false
        let tagStart = position
        switch current {
        case UInt8(ascii: "#"), UInt8(ascii: "^"):
            let inverted = current == UInt8(ascii: "^")
            position += 1
            let reference = try parseName(state)
            if isStandalone(state) {
                setNewLine = true
            } else if !whitespaceBefore.isEmpty {
                nodes.append(.text(whitespaceBefore))
                whitespaceBefore = []
            }
            let inner = try parse(state.withSection(reference.text, newLine: setNewLine, transforms: reference.transforms))
            nodes.append(inverted ? .inverted(reference, inner) : .section(reference, inner))

        case UInt8(ascii: "/"):
            try parseClose(state, into: &nodes, whitespaceBefore: &whitespaceBefore)
            return .closed

        case UInt8(ascii: "!"):
            position += 1
            guard let close = find(state.end) else {
                errorOffset = tagStart
                throw fail("commentaar {{!…}} wordt niet afgesloten met \(String(decoding: state.end, as: UTF8.self))")
            }
            position = close + state.end.count
            setNewLine = isStandalone(state)

        case UInt8(ascii: "{"), UInt8(ascii: "&"):
            let triple = current == UInt8(ascii: "{")
            if !whitespaceBefore.isEmpty {
                nodes.append(.text(whitespaceBefore))
                whitespaceBefore = []
            }
            position += 1
            let reference = try parseName(state)
            if triple && !read([UInt8(ascii: "}")]) {
                throw fail("{{{\(reference.text)}} mist de derde }")
            }
            nodes.append(.variable(reference, escaped: false))

        case UInt8(ascii: ">"):
            setNewLine = try parsePartial(state, into: &nodes, whitespaceBefore: &whitespaceBefore)

        case UInt8(ascii: "<"):
            setNewLine = try parseInheritance(state, tagStart: tagStart, into: &nodes, whitespaceBefore: &whitespaceBefore)

        case UInt8(ascii: "$"):
            setNewLine = try parseBlock(state, tagStart: tagStart, into: &nodes, whitespaceBefore: &whitespaceBefore)

        case UInt8(ascii: "="):
            position += 1
            state = try parseDelimiters(state)
            setNewLine = isStandalone(state)

        case UInt8(ascii: "%"):
            errorOffset = tagStart
            throw fail("{{%…}} (instellingen in een sjabloon) wordt niet ondersteund")

        default:
            if !whitespaceBefore.isEmpty {
                nodes.append(.text(whitespaceBefore))
                whitespaceBefore = []
            }
            nodes.append(.variable(try parseName(state), escaped: true))
        }
        return .next(newLine: setNewLine)
    }

    /// `{{/name}}`: must close the open section.
    mutating func parseClose(_ state: State, into nodes: inout [Template.Node], whitespaceBefore: inout [UInt8]) throws(ParseFailure) {
        position += 1
        let namePosition = position
        let reference = try parseName(state)
        guard let open = state.sectionName, reference.text == open, reference.transforms == state.sectionTransforms else {
            errorOffset = namePosition
            if let open = state.sectionName {
                throw fail("{{/\(reference.text)}} sluit een andere sectie dan de open sectie \"\(open)\"")
            }
            throw fail("{{/\(reference.text)}} sluit een sectie die niet open is")
        }
        if !isStandalone(state) && !whitespaceBefore.isEmpty {
            nodes.append(.text(whitespaceBefore))
            whitespaceBefore = []
        }
    }

    /// `{{>name}}` or `{{>*name}}`: a partial. Returns whether the tag stood alone on its line.
    mutating func parsePartial(_ state: State, into nodes: inout [Template.Node], whitespaceBefore: inout [UInt8]) throws(ParseFailure) -> Bool {
        var setNewLine = false
        position += 1
        skipWhitespace()
        let dynamic = read([UInt8(ascii: "*")])
        let name = try parsePartialName(state)
        if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
        if isStandalone(state) {
            setNewLine = true
            nodes.append(.partial(name: name, dynamic: dynamic, indentation: whitespaceBefore, overrides: nil))
        } else {
            nodes.append(.partial(name: name, dynamic: dynamic, indentation: nil, overrides: nil))
        }
        whitespaceBefore = []
        return setNewLine
    }

    /// `{{<name}}…{{/name}}`: a partial with block overrides. Returns whether the tag stood alone
    /// on its line.
    mutating func parseInheritance(
        _ state: State, tagStart: Int, into nodes: inout [Template.Node], whitespaceBefore: inout [UInt8]
    ) throws(ParseFailure) -> Bool {
        var setNewLine = false
        position += 1
        skipWhitespace()
        let sectionName = try parsePartialName(state)
        let dynamic = sectionName.hasPrefix("*")
        let name = dynamic ? String(sectionName.dropFirst()) : sectionName
        if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
        if isStandalone(state) { setNewLine = true }
        let inner = try parse(state.withInheritancePartial(sectionName))
        var overrides: [String: [Template.Node]] = [:]
        for node in inner {
            switch node {
            case .blockDefinition(let block, let blockNodes): overrides[block] = blockNodes
            case .text: break
            default:
                errorOffset = tagStart
                throw fail("binnen {{<\(sectionName)}} mogen alleen blokken {{$naam}}…{{/naam}} staan")
            }
        }
        nodes.append(.partial(name: name, dynamic: dynamic, indentation: whitespaceBefore, overrides: overrides))
        whitespaceBefore = []
        return setNewLine
    }

    /// `{{$name}}…{{/name}}`: a block, defined (at the top of an inheritance partial) or with
    /// its default content. Returns whether the tag stood alone on its line.
    mutating func parseBlock(
        _ state: State, tagStart: Int, into nodes: inout [Template.Node], whitespaceBefore: inout [UInt8]
    ) throws(ParseFailure) -> Bool {
        var setNewLine = false
        position += 1
        let reference = try parseName(state)
        guard reference.transforms.isEmpty else {
            errorOffset = tagStart
            throw fail("een blok {{$\(reference.text)}} kan geen transformatie hebben")
        }
        if state.isPartialDefinitionTopLevel {
            if isStandalone(state) { setNewLine = true }
            let inner = try parse(state.withSection(reference.text, newLine: setNewLine))
            nodes.append(.blockDefinition(name: reference.text, nodes: inner))
        } else {
            if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
            if isStandalone(state) { setNewLine = true }
            let inner = try parse(state.withSection(reference.text, newLine: setNewLine))
            nodes.append(.block(name: reference.text, defaultNodes: inner, indentation: whitespaceBefore))
            whitespaceBefore = []
        }
        return setNewLine
    }

    mutating func readUntilTagOrNewline(_ state: State) -> [UInt8] {
        let start = position
        guard let first = state.start.first else { return [] }
        while !atEnd {
            let byte = current
            if byte == 10 || byte == 13 { return Array(bytes[start..<position]) }
            if byte == first {
                let tag = position
                if read(state.start) { return Array(bytes[start..<tag]) }
            }
            position += 1
        }
        return Array(bytes[start..<position])
    }

    func find(_ literal: [UInt8]) -> Int? {
        guard !literal.isEmpty, bytes.count >= literal.count else { return nil }
        var index = position
        while index + literal.count <= bytes.count {
            if bytes[index] == literal[0] && Array(bytes[index..<index + literal.count]) == literal { return index }
            index += 1
        }
        return nil
    }

    mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        var probe = position
        while probe < bytes.count && (bytes[probe] == 32 || bytes[probe] == 9) { probe += 1 }
        let newline = newlineLength(at: probe)
        guard newline > 0 else { return false }
        position = probe + newline
        return true
    }

    mutating func expectEnd(_ state: State, _ what: String) throws(ParseFailure) {
        guard read(state.end) else {
            errorOffset = position
            throw fail("\(what) wordt niet afgesloten met \(String(decoding: state.end, as: UTF8.self))")
        }
    }

    mutating func parseName(_ state: State) throws(ParseFailure) -> Template.Reference {
        skipWhitespace()
        let start = position
        let raw = read(while: Self.nameBytes)
        let text = String(decoding: raw, as: UTF8.self)
        skipWhitespace()
        try expectEnd(state, text.isEmpty ? "tag" : "tag \"\(text)\"")
        // `a(b(name))`: transforms a and b, applied to name from the inside out.
        var transforms: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "(") {
            transforms.append(String(rest[..<open]))
            rest = rest[rest.index(after: open)...]
        }
        var name = String(rest)
        if !transforms.isEmpty {
            let closing = name.reversed().prefix { $0 == ")" }.count
            name = String(name.dropLast(closing))
            guard closing == transforms.count, !name.contains(")"), !transforms.contains(where: { $0.contains(")") }) else {
                errorOffset = start
                throw fail("haakjes kloppen niet in \"\(text)\"")
            }
        } else if name.contains(")") {
            errorOffset = start
            throw fail("haakjes kloppen niet in \"\(text)\"")
        }
        let root: Template.Reference.Root
        if name == "." {
            root = .current
        } else if name.isEmpty && !transforms.isEmpty {
            root = .sequence
        } else if name.hasPrefix(".") {
            root = .local
        } else {
            root = .climb
        }
        let names = root == .current ? [] : name.split(separator: ".").map(String.init)
        // The section's name as written without transforms, for matching its close tag.
        return Template.Reference(root: root, names: names, transforms: transforms, text: name)
    }

    mutating func parsePartialName(_ state: State) throws(ParseFailure) -> String {
        skipWhitespace()
        let name = String(decoding: read(while: Self.partialNameBytes), as: UTF8.self)
        skipWhitespace()
        try expectEnd(state, "tag \"\(name)\"")
        return name
    }

    mutating func parseDelimiters(_ state: State) throws(ParseFailure) -> State {
        let start = position
        func invalid() -> ParseFailure {
            errorOffset = start
            return fail("ongeldige scheidingstekens in {{=…=}}")
        }
        // `{{=<% %>=}}` is written with spaces as in the Mustache spec.
        while !atEnd && (current == 32 || current == 9) { position += 1 }
        let openStart = position
        while !atEnd && !Self.isWhitespace(current) { position += 1 }
        let open = Array(bytes[openStart..<position])
        while !atEnd && (current == 32 || current == 9) { position += 1 }
        let closeStart = position
        while !atEnd && !Self.isWhitespace(current) && current != UInt8(ascii: "=") { position += 1 }
        let close = Array(bytes[closeStart..<position])
        while !atEnd && (current == 32 || current == 9) { position += 1 }
        guard read([UInt8(ascii: "=")]), read(state.end), !open.isEmpty, !close.isEmpty else { throw invalid() }
        var next = state
        next.start = open
        next.end = close
        next.isPartialDefinitionTopLevel = false
        return next
    }
}
