import Yams

/// A YAML node with its position in the content file, detached from Yams so the schema
/// and decoder work on plain values. Positions are file-relative (line 1 is the opening `---`).
struct YAMLValue: Sendable {
    enum Kind: Sendable {
        case scalar(Scalar)
        case sequence([YAMLValue])
        case mapping([(key: YAMLValue, value: YAMLValue)])
    }

    struct Scalar: Sendable {
        var text: String
        var isNull: Bool
        var int: Int?
        var double: Double?
        var bool: Bool?
        /// Quoted scalars are always strings, whatever they look like.
        var isQuoted: Bool
    }

    var kind: Kind
    var line: Int
    var column: Int

    var scalar: Scalar? {
        if case .scalar(let s) = kind { return s }
        return nil
    }

    /// Any non-null scalar read as text: `title: 2020` is the title "2020".
    var string: String? {
        guard let s = scalar, !s.isNull else { return nil }
        return s.text
    }

    var int: Int? { scalar?.int }
    var double: Double? { scalar?.double ?? scalar?.int.map(Double.init) }
    var bool: Bool? { scalar?.bool }

    var isNull: Bool { scalar?.isNull ?? false }

    var sequence: [YAMLValue]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    var mapping: [(key: YAMLValue, value: YAMLValue)]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    subscript(key: String) -> YAMLValue? {
        guard let pairs = mapping else { return nil }
        return pairs.first { $0.key.string == key }?.value
    }

    /// Missing and explicit null (`key:` or `key: ~`) mean the same to an author.
    func present(_ key: String) -> YAMLValue? {
        guard let value = self[key], !value.isNull else { return nil }
        return value
    }

    var kindName: String {
        switch kind {
        case .scalar(let s): return s.isNull ? "leeg" : "tekst"
        case .sequence: return "lijst"
        case .mapping: return "object"
        }
    }
}

/// Turns front-matter text into a YAMLValue tree, or a diagnostic at the real problem.
enum YAMLReader {
    /// Alias expansion is bounded so a "billion laughs" document cannot exhaust memory.
    static let maximumNodes = 20_000
    static let maximumDepth = 32

    static func read(_ yaml: String, path: String, lineOffset: Int) -> Result<YAMLValue?, Diagnostic> {
        // Typical front matter takes the hand-written reader; it gives up on anything else,
        // including everything the checks below would report, and Yams then decides.
        if let value = FastYAML.parse(yaml, lineOffset: lineOffset) { return .success(value) }
        return readWithYams(yaml, path: path, lineOffset: lineOffset)
    }

