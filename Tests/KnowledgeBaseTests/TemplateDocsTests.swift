import Foundation
import Testing

@testable import KnowledgeBase

/// templates/README.md lists what each page kind's template sees; an author writes templates
/// from it, so it must match the models exactly: a field added to a model but not documented,
/// or documented but not there, fails here. Each model's `templateValue` must hold exactly its
/// stored properties too.
@Suite struct TemplateDocsTests {
    /// A documented field: nil for a value, else the keys of its object (of each item of a list).
    indirect enum Node: Equatable, CustomStringConvertible {
        case value
        case object([String: Node])

        var description: String {
            switch self {
            case .value: return ""
            case .object(let fields):
                return "{" + fields.keys.sorted().map { $0 + fields[$0]!.description }.joined(separator: ", ") + "}"
            }
        }
    }

    // MARK: The README's lists

    /// The fields of the first code block after the heading `### `name`` (none without one).
    static func documented(_ readme: String, heading: String) -> [String: Node]? {
        let lines = readme.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: heading) else { return nil }
        var block: [String] = []
        var inBlock = false
        for line in lines[(start + 1)...] {
            if line.hasPrefix("#") && !inBlock { break }
            if line.hasPrefix("```") {
                if inBlock { break }
                inBlock = true
                continue
            }
            if inBlock { block.append(line) }
        }
        return fields(block)
    }

    /// Lines of "name", "name[]", "name {a, b[] {c}}", each optionally followed by two spaces
    /// and a description; lines indented two more spaces are the keys of the line above.
    static func fields(_ lines: [String]) -> [String: Node] {
        var root: [String: Node] = [:]
        var path: [String] = []  // the field each indentation level adds to
        for line in lines where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let indent = line.prefix { $0 == " " }.count / 2
            path = Array(path.prefix(indent))
            var rest = Substring(line.drop { $0 == " " })
            guard let (name, node) = item(&rest) else { continue }
            insert(name, node, at: path, into: &root)
            path.append(name)
        }
        return root
    }

    static func insert(_ name: String, _ node: Node, at path: [String], into fields: inout [String: Node]) {
        guard let first = path.first else {
            fields[name] = node
            return
        }
        var children: [String: Node] = [:]
        if case .object(let existing)? = fields[first] { children = existing }
        insert(name, node, at: Array(path.dropFirst()), into: &children)
        fields[first] = .object(children)
    }

    /// One "name[] {…}" at the start of `text`, which it consumes.
    static func item(_ text: inout Substring) -> (String, Node)? {
        let name = String(text.prefix { $0.isLetter || $0.isNumber || $0 == "[" || $0 == "]" })
        guard !name.isEmpty else { return nil }
        text = text.dropFirst(name.count)
        let spaces = text.prefix { $0 == " " }.count
        guard spaces <= 1, text.dropFirst(spaces).first == "{" else { return (name, .value) }
        text = text.dropFirst(spaces + 1)
        var fields: [String: Node] = [:]
        while let (child, node) = item(&text) {
            fields[child] = node
            text = text.drop { $0 == "," || $0 == " " }
        }
        if text.first == "}" { text = text.dropFirst() }
        return (name, .object(fields))
    }

    // MARK: The models

    /// A model's fields from its stored properties; `where` names the model in failures.
    static func node(_ value: Any, where path: String) -> (list: Bool, node: Node) {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first else {
                Issue.record("the sample leaves \(path) out: give the fixture a value for it")
                return (false, .value)
            }
            return node(wrapped.value, where: path)
        }
        if value is Summaries { return (true, .value) }
        if mirror.displayStyle == .collection {
            guard let first = mirror.children.first else {
                Issue.record("the sample has no items in \(path): give the fixture one")
                return (true, .value)
            }
            return (true, node(first.value, where: path + "[]").node)
        }
        guard value is TemplateModel else { return (false, .value) }
        var fields: [String: Node] = [:]
        for child in mirror.children {
            guard let label = child.label else { continue }
            let (list, node) = node(child.value, where: path + "." + label)
            fields[label + (list ? "[]" : "")] = node
        }
        return (false, .object(fields))
    }

    /// The template value has exactly the keys the stored properties say, at every level.
    static func checkKeys(_ node: Node, _ value: TemplateValue?, where path: String) {
        guard case .object(let fields) = node else { return }
        var value = value
        if case .list(let items)? = value { value = items.first }
        guard case .object(let keys)? = value else {
            Issue.record("\(path): the template value is not an object")
            return
        }
        let expected = Set(fields.keys.map { $0.hasSuffix("[]") ? String($0.dropLast(2)) : $0 })
        #expect(Set(keys.keys) == expected, "\(path): templateValue's keys differ from the stored properties")
        for (name, child) in fields {
            let key = name.hasSuffix("[]") ? String(name.dropLast(2)) : name
            checkKeys(child, keys[key], where: path + "." + key)
        }
    }

    /// A site whose write-ups fill every optional field, so every model field has a value.
    /// Every key at every level of a model's fields.
    static func keys(_ node: Node) -> Set<String> {
        guard case .object(let fields) = node else { return [] }
        return fields.reduce(into: Set(fields.keys)) { $0.formUnion(keys($1.value)) }
    }

    static func sampleSite() throws -> (FixtureSite, CheckedSite) {
        let site = try FixtureSite()
        let extra = """
            municipalities: [Ede]
            funding: [spuk-dos]
            business_case:
              investment: 180000
              contributions: {zorgkantoor: 60000, gemeente: 120000}
              expected_wlz_savings: 240000
              horizon_years: 3
              realised_wlz_savings: 210000
            results: {participants: 40, admissions_prevented_or_delayed_pct: 62.5, average_delay_months: 8, quality_of_life: beter, caregiver_burden: lager, evaluator: Significant}
            evidence_level: goed-beschreven
            tags: [dementie]
            sources: [{title: Rapport, url: "https://example.org/rapport"}]
            contact: {name: Jan, organisation: Opella, email: jan@example.org}
            updated: 2024-06-01
            """
        let partners = "  - {name: Opella, kind: zorgaanbieder}\n  - {name: Gemeente Ede, kind: gemeente}\n  - {name: Menzis, kind: zorgkantoor}"
        try site.initiative("ede", writeUp(extra: extra, partners: partners))
        // The first page by title (Wageningen) is the sample: it is based on Ede, stopped, and
        // followed, first (by title) by an indirect follower.
        try site.initiative(
            "wageningen",
            writeUp(
                title: "Arrangeur in Wageningen", status: "gestopt",
                extra: extra + "\nreviewed: 2025-01-01\nbased_on: [ede]\nstopped_reason: Geen vervolgfinanciering.", partners: partners))
        try site.initiative("rhenen", writeUp(title: "Dorpscoach in Rhenen", extra: "based_on: [wageningen]"))
        try site.initiative("zeist", writeUp(title: "Buurtcoach in Zeist", extra: "based_on: [rhenen]"))
        // The first type Arnhem lacks, elsewhere: the first of the region page's gaps has an example.
        try site.initiative("logeerhuis", writeUp(title: "Sociale benadering in Twente", type: "sociale-benadering-dementie", region: "Twente", extra: extra, partners: partners))
        let pages = site.root.appendingPathComponent("content/paginas")
        try FileManager.default.createDirectory(at: pages, withIntermediateDirectories: true)
        try "---\ntitle: Over de kennisbank\nsummary: Waarom zij bestaat.\nmenu: 1\n---\n\nTekst.\n".write(
            to: pages.appendingPathComponent("over.md"), atomically: true, encoding: .utf8)
        return (site, site.check())
    }

    @Test("templates/README.md lists exactly the fields of every page kind's model, and each model gives its template exactly those")
    func pageKindsAreDocumented() throws {
        let readme = try String(contentsOf: projectRoot.appendingPathComponent("templates/README.md"), encoding: .utf8)
        let (fixture, site) = try Self.sampleSite()
        defer { fixture.remove() }
        #expect(!site.diagnostics.hasErrors, "\(site.diagnostics)")
        let context = try SiteRenderer(site: site, templateDirectory: nil).pageContext()
        var models: [(String, any TemplateModel)] = [("Initiative summary", context.cards.summary(0))]
        for kind in SiteRenderer.pageKinds {
            // A page that shows write-ups, where the kind has one: its lists have items.
            let pages = kind.pages(context)
            let page = try #require(pages.first { !$0.inputs.summaries.isEmpty || !$0.inputs.content.isEmpty } ?? pages.first)
            models.append(("`\(kind.template)`", page.model()))
        }
        for (name, model) in models {
            let heading = name.hasPrefix("`") ? "### \(name)" : "### Initiative summary (the items of every list of write-ups)"
            guard let documented = Self.documented(readme, heading: heading) else {
                Issue.record("templates/README.md has no heading \"\(heading)\"")
                continue
            }
            let (_, node) = Self.node(model, where: name)
            #expect(node == .object(documented), "\(name): the README lists \(Node.object(documented)), the model has \(node)")
            // Templates are compiled with these resolved once (TemplateLibrary.compiled): a
            // model key of the same name would have shadowed them at render time.
            let shadowing = Self.keys(node).intersection(["lang", "site", "t", "urls"])
            #expect(shadowing.isEmpty, "\(name) has fields named like the build-wide context: \(shadowing.sorted())")
            Self.checkKeys(node, model.templateValue, where: name)
        }
    }

    @Test("the README's field lists are read as the README says: nesting by braces and by indentation")
    func readsFieldLists() {
        let fields = Self.fields([
            "a {b, c[] {d}}   text {x}", "e[]                 summaries", "f", "  g  text", "  h {i}", "    j",
        ])
        #expect(
            Node.object(fields)
                == .object([
                    "a": .object(["b": .value, "c[]": .object(["d": .value])]), "e[]": .value,
                    "f": .object(["g": .value, "h": .object(["i": .value, "j": .value])]),
                ]))
    }

    @Test("a model whose template value leaves out a stored property fails the check")
    func missingKeyIsCaught() {
        struct Partial: TemplateModel {
            var shown: String
            var forgotten: String

            var templateValue: TemplateValue { ["shown": .string(shown)] }
        }
        let model = Partial(shown: "1", forgotten: "2")
        withKnownIssue { Self.checkKeys(Self.node(model, where: "Partial").node, model.templateValue, where: "Partial") }
    }
}
