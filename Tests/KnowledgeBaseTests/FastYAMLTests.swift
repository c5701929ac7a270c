import Foundation
import Testing

@testable import KnowledgeBase

/// FastYAML must either give up (nil) or produce exactly what the Yams path produces.
@Suite struct FastYAMLTests {
    /// Every node with all fields, so two trees compare as text and a failure shows the difference.
    static func dump(_ value: YAMLValue, into out: inout String, indent: String = "") {
        out += "\(indent)@\(value.line):\(value.column) "
        switch value.kind {
        case .scalar(let s):
            let double = s.double.map { $0.isNaN ? "nan" : String($0.bitPattern) } ?? "-"
            out +=
                "scalar \(String(reflecting: s.text)) null=\(s.isNull) int=\(s.int.map(String.init) ?? "-") double=\(double) bool=\(s.bool.map(String.init) ?? "-") quoted=\(s.isQuoted)\n"
        case .sequence(let items):
            out += "sequence \(items.count)\n"
            for item in items { dump(item, into: &out, indent: indent + "  ") }
        case .mapping(let pairs):
            out += "mapping \(pairs.count)\n"
            for pair in pairs {
                dump(pair.key, into: &out, indent: indent + "  ")
                dump(pair.value, into: &out, indent: indent + "    ")
            }
        }
    }

    static func dump(_ value: YAMLValue) -> String {
        var out = ""
        dump(value, into: &out)
        return out
    }

    /// Whether the fast path took the text, and a description of any difference from Yams.
    static func compare(_ yaml: String, lineOffset: Int = 2) -> (fast: Bool, mismatch: String?) {
        guard let fast = FastYAML.parse(yaml, lineOffset: lineOffset) else { return (false, nil) }
        switch YAMLReader.readWithYams(yaml, path: "test.md", lineOffset: lineOffset) {
        case .failure(let diagnostic):
            return (true, "fast path accepted what Yams refuses (\(diagnostic.message)):\n\(yaml)")
        case .success(nil):
            return (true, "fast path gave a value where Yams gives none:\n\(yaml)")
        case .success(let slow?):
            let a = dump(fast)
            let b = dump(slow)
            return (true, a == b ? nil : "difference for:\n\(yaml)\n--- fast\n\(a)--- yams\n\(b)")
        }
    }