    /// The full path: any YAML, with diagnostics. Tests compare FastYAML against it.
    static func readWithYams(_ yaml: String, path: String, lineOffset: Int) -> Result<YAMLValue?, Diagnostic> {
        if let problem = nestingProblem(yaml, path: path, lineOffset: lineOffset) {
            return .failure(problem)
        }
        let node: Node?
        do {
            // The basic resolver types nothing by regular expression; kb types scalars itself.
            node = try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, path: path, lineOffset: lineOffset, yaml: yaml))
        } catch {
            return .failure(Diagnostic(.error, .yamlSyntax, file: path, line: lineOffset, "ongeldige YAML: \(error)"))
        }
        guard let node else { return .success(nil) }
        var budget = maximumNodes
        var tagProblem: Diagnostic?
        let converted = convert(node, path: path, lineOffset: lineOffset, depth: 0, budget: &budget, problem: &tagProblem)
        if let tagProblem { return .failure(tagProblem) }
        guard let value = converted else {
            return .failure(
                Diagnostic(
                    .error, .tooComplex, file: path, line: lineOffset,
                    "front matter is te groot of te diep genest (meer dan \(maximumNodes) waarden of \(maximumDepth) niveaus, bijvoorbeeld door YAML-aliassen)"
                ))
        }
        return .success(value)
    }

    private static func convert(
        _ node: Node, path: String, lineOffset: Int, depth: Int, budget: inout Int, problem: inout Diagnostic?
    ) -> YAMLValue? {
        budget -= 1
        guard budget >= 0, depth <= maximumDepth, problem == nil else { return nil }
        let line = (node.mark?.line ?? 1) + lineOffset - 1
        let column = node.mark?.column ?? 1
        // `title: !Nieuw in Ede` reads as a YAML tag and silently loses a word: refuse it.
        let tag: String
        switch node {
        case .scalar(let scalar): tag = scalar.tag.rawValue
        case .mapping(let mapping): tag = mapping.tag.rawValue
        case .sequence(let sequence): tag = sequence.tag.rawValue
        case .alias: tag = ""
        }
        if tag.hasPrefix("!") && tag != "!" && !tag.hasPrefix("!!") && !tag.hasPrefix("tag:yaml.org,2002:") {
            problem = Diagnostic(
                .error, .yamlSyntax, file: path, line: line, column: column,
                "'!' aan het begin van een waarde is een YAML-tag (\(tag)); zet de waarde tussen aanhalingstekens")
            return nil
        }
        switch node {
        case .scalar(let scalar):
            // Typed by hand: Yams resolves tags with regular expressions per access, which
            // dominated parse time on large sites.
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            let text = scalar.string
            let explicit = scalar.tag.rawValue
            let plain = !quoted && (explicit.isEmpty || explicit == "?")
            let value = YAMLValue.Scalar(
                text: text,
                isNull: plain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"),
                int: plain ? integer(text) : nil,
                double: plain ? number(text) : nil,
                bool: plain ? boolean(text) : nil,
                isQuoted: quoted)
            return YAMLValue(kind: .scalar(value), line: line, column: column)
        case .sequence(let sequence):
            var items: [YAMLValue] = []
            for child in sequence {
                guard let item = convert(child, path: path, lineOffset: lineOffset, depth: depth + 1, budget: &budget, problem: &problem) else { return nil }
                items.append(item)
            }
            return YAMLValue(kind: .sequence(items), line: line, column: column)
        case .mapping(let mapping):
            var pairs: [(key: YAMLValue, value: YAMLValue)] = []
            for (k, v) in mapping {
                guard let key = convert(k, path: path, lineOffset: lineOffset, depth: depth + 1, budget: &budget, problem: &problem),
                    let value = convert(v, path: path, lineOffset: lineOffset, depth: depth + 1, budget: &budget, problem: &problem)
                else { return nil }
                pairs.append((key, value))
            }
            return YAMLValue(kind: .mapping(pairs), line: line, column: column)
        case .alias:
            return nil
        }
    }

    /// Decimal integers only (with optional sign and `_` separators). Yams's own conversion traps
    /// on values like 1e308, and authors never mean octal or hex for euros.
    static func integer(_ text: String) -> Int? {
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard !cleaned.isEmpty, cleaned.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 43 || $0 == 45 }) else { return nil }
        return Int(cleaned)
    }

    /// YAML 1.1 floats as authors write them: 62.5, 1e3, .inf (non-finite values are caught
    /// by validation).
    static func number(_ text: String) -> Double? {
        let cleaned = text.replacingOccurrences(of: "_", with: "")
        guard let first = cleaned.utf8.first, (first >= 48 && first <= 57) || first == 43 || first == 45 || first == 46 else { return nil }
        switch cleaned.lowercased() {
        case ".inf", "+.inf": return .infinity
        case "-.inf": return -.infinity
        case ".nan": return .nan
        default: break
        }
        guard cleaned.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 43 || $0 == 45 || $0 == 46 || $0 == 101 || $0 == 69 }) else {
            return nil
        }
        return Double(cleaned)
    }

    static func boolean(_ text: String) -> Bool? {
        switch text {
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return true
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return false
        default: return nil
        }
    }

    /// Yams composes recursively; refuse absurd flow nesting before it gets the chance.
    private static func nestingProblem(_ yaml: String, path: String, lineOffset: Int) -> Diagnostic? {
        var depth = 0
        var line = 0
        var column = 0
        for char in yaml.unicodeScalars {
            column += 1
            switch char {
            case "\n":
                line += 1
                column = 0
            case "[", "{":
                depth += 1
                if depth > maximumDepth {
                    return Diagnostic(
                        .error, .tooComplex, file: path, line: line + lineOffset, column: column,
                        "front matter is te diep genest (meer dan \(maximumDepth) niveaus)")
                }
            case "]", "}":
                depth = max(0, depth - 1)
            default: break
            }
        }
        var indents: [Int] = []
        for line in yaml.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            var count = 0
            for byte in line {
                guard byte == UInt8(ascii: " ") else { break }
                count += 1
            }
            indents.append(count)
        }
        if let deepest = indents.max(), deepest > maximumDepth * 4 {
            let index = indents.firstIndex(of: deepest) ?? 0
            return Diagnostic(
                .error, .tooComplex, file: path, line: index + lineOffset, column: 1,
                "front matter is te diep genest (inspringing van \(deepest) spaties)")
        }
        return nil
    }

    private static func diagnostic(for error: YamlError, path: String, lineOffset: Int, yaml: String) -> Diagnostic {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func at(_ line: Int, _ column: Int, _ message: String, _ code: DiagnosticCode = .yamlSyntax) -> Diagnostic {
            Diagnostic(.error, code, file: path, line: line + lineOffset - 1, column: column, message)
        }
        // Markdown in the front matter means the closing --- is missing: the body was read as YAML.
        if let heading = lines.firstIndex(where: { $0.hasPrefix("# ") || $0.hasPrefix("## ") }),
            heading > 0, lines[heading - 1].trimmingCharacters(in: .whitespaces).isEmpty
        {
            return Diagnostic(
                .error, .unclosedFrontMatter, file: path, line: lineOffset - 1, column: 1,
                "front matter wordt niet afgesloten: voeg een regel '---' toe na de laatste eigenschap (vóór regel \(heading + lineOffset - 1))")
        }
        // An opening quote without its closing quote on the same line swallows what follows.
        for (index, line) in lines.enumerated() {
            if let column = unclosedQuote(in: line) {
                return at(index + 1, column, "tekst tussen aanhalingstekens wordt niet gesloten: zet een aanhalingsteken aan het eind van de waarde")
            }
        }
        switch error {
        case .scanner(let context, let problem, let mark, _): return located(mark, problem, context, lines: lines, lineOffset: lineOffset, at: at)
        case .parser(let context, let problem, let mark, _): return located(mark, problem, context, lines: lines, lineOffset: lineOffset, at: at)
        case .composer(let context, let problem, let mark, _): return located(mark, problem, context, lines: lines, lineOffset: lineOffset, at: at)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return duplicateKeys(duplicates, context, lines: lines, at: at)
        case .reader(let problem, let offset, let value, _):
            // libyaml reports a byte offset; find line and column of the forbidden character.
            var line = 1
            var column = 1
            if let offset {
                var count = 0
                for char in yaml.unicodeScalars {
                    if count >= offset { break }
                    count += String(char).utf8.count
                    if char == "\n" {
                        line += 1
                        column = 1
                    } else {
                        column += 1
                    }
                }
            }
            let hex = String(format: "U+%04X", Int(value))
            let message = problem.contains("control characters")
                ? "verboden stuurteken (\(hex)) in de tekst; haal het weg" : "ongeldige YAML: \(translate(problem))"
            return at(line, column, message)
        default:
            return at(1, 1, "ongeldige YAML: \(error)")
        }
    }

    typealias Locate = (_ line: Int, _ column: Int, _ message: String, _ code: DiagnosticCode) -> Diagnostic

    /// A scanner, parser or composer error at `mark`, in words an author understands.
    private static func located(
        _ mark: Mark, _ problem: String, _ context: YamlError.Context?, lines: [String], lineOffset: Int, at locate: Locate
    ) -> Diagnostic {
        func at(_ line: Int, _ column: Int, _ message: String) -> Diagnostic { locate(line, column, message, .yamlSyntax) }
        let line = mark.line <= lines.count ? lines[mark.line - 1] : ""
        let chars = Array(line)
        let char: Character? = mark.column - 1 < chars.count && mark.column >= 1 ? chars[mark.column - 1] : nil
        switch (problem, context?.text) {
        case ("did not find expected ',' or ']'", _), ("did not find expected ',' or '}'", _):
            let closer = problem.hasSuffix("']'") ? "]" : "}"
            if let context { return at(context.mark.line, context.mark.column, "'\(closer == "]" ? "[" : "{")' wordt niet gesloten met '\(closer)'") }
            return at(mark.line, mark.column, "verwachtte ',' of '\(closer)'")
        case ("found character that cannot start any token", _):
            if char == "\t" || line.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                return at(mark.line, mark.column, "tab gebruikt voor inspringen; gebruik spaties")
            }
            let shown = char.map { "'\($0)'" } ?? "dit teken"
            return at(mark.line, mark.column, "\(shown) kan een waarde niet beginnen; zet de waarde tussen aanhalingstekens")
        case ("did not find expected alphabetic or numeric character", "while scanning an alias"),
            ("did not find expected alphabetic or numeric character", "while scanning an anchor"):
            let start = context?.mark ?? mark
            let sign = context?.text == "while scanning an anchor" ? "&" : "*"
            return at(start.line, start.column, "'\(sign)' aan het begin van een waarde betekent iets in YAML; zet de waarde tussen aanhalingstekens")
        case ("found unknown escape character", _):
            return at(mark.line, mark.column, "onbekende escape met '\\' tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens of schrijf '\\\\'")
        case ("did not find expected key", _):
            if let quoteEnd = textAfterQuote(in: line) {
                return at(mark.line, quoteEnd, "na de afsluitende aanhalingstekens mag geen tekst meer staan; zet de hele waarde tussen aanhalingstekens")
            }
            return at(mark.line, mark.column, "verwachtte hier een nieuwe eigenschap; controleer de inspringing")
        case ("mapping values are not allowed in this context", _):
            return at(mark.line, mark.column, "hier mag geen ':' staan; zet de waarde tussen aanhalingstekens")
        default:
            var message = "ongeldige YAML: \(translate(problem))"
            if let context, let translated = contextText[context.text] {
                message += " (\(translated) op regel \(context.mark.line + lineOffset - 1))"
            }
            return at(mark.line, mark.column, message)
        }
    }

    /// A key written twice: points at the second occurrence, the line the author added.
    private static func duplicateKeys(_ duplicates: [String], _ context: YamlError.Context, lines: [String], at: Locate) -> Diagnostic {
        let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
        // Point at the second occurrence: that is the line the author added.
        var line = context.mark.line
        var column = context.mark.column
        if let name = duplicates.first {
            let hits = lines.enumerated().filter { _, text in
                let trimmed = text.drop(while: { $0 == " " || $0 == "-" })
                return trimmed.hasPrefix("\(name):") || trimmed.hasPrefix("\"\(name)\":")
            }
            if hits.count > 1 {
                line = hits[1].offset + 1
                column = hits[1].element.prefix(while: { $0 == " " || $0 == "-" }).count + 1
            }
        }
        return at(line, column, "dubbele sleutel \(names) in front matter; elke eigenschap mag één keer voorkomen", .duplicateKey)
    }

    /// Column of an opening double or single quote at the start of a value that is not closed
    /// on the same line (nil when the line is fine).
    private static func unclosedQuote(in line: String) -> Int? {
        let chars = Array(line)
        guard let colon = chars.firstIndex(of: ":"), !line.trimmingCharacters(in: .whitespaces).hasPrefix("#") else { return nil }
        var index = colon + 1
        while index < chars.count, chars[index] == " " { index += 1 }
        guard index < chars.count, chars[index] == "\"" || chars[index] == "'" else { return nil }
        let quote = chars[index]
        var i = index + 1
        while i < chars.count {
            if chars[i] == "\\" && quote == "\"" {
                i += 2
                continue
            }
            if chars[i] == quote {
                if quote == "'" && i + 1 < chars.count && chars[i + 1] == "'" {
                    i += 2
                    continue
                }
                return nil
            }
            i += 1
        }
        return index + 1
    }

    /// Column just after a closing quote that is followed by more text: `title: "A" voor B`.
    private static func textAfterQuote(in line: String) -> Int? {
        let chars = Array(line)
        guard let colon = chars.firstIndex(of: ":") else { return nil }
        var index = colon + 1
        while index < chars.count, chars[index] == " " { index += 1 }
        guard index < chars.count, chars[index] == "\"" || chars[index] == "'" else { return nil }
        let quote = chars[index]
        guard let close = chars[(index + 1)...].firstIndex(of: quote) else { return nil }
        var start = close + 1
        while start < chars.count, chars[start] == " " { start += 1 }
        guard start < chars.count, !"#,}]".contains(chars[start]) else { return nil }
        return start + 1
    }

    private static let contextText: [String: String] = [
        "while parsing a block mapping": "in een blok met sleutels",
        "while scanning a simple key": "bij het lezen van een sleutel",
        "while parsing a flow sequence": "in een lijst tussen [ ]",
        "while parsing a flow mapping": "in een object tussen { }",
        "while scanning a quoted scalar": "in tekst tussen aanhalingstekens",
        "while parsing a quoted scalar": "in tekst tussen aanhalingstekens",
        "while parsing a block collection": "in een lijst",
        "while scanning a plain scalar": "bij het lezen van een waarde",
        "while parsing a block node": "bij het lezen van een waarde",
        "while parsing a flow node": "bij het lezen van een waarde",
    ]

    /// libyaml's English messages, in Dutch for the authors; unknown ones pass through.
    private static func translate(_ text: String) -> String {
        let table: [String: String] = [
            "mapping values are not allowed in this context": "hier mag geen ':' staan; zet de waarde tussen aanhalingstekens",
            "found character that cannot start any token": "dit teken kan hier niet beginnen (tabs zijn niet toegestaan voor inspringen)",
            "did not find expected key": "verwachtte hier een nieuwe eigenschap; controleer de inspringing",
            "found unexpected end of stream": "onverwacht einde; een aanhalingsteken of haakje wordt niet gesloten",
            "did not find expected node content": "hier ontbreekt een waarde",
            "block sequence entries are not allowed in this context": "hier mag geen lijstitem ('- ') staan; controleer de inspringing",
            "found undefined tag handle": "onbekende tag ('!'); zet de waarde tussen aanhalingstekens",
            "found duplicate anchor; first occurrence": "dubbel anker",
            "could not find expected ':'": "verwachtte een ':' na de sleutel",
            "did not find expected ',' or ']'": "verwachtte ',' of ']'",
            "did not find expected ',' or '}'": "verwachtte ',' of '}'",
            "found undefined alias": "onbekende alias",
            "while parsing a block mapping": "in een blok met sleutels",
            "while scanning a simple key": "bij het lezen van een sleutel",
            "while parsing a flow sequence": "in een lijst tussen [ ]",
            "while parsing a flow mapping": "in een object tussen { }",
            "while scanning a quoted scalar": "in tekst tussen aanhalingstekens",
            "while parsing a block collection": "in een lijst",
            "did not find expected '-' indicator": "verwachtte een '-' voor het lijstitem; controleer de inspringing",
            "found a tab character that violates indentation": "tab gebruikt voor inspringen; gebruik spaties",
            "while scanning a plain scalar": "bij het lezen van een waarde",
            "found a tab character where an indentation space is expected": "tab gebruikt voor inspringen; gebruik spaties",
        ]
        return table[text] ?? text
    }
}
