import Dispatch
import Synchronization
import Testing

@testable import KnowledgeBase

@Suite("Markdown")
struct MarkdownTests {
    @Test("GFM tables, strikethrough, task lists, autolinks and footnotes render")
    func extensions() {
        let doc = Markdown.render(
            "| a | b |\n|---|---|\n| 1 | 2 |\n\n~~weg~~ www.example.nl\n\n- [x] klaar\n\nNoot[^1]\n\n[^1]: Uitleg.\n")
        #expect(doc.html.contains("<table>"))
        #expect(doc.html.contains("<del>weg</del>"))
        #expect(doc.html.contains("<a href=\"http://www.example.nl\">"))
        #expect(doc.html.contains("type=\"checkbox\""))
        #expect(doc.html.contains("class=\"footnotes\""))
    }

    @Test("raw HTML is dropped, never passed through")
    func rawHTML() {
        let doc = Markdown.render("<script>alert(1)</script>\n\nTekst <iframe src=x></iframe>\n")
        #expect(!doc.html.contains("<script"))
        #expect(!doc.html.contains("<iframe"))
    }

    @Test("headings get stable, unique, diacritic-free ids")
    func headingIDs() {
        let doc = Markdown.render("## Geleerde lessen\n\n## Cliënt & coördinatie\n\n## Geleerde lessen\n")
        #expect(doc.headings.map(\.id) == ["geleerde-lessen", "client-coordinatie", "geleerde-lessen-1"])
        #expect(doc.html.contains("<h2 id=\"client-coordinatie\">Cliënt &amp; coördinatie</h2>"))
    }

    @Test("aligned table cells get classes instead of the obsolete align attribute; text stays as written")
    func alignedCellsGetClasses() {
        let doc = Markdown.render(
            "| L | C | R | - |\n|:--|:-:|--:|---|\n| `align=\"right\"` | <td align=\"right\"> | 1 | x |\n\n"
                + "```\n<td align=\"left\">\n```\n\n`<th align=\"center\">` align=\"right\"\n")
        let html = doc.html
        #expect(html.contains("<th class=\"uitlijning-links\">L</th>\n<th class=\"uitlijning-midden\">C</th>\n"))
        #expect(html.contains("<th class=\"uitlijning-rechts\">R</th>\n<th>-</th>"))
        #expect(html.contains("<td class=\"uitlijning-links\"><code>align=&quot;right&quot;</code></td>"))
        // Raw HTML in a cell is dropped, never mistaken for a cell.
        #expect(html.contains("<td class=\"uitlijning-midden\"><!-- raw HTML omitted --></td>"))
        #expect(html.contains("<td class=\"uitlijning-rechts\">1</td>\n<td>x</td>"))
        #expect(html.contains("<pre><code>&lt;td align=&quot;left&quot;&gt;\n</code></pre>"))
        #expect(html.contains("<code>&lt;th align=&quot;center&quot;&gt;</code> align=&quot;right&quot;"))
        #expect(!html.contains("align=\""))
        // Without any table or heading the HTML is passed on as cmark-gfm wrote it.
        #expect(Markdown.render("Tekst met align=\"right\".\n").html == "<p>Tekst met align=&quot;right&quot;.</p>\n")
    }

    @Test("body headings start at h2 and go down one level at a time; the ids stay the author's")
    func headingLevels() {
        let doc = Markdown.render("# Een\n\n###### Zes\n\n## Twee\n\n#### Vier\n\n##### Vijf\n\n### Drie\n")
        #expect(doc.headings.map(\.level) == [2, 3, 2, 3, 4, 3])
        #expect(doc.headings.map(\.id) == ["een", "zes", "twee", "vier", "vijf", "drie"])
        #expect(doc.html.hasPrefix("<h2 id=\"een\">Een</h2>\n<h3 id=\"zes\">Zes</h3>\n<h2 id=\"twee\">Twee</h2>\n<h3 id=\"vier\">"))
    }

    @Test("a heading without text is no heading: dropped, or a paragraph when it holds an image")
    func emptyHeadings() {
        let doc = Markdown.render("## Eerste\n\n##\n\n## ![](foto.png)\n\n#### Daarna\n")
        #expect(doc.headings.map(\.id) == ["eerste", "daarna"])
        #expect(doc.html == "<h2 id=\"eerste\">Eerste</h2>\n<p><img src=\"foto.png\" alt=\"\" /></p>\n<h3 id=\"daarna\">Daarna</h3>\n")
    }

    @Test("heading ids never take ids the page or the footnotes already use")
    func reservedHeadingIDs() {
        let doc = Markdown.render("## Inhoud\n\n## Sectie resultaten\n\n## Fn 1\n\n## Inhoudsopgave\n\nNoot[^1]\n\n[^1]: x\n")
        #expect(doc.headings.map(\.id) == ["kop-inhoud", "kop-sectie-resultaten", "kop-fn-1", "inhoudsopgave"])
        #expect(doc.html.contains("id=\"fn-1\""))
    }

    @Test("a fence's language is a class on <code>, not an invalid lang on <pre>")
    func codeLanguage() {
        #expect(Markdown.render("```swift\nlet x = 1\n```\n").html == "<pre><code class=\"language-swift\">let x = 1\n</code></pre>\n")
    }

    @Test("links are reported with file-relative positions")
    func linkPositions() {
        let doc = Markdown.render("Tekst\n\nZie [x](andere.md#a).\n", lineOffset: 10)
        #expect(doc.links == [MarkdownDocument.Link(destination: "andere.md#a", line: 12, column: 5)])
        #expect(doc.plainText == "Tekst\nZie x.")
    }

    @Test("link columns count characters, with CRLF line ends too")
    func linkColumnsInCharacters() {
        let doc = Markdown.render("Tekst\r\n\r\nCliënt café: [x](andere.md) en [y](derde.md)\r\n", lineOffset: 1)
        // "Cliënt café: " is 13 characters and 15 bytes; "en " follows the first link.
        #expect(doc.links.map(\.line) == [3, 3])
        #expect(doc.links.map(\.column) == [14, 32])
    }

    @Test("parses on many threads at once give exactly the HTML of parses one at a time")
    func parallelParsesAgree() {
        // Strikethrough, tables and autolinks depend on the special characters stock
        // cmark-gfm adds to and removes from global tables around every parse: a parse on
        // another thread that removed them would drop <del>, cells or links here.
        let documents = (0..<16).map { n in
            (0..<60).map { line in
                "Regel \(n)-\(line): ~~oud~~ nieuw, zie www.voorbeeld\(line).nl of https://zorg.example/\(n).\n\n"
                    + "| a | b ~~c~~ |\n|---|---|\n| \(line) | www.x\(n).nl |\n\n- [x] klaar ~~ja~~\n"
            }.joined(separator: "\n")
        }
        #if os(Linux)
            // Debian's libcmark-gfm calls the table hook through its PLT: parses run unlocked.
            #expect(Markdown.concurrent)
        #endif
        let serial = documents.map { Markdown.render($0).html }
        #expect(serial.allSatisfy { $0.contains("<del>oud</del>") && $0.contains("<a href=\"http://www.voorbeeld0.nl\">") })
        let mismatches = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: documents.count * 12) { index in
            if Markdown.render(documents[index % documents.count]).html != serial[index % documents.count] {
                mismatches.add(1, ordering: .relaxed)
            }
        }
        #expect(mismatches.load(ordering: .relaxed) == 0)
    }
}