    /// Front matter of every Markdown file under a folder, as the loader splits it.
    static func frontMatters(under folder: URL) -> [(path: String, yaml: String, line: Int)] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            return []
        }
        var out: [(String, String, Int)] = []
        for case let url as URL in walker where url.pathExtension == "md" {
            guard let data = try? Data(contentsOf: url),
                case .success(let source) = SourceFile.split(bytes: [UInt8](data), path: url.path)
            else { continue }
            out.append((url.path, source.frontMatter, source.frontMatterStartLine))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    @Test func siteContentTakesTheFastPathAndMatchesYams() {
        let files = Self.frontMatters(under: projectRoot.appendingPathComponent("content/initiatieven"))
        #expect(files.count >= 10)
        for file in files {
            let (fast, mismatch) = Self.compare(file.yaml, lineOffset: file.line)
            #expect(fast, "fast path refused \(file.path)")
            #expect(mismatch == nil, "\(file.path): \(mismatch ?? "")")
        }
        let config = (try? String(contentsOf: projectRoot.appendingPathComponent("kb.yml"), encoding: .utf8)) ?? ""
        #expect(Self.compare(config, lineOffset: 1).mismatch == nil)
    }

    @Test func fixturesMatchYams() {
        let files = Self.frontMatters(under: projectRoot.appendingPathComponent("Tests/Fixtures"))
        #expect(files.count >= 50)
        for file in files {
            let (_, mismatch) = Self.compare(file.yaml, lineOffset: file.line)
            #expect(mismatch == nil, "\(file.path): \(mismatch ?? "")")
        }
    }

    /// Shapes real front matter uses; each must take the fast path.
    static let common: [String] = [
        "title: Arrangeur in Ede\nregion: ZK04\n",
        "municipalities: [Ede, Voorne aan Zee]\nperiod: {start: 2018-01, end: 2020-12}\n",
        "partners:\n  - {name: Opella, kind: zorgaanbieder}\n  - {name: \"Seniorenraad 's-Hertogenbosch\", kind: x}\n",
        "business_case:\n  investment: 210000\n  contributions: {gemeente: 70000, overig: 100000}\n  horizon_years: 3\n",
        "results:\n  admissions_prevented_or_delayed_pct: 62.5\n  quality_of_life: Cliënten voelen zich gehoord.\n",
        "sources:\n  - {title: \"Kamerstuk 31 765, nr. 544 – Stand\", url: \"https://x.nl/a?b=c%3A1\"}\n",
        "summary: \"Alzheimer Café in Beek: Het herstelteam.\"\n",
        "contact: {name: Maëlle van Dijk, organisation: Zorgcentrum, email: m@voorbeeld.nl}\nupdated: 2023-03-14\n",
        "draft: true\ntags: []\n",
        "partners:\n- name: A\n  kind: b\n- name: C\n  kind: d\nnext: 1\n",
        "title: x # comment\n# whole-line comment\n\n  # indented comment\nregion: y\n",
        "url: https://example.org/a:b\n",
        "title: 'it''s'\n",
        "empty:\nnested:\n  a:\n  b: ~\n",
    ]

    @Test func commonShapesTakeTheFastPath() {
        for yaml in Self.common {
            let (fast, mismatch) = Self.compare(yaml)
            #expect(fast, "fast path refused:\n\(yaml)")
            #expect(mismatch == nil, "\(mismatch ?? "")")
        }
    }

    /// Corners of the subset and just outside it; either path may take them, results must match.
    static let tricky: [String] = [
        "a: \"x # not a comment\"\n", "a: 'x # not'\n", "a: x#y\n", "a: x #y\n", "a: \"a: b\"\n", "a: 'a: b'\n",
        "a: a: b\n", "a: a:\n", "a: a:b\n", "a: a :b\n", "a: http://x.nl:80/p?q=1#frag\n",
        "key   : value\n", "key : \n", "\"quoted key\": 1\n", "'single key' : 2\n", "\"k\":v\n", "k:v\n",
        "n: 1_000\n", "n: 0x1F\n", "n: 1e3\n", "n: 1E3\n", "n: .5\n", "n: +1\n", "n: -0\n", "n: -5\n", "n: 0o17\n",
        "n: 017\n", "n: 1:30\n", "n: 9223372036854775808\n", "n: 1e400\n", "n: .inf\n", "n: -.Inf\n", "n: .NaN\n",
        "n: 1__0\n", "n: _1\n", "n: +\n", "n: -\n", "n: 1.2.3\n", "n: 1e\n", "n: 12abc\n",
        "d: 2024-01-05\n", "d: 2024-01-05T10:00:00Z\n", "d: 2024-01\n",
        "b: yes\nc: no\nd: on\ne: off\nf: True\ng: FALSE\nh: y\ni: n\nj: Yes\nk: oN\n",
        "z: ~\ny: null\nx: Null\nw: NULL\nv: nUll\nu: ''\nt: \"\"\n",
        "l: []\n", "l: [ ]\n", "l: [a,b]\n", "l: [ a , b ]\n", "l: [a, b,]\n", "l: [a, , b]\n", "l: [a, [b]]\n",
        "l: [a, {b: c}]\n", "l: [a: b]\n", "l: [\"a\", 'b', c d]\n", "l: [a]  # c\n", "l: [a]#c\n", "l: [a] x\n",
        "l: [a,\n  b]\n", "l: [-1, -a, +2]\n", "l: [-]\n", "l: [a#b, c]\n", "l: [a #b]\n", "l: [a?b]\n", "l: [a:b]\n",
        "l: [a:, b]\n", "l: [http://x.nl]\n", "l: ['it''s', \"q\"]\n", "l: [1, 1.5, true, null, ~, '']\n",
        "m: {}\n", "m: { }\n", "m: {a: 1}\n", "m: {a: 1,}\n", "m: {a: }\n", "m: {a}\n", "m: {a: 1, a: 2}\n",
        "m: {\"a\": 1}\n", "m: {a:b: c}\n", "m: {url: https://x.nl/a?b}\n", "m: {a: b: c}\n", "m: {a: [b]}\n",
        "m: { a : 1 , b : 2 }\n", "m: {a: 'x, y', b: \"}\"}\n", "m: {1: a, true: b, null: c}\n",
        "seq:\n  - a\n  - b\n", "seq:\n- a\n- b\n", "seq:\n  -   a\n  -  b\n", "seq:\n  - a\n  b: c\n",
        "seq:\n  - a\n - b\n", "seq:\n  - a\n    b\n", "seq:\n  -\n  - b\n", "seq:\n  - - a\n",
        "seq:\n  - a: 1\n    b: 2\n  - c: 3\n",
        "seq:\n  - a: 1\n   b: 2\n", "seq:\n  - a: 1\n     b: 2\n", "seq:\n  - a:\n    - x\n    - y\n",
        "seq:\n  - a:\n    b: 1\n", "seq:\n  - a:\n      b: 1\n", "seq:\n  - a:\n  - b\n", "seq:\n  - \"a\": 1\n",
        "seq:\n  - \"a\"\n  - 'b'\n", "seq:\n  - [a, b]\n  - {c: d}\n", "seq:\n  - a # c: d\n", "seq:\n  - a: b # c\n",
        "- a\n- b\n", "- title: x\n  region: y\n", "  a: 1\n  b: 2\n", "  a: 1\nb: 2\n", "a: 1\n  b: 2\n",
        "a:\n  b:\n    c:\n      d: 1\n  e: 2\nf: 3\n", "a:\n   b: 1\n   c: 2\n", "a:\n  b: 1\n c: 2\n",
        "a: 1\na: 2\n", "a: 1\n\"a\": 2\n", "a:\n  x: 1\nb:\n  x: 2\n",
        "a: b\n  c\n", "a: \"b\n  c\"\n", "a: |\n  text\n", "a: >\n  text\n", "a: &x 1\nb: *x\n", "a: !tag x\n",
        "? a\n: b\n", "a: @x\n", "a: `x`\n", "a: %x\n", "%YAML 1.2\n---\na: 1\n", "a: 1\n---\nb: 2\n", "a: 1\n...\n",
        "a: \"back\\\\slash\"\n", "a: \"tab\\there\"\n", "a: 'back\\slash'\n", "a:\tb\n", "\ta: b\n",
        "a: b\r\nc: d\r\n",
        "a: \"unterminated\n", "a: 'x' y\n", "a: \"x\"y\n", "a: \"x\" # c\n", "a: \"x\"# c\n",
        "a: Cliënten 😀 — tekst\nb: [é, ü, 中文]\nc: {é: ü, f: 😀}\n", "é: 1\n中文: 2\n", "a: x\u{00A0}y\n",
        "a: x\u{2028}y\n", "a: x\u{0085}y\n", "a: x\u{FEFF}y\n", "a: x\u{7F}y\n", "a: x\u{0}y\n",
        "a:   spaced   \n", "a: 'spaced  '\n", "a:   \n", "a: # only comment\nb: 2\n", "a:\n  # comment\nb: 2\n",
        "a:\n\n  b: 1\n", "a: -x\n", "a: --x\n", "a: - x\n", "a: -\n", "-a: 1\n", "a: ?x\n", "a: :x\n",
        "a: ---\n", "a: ...\n", "--- a\n", "a: x ---\n", "a: [\n", "a: {\n", "a: ]\n", "a: }\n", "a: ,x\n", "a: x,y\n",
        "a: 'x'\n  b: c\n", "a: [x]\n  b: c\n", "<<: {a: 1}\n", "a: <<\n", "title:\n", "title:\n\n", "", "\n", "# c\n",
        "a: 1", "a: 1\n\n\n", "a: x\n  # indented comment after scalar\nb: y\n", "a: b # c\n  d\n",
        "a:x: 1\n", "a::\n", "'a''b': 1\n", "'': 1\n", "\"\": 2\n", "a b c: d e f\n", "a \"b\": c\n",
        "1: a\n01: b\n", "true: a\nTrue: b\n",
    ]

    @Test func trickySnippetsMatchYams() {
        var fastCount = 0
        for yaml in Self.tricky {
            let (fast, mismatch) = Self.compare(yaml)
            if fast { fastCount += 1 }
            #expect(mismatch == nil, "\(mismatch ?? "")")
        }
        #expect(fastCount > Self.tricky.count / 3)
    }

    @Test func unusualLineOffsetsAndLongLines() {
        for offset in [1, 2, 7] {
            #expect(Self.compare("a: 1\nb:\n  - {c: d}\n", lineOffset: offset).mismatch == nil)
        }
        let long = "title: " + String(repeating: "lang ", count: 200_000) + "\nb: 1\n"
        #expect(Self.compare(long) == (true, nil))
        for length in [999, 1000, 1022, 1023, 1024, 1030] {
            let key = String(repeating: "k", count: length)
            #expect(Self.compare(key + ": 1\n").mismatch == nil)
            #expect(Self.compare("\"\(key)\": 1\n").mismatch == nil)
            #expect(Self.compare("m: {\(key): 1}\n").mismatch == nil)
            #expect(Self.compare("a: 'x''\(key)''y'\n").mismatch == nil)
        }
        let deep = (0..<40).map { String(repeating: "  ", count: $0) + "k\($0):" }.joined(separator: "\n") + " 1\n"
        #expect(Self.compare(deep).fast == false)
        let wide = "a: [" + Array(repeating: "x", count: 20_001).joined(separator: ", ") + "]\n"
        #expect(Self.compare(wide).fast == false)
        let brackets = "a: \"" + String(repeating: "[", count: 33) + "\"\n"
        #expect(Self.compare(brackets).fast == false)
    }

    /// Random documents built from front-matter pieces, some deliberately broken.
    @Test func randomDocumentsMatchYams() {
        var generator = RandomYAML(seed: 0x5EED)
        var fastCount = 0
        let rounds = 4000
        for _ in 0..<rounds {
            let yaml = generator.document()
            let (fast, mismatch) = Self.compare(yaml)
            if fast { fastCount += 1 }
            #expect(mismatch == nil, "\(mismatch ?? "")")
        }
        #expect(fastCount > rounds / 4)
    }

    /// Large generated corpus, run by hand: KB_FASTYAML_CORPUS=/tmp/c10k/content/initiatieven.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["KB_FASTYAML_CORPUS"] != nil))
    func externalCorpusMatchesYams() {
        let folder = URL(fileURLWithPath: ProcessInfo.processInfo.environment["KB_FASTYAML_CORPUS"] ?? "")
        let files = Self.frontMatters(under: folder)
        var fastCount = 0
        var mismatches = 0
        for file in files {
            let (fast, mismatch) = Self.compare(file.yaml, lineOffset: file.line)
            if fast { fastCount += 1 }
            if let mismatch {
                mismatches += 1
                if mismatches <= 5 { Issue.record("\(file.path): \(mismatch)") }
            }
        }
        print("FastYAML corpus: \(files.count) files, \(fastCount) on the fast path, \(mismatches) mismatches")
        #expect(mismatches == 0)
    }
}

