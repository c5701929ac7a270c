import Foundation
import Testing

@testable import KnowledgeBase

/// The template engine renders what an author of a custom template expects from Mustache as
/// the templates' README describes it.
@Suite struct TemplateTests {
    func render(_ templates: [String: String], _ context: TemplateValue, name: String = "page") throws -> String {
        var library = TemplateLibrary()
        for (key, text) in templates { library.register(try Template(text), named: key) }
        return String(decoding: library.render(name, stack: [context]) ?? [], as: UTF8.self)
    }

    @Test("values are HTML-escaped, triple mustaches and & are not")
    func escaping() throws {
        let html = try render(["page": "{{x}}|{{{x}}}|{{&x}}"], ["x": "<a href=\"x\">'Tom' & Jerry</a>"])
        #expect(html == "&lt;a href=&quot;x&quot;&gt;&#39;Tom&#39; &amp; Jerry&lt;/a&gt;|<a href=\"x\">'Tom' & Jerry</a>|<a href=\"x\">'Tom' & Jerry</a>")
    }

    @Test("sections: lists repeat, empty strings and 0 are true, false and [] and missing are false")
    func truthiness() throws {
        let template = "{{#list}}[{{.}}]{{/list}}{{#s}}S{{/s}}{{#n}}N{{/n}}{{#f}}F{{/f}}{{^f}}!F{{/f}}{{^none}}!M{{/none}}{{^empty}}!E{{/empty}}"
        let html = try render(["page": template], ["list": ["a", "b"], "s": "", "n": 0, "f": false, "empty": []])
        #expect(html == "[a][b]SN!F!M!E")
    }

    @Test("names climb the context stack, dotted names do not climb after the first part")
    func lookups() throws {
        let context: TemplateValue = ["t": ["ui": ["label": "Regio"]], "items": [["name": "Ede"], ["other": 1]], "name": "top"]
        let html = try render(["page": "{{#items}}{{t.ui.label}}: {{name}};{{/items}}{{#items}}{{.name}},{{/items}}"], context)
        #expect(html == "Regio: Ede;Regio: top;Ede,,")
    }

    @Test("transforms empty() and first() work on strings and lists, count on lists")
    func transforms() throws {
        let template = "{{#empty(a)}}A-leeg{{/empty(a)}}{{^empty(b)}}B-vol{{/empty(b)}}{{#first(l)}}eerste={{x}}{{/first(l)}}{{#first(e)}}nooit{{/first(e)}}{{count(l)}}"
        let html = try render(["page": template], ["a": "", "b": "x", "l": [["x": "1"], ["x": "2"]], "e": []])
        #expect(html == "A-leegB-voleerste=12")
    }

    @Test("standalone tags take their whole line; inline tags keep surrounding text")
    func standaloneLines() throws {
        let template = "<ul>\n{{#items}}\n  <li>{{.}}</li>\n{{/items}}\n</ul>\n{{! comment }}\nend {{#x}}x{{/x}} end\n"
        let html = try render(["page": template], ["items": ["a", "b"], "x": true])
        #expect(html == "<ul>\n  <li>a</li>\n  <li>b</li>\n</ul>\nend x end\n")
    }

    @Test("an indented standalone partial indents every line of its output")
    func partialIndentation() throws {
        let html = try render(["page": "<div>\n  {{>item}}\n</div>\n", "item": "<p>{{x}}</p>\n<p>2</p>\n"], ["x": "1"])
        #expect(html == "<div>\n  <p>1</p>\n  <p>2</p>\n</div>\n")
    }

    @Test("a page fills the blocks of its layout; unfilled blocks keep their default")
    func inheritance() throws {
        let layout = "<title>{{$title}}Standaard{{/title}}</title>\n<main>\n{{$content}}\n{{/content}}\n</main>\n"
        let page = "{{<layout}}\n{{$content}}\n<h1>{{kop}}</h1>\n{{/content}}\n{{/layout}}\n"
        let html = try render(["layout": layout, "page": page], ["kop": "Ede"])
        #expect(html == "<title>Standaard</title>\n<main>\n<h1>Ede</h1>\n</main>\n")
    }

    @Test("set delimiters change the tags for the rest of the template")
    func delimiters() throws {
        let html = try render(["page": "{{=<% %>=}}<% x %> {{x}}"], ["x": "1"])
        #expect(html == "1 {{x}}")
    }

