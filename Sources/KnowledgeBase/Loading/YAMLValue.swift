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
        if let problem = nestingProblem(yaml, path: path, lineOffset: lineOffset) {
            return .failure(problem)
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            return .failure(diagnostic(for: error, path: path, lineOffset: lineOffset))
        } catch {
            return .failure(Diagnostic(.error, .yamlSyntax, file: path, line: lineOffset, "ongeldige YAML: \(error)"))
        }
        guard let node else { return .success(nil) }
        var budget = maximumNodes
        guard let value = convert(node, lineOffset: lineOffset, depth: 0, budget: &budget) else {
            return .failure(
                Diagnostic(
                    .error, .tooComplex, file: path, line: lineOffset,
                    "front matter is te groot of te diep genest (meer dan \(maximumNodes) waarden of \(maximumDepth) niveaus, bijvoorbeeld door YAML-aliassen)"
                ))
        }
        return .success(value)
    }

    private static func convert(_ node: Node, lineOffset: Int, depth: Int, budget: inout Int) -> YAMLValue? {
        budget -= 1
        guard budget >= 0, depth <= maximumDepth else { return nil }
        let line = (node.mark?.line ?? 1) + lineOffset - 1
        let column = node.mark?.column ?? 1
        switch node {
        case .scalar(let scalar):
            let quoted = scalar.style == .singleQuoted || scalar.style == .doubleQuoted
            let value = YAMLValue.Scalar(
                text: scalar.string,
                isNull: !quoted && node.null != nil,
                int: quoted ? nil : node.int,
                double: quoted ? nil : node.float,
                bool: quoted ? nil : node.bool,
                isQuoted: quoted)
            return YAMLValue(kind: .scalar(value), line: line, column: column)
        case .sequence(let sequence):
            var items: [YAMLValue] = []
            for child in sequence {
                guard let item = convert(child, lineOffset: lineOffset, depth: depth + 1, budget: &budget) else { return nil }
                items.append(item)
            }
            return YAMLValue(kind: .sequence(items), line: line, column: column)
        case .mapping(let mapping):
            var pairs: [(key: YAMLValue, value: YAMLValue)] = []
            for (k, v) in mapping {
                guard let key = convert(k, lineOffset: lineOffset, depth: depth + 1, budget: &budget),
                    let value = convert(v, lineOffset: lineOffset, depth: depth + 1, budget: &budget)
                else { return nil }
                pairs.append((key, value))
            }
            return YAMLValue(kind: .mapping(pairs), line: line, column: column)
        case .alias:
            return nil
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

    private static func diagnostic(for error: YamlError, path: String, lineOffset: Int) -> Diagnostic {
        func at(_ mark: Mark, _ problem: String, _ context: YamlError.Context?) -> Diagnostic {
            var message = "ongeldige YAML: \(translate(problem))"
            if let context, !context.text.isEmpty { message += " (\(translate(context.text)) op regel \(context.mark.line + lineOffset - 1))" }
            return Diagnostic(.error, .yamlSyntax, file: path, line: mark.line + lineOffset - 1, column: mark.column, message)
        }
        switch error {
        case .scanner(let context, let problem, let mark, _): return at(mark, problem, context)
        case .parser(let context, let problem, let mark, _): return at(mark, problem, context)
        case .composer(let context, let problem, let mark, _): return at(mark, problem, context)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            return Diagnostic(
                .error, .duplicateKey, file: path, line: context.mark.line + lineOffset - 1, column: context.mark.column,
                "dubbele sleutel \(names) in front matter; elke eigenschap mag één keer voorkomen")
        case .reader(let problem, _, _, _):
            return Diagnostic(.error, .yamlSyntax, file: path, line: lineOffset, "ongeldige YAML: \(problem)")
        default:
            return Diagnostic(.error, .yamlSyntax, file: path, line: lineOffset, "ongeldige YAML: \(error)")
        }
    }

    /// libyaml's English messages, in Dutch for the authors; unknown ones pass through.
    private static func translate(_ text: String) -> String {
        let table: [String: String] = [
            "mapping values are not allowed in this context": "hier mag geen ':' staan; zet de waarde tussen aanhalingstekens",
            "found character that cannot start any token": "dit teken kan hier niet beginnen (tabs zijn niet toegestaan voor inspringen)",
            "did not find expected key": "verwachtte hier een sleutel; controleer de inspringing",
            "could not find expected ':'": "verwachtte een ':' na de sleutel",
            "found unexpected end of stream": "onverwacht einde; een aanhalingsteken of haakje wordt niet gesloten",
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