/// Seeded generator of YAML documents: mostly valid front-matter shapes with the odd mistake.
struct RandomYAML {
    /// The fuzzer's SplitMix64: deterministic, so a failure reproduces.
    var random: Fuzzer.Random

    init(seed: UInt64) { random = Fuzzer.Random(state: seed) }

    mutating func int(_ n: Int) -> Int { random.below(n) }
    mutating func chance(_ percent: Int) -> Bool { int(100) < percent }
    mutating func pick(_ options: [String]) -> String { options[int(options.count)] }

    static let keys = [
        "title", "region", "a", "key with space", "\"quoted\"", "'single'", "x ", "1", "true", "null", "é", "中文",
        "k#x", "url:x", "-k", "~",
    ]
    static let scalars = [
        "value", "Cliënten voelen zich gehoord", "~", "null", "1_000", "0x1F", "1e3", ".5", "+1", "-0", "62.5",
        "2024-01-05", "yes", "off", "True", "a#b", "http://x.nl/a?b=c", "'it''s'", "\"d q\"", "\"a: b\"", "'# not'",
        "😀 emoji", "-5", "x ",
        "''", "\"\"", ".inf", "1e400", "9223372036854775808", "1:30", "a b  c", "'s-Hertogenbosch", "x,y", "a?b",
    ]
    static let broken = [
        "a: b", "- x", "-", "[a,]", "{a}", "{a: }", "\"a\" x", "'open", "\"back\\\\slash\"", "@x", "!t x", "&a x", "*a",
        "|", ">", "? x", ": x", "[a: b]", "[a, [b]]", "{a: {b: c}}", "x:", "%x", "`x`", "[a:, b]", "x\ty",
    ]