    @Test("syntax errors say what is wrong, in Dutch, at the line and column of the problem")
    func syntaxErrors() {
        #expect(throws: TemplateSyntaxError.self) { try Template("{{#a}}\nx\n") }
        do {
            _ = try Template("<p>\n  {{#a}}x{{/b}}\n")
            Issue.record("a mismatched close tag parsed")
        } catch {
            #expect(error.line == 2)
            #expect(error.column == 13)
            #expect(error.message.contains("andere sectie"))
        }
        do {
            _ = try Template("<p>{{naam</p>")
            Issue.record("an unclosed tag parsed")
        } catch {
            #expect(error.line == 1)
            #expect(error.message.contains("niet afgesloten"))
        }
    }

    @Test("a broken template in a site stops the build with KB012 at the template's line and leaves the output alone")
    func brokenSiteTemplate() throws {
        let site = try FixtureSite(files: ["templates/home.mustache": "{{<layout}}\n{{$content}}\n{{#x}}\n{{/content}}\n{{/layout}}\n"])
        defer { site.remove() }
        try site.initiative("ede", writeUp())
        #expect(throws: RenderError.self) { try site.build() }
        do {
            try site.build()
        } catch let error as RenderError {
            #expect(error.diagnostic.file == "templates/home.mustache")
            #expect(error.diagnostic.code == .invalidTemplate)
            #expect(error.diagnostic.line == 4)
        }
        #expect(site.snapshot().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: site.root.appendingPathComponent(".public.kb-new-\(ProcessInfo.processInfo.processIdentifier)").path))
    }
}

@Suite struct CompiledTemplateTests {
    static let constants: [String: TemplateValue] = [
        "t": ["ui": ["hello": "Hallo & welkom", "count": 3, "on": true, "off": false, "list": ["a", "b"]]],
        "urls": ["home": "/kb/"],
    ]

    static func render(_ source: String, _ context: [String: TemplateValue], compiled: Bool) throws -> String {
        var library = TemplateLibrary()
        library.register(try Template(source), named: "page")
        library.register(try Template("<li>{{t.ui.hello}} {{name}}</li>\n"), named: "item")
        let used = compiled ? library.compiled(constants: constants) : library
        let stack: [TemplateValue] = [.object(constants.merging(context) { _, page in page })]
        return String(decoding: used.render("page", stack: stack) ?? [], as: UTF8.self)
    }

    @Test(
        "a template compiled against the build-wide values renders the bytes the uncompiled one does",
        arguments: [
            "{{t.ui.hello}} {{{t.ui.hello}}} {{t.ui.count}} {{t.ui.on}} {{t.ui.missing}}|{{urls.home}}",
            "{{#t.ui.on}}ja {{name}}{{/t.ui.on}}{{^t.ui.off}}nee{{/t.ui.off}}{{#t.ui.off}}x{{/t.ui.off}}{{^t.ui.missing}}leeg{{/t.ui.missing}}",
            "{{#t.ui.list}}[{{.}} {{t.ui.hello}}]{{/t.ui.list}}{{#empty(t.ui.list)}}e{{/empty(t.ui.list)}}{{count(t.ui.list)}}",
            "<ul>\n  {{>item}}\n  {{#items}}\n  {{>item}}\n  {{/items}}\n</ul>\n",
            "{{#items}}{{name}}: {{t.ui.hello}}; {{/items}}{{^items}}geen{{/items}}",
        ])
    func compiledEqualsUncompiled(source: String) throws {
        let context: [String: TemplateValue] = ["name": "Ede", "items": [["name": "a"], ["name": "b"]]]
        let plain = try Self.render(source, context, compiled: false)
        #expect(try Self.render(source, context, compiled: true) == plain)
        #expect(!plain.isEmpty)
    }

    @Test("references to the build-wide values are text after compiling: nothing left to look up")
    func constantsBecomeText() throws {
        let library = TemplateLibrary()
        var registered = library
        registered.register(try Template("{{t.ui.hello}}{{#t.ui.on}}{{urls.home}}{{/t.ui.on}}{{name}}"), named: "page")
        let nodes = registered.compiled(constants: Self.constants).templates["page"]!.nodes
        var references: [String] = []
        func walk(_ nodes: [Template.Node]) {
            for node in nodes {
                switch node {
                case .variable(let reference, _): references.append(reference.text)
                case .section(let reference, let inner), .inverted(let reference, let inner):
                    references.append(reference.text)
                    walk(inner)
                case .group(let inner): walk(inner)
                default: break
                }
            }
        }
        walk(nodes)
        #expect(references == ["name"])
    }
}
