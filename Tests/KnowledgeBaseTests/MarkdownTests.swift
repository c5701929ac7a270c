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