    mutating func scalar(flow: Bool) -> String {
        var options = Self.scalars
        if flow { options = options.filter { !$0.contains(",") && !$0.contains("#") } }
        return pick(options)
    }

    mutating func inline() -> String {
        switch int(10) {
        case 0:
            return "[" + (0..<int(4)).map { _ in scalar(flow: true) }.joined(separator: pick([", ", ",", " , "])) + "]"
        case 1:
            let pairs = (0..<int(4)).map { i in "k\(i): \(scalar(flow: true))" }
            return "{" + pairs.joined(separator: ", ") + "}"
        case 2 where chance(30):
            return pick(Self.broken)
        default:
            return scalar(flow: false)
        }
    }

    mutating func comment() -> String { chance(15) ? pick([" # c", "  # note: x", " #"]) : "" }

    mutating func mapping(indent: Int, depth: Int, into lines: inout [String], first prefix: String? = nil) {
        let count = 1 + int(4)
        var used: Set<String> = []
        for index in 0..<count {
            var key = pick(Self.keys)
            if used.contains(key) && !chance(5) { key += "\(index)" }
            used.insert(key)
            let lead = index == 0 && prefix != nil ? prefix! : String(repeating: " ", count: indent)
            if chance(8) { lines.append(chance(50) ? "" : String(repeating: " ", count: int(6)) + "# comment") }
            switch depth < 3 ? int(6) : 0 {
            case 1:
                lines.append(lead + key + ":" + comment())
                mapping(indent: indent + [2, 2, 4, 1, 3][int(5)], depth: depth + 1, into: &lines)
            case 2:
                lines.append(lead + key + ":" + comment())
                let step = chance(30) ? 0 : [2, 2, 4, 1][int(4)]
                sequence(indent: indent + step, depth: depth + 1, into: &lines)
            case 3 where chance(20):
                lines.append(lead + key + ":" + pick(["", " ", " # empty"]))
            default:
                lines.append(lead + key + ":" + pick([" ", " ", "  "]) + inline() + comment())
            }
            if chance(3) { lines.append(String(repeating: " ", count: indent + 2) + "continued") }
            if chance(2) { lines[lines.count - 1] = " " + lines[lines.count - 1] }
        }
    }

    mutating func sequence(indent: Int, depth: Int, into lines: inout [String]) {
        for _ in 0..<(1 + int(4)) {
            let dash = String(repeating: " ", count: indent) + "-" + pick([" ", " ", "   "])
            if chance(40) && depth < 4 {
                mapping(indent: dash.count, depth: depth + 1, into: &lines, first: dash)
            } else {
                lines.append(dash + inline() + comment())
            }
        }
    }

    mutating func document() -> String {
        var lines: [String] = []
        if chance(5) {
            sequence(indent: 0, depth: 0, into: &lines)
        } else {
            mapping(indent: 0, depth: 0, into: &lines)
        }
        return lines.joined(separator: "\n") + (chance(90) ? "\n" : "")
    }
}
