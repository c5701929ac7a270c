import Testing

@testable import KnowledgeBase

@Suite("links between write-ups")
struct LinkTargetTests {
    @Test(
        "which link destinations name another write-up (and which anchor)",
        arguments: [
            ("arrangeur-ede.md", "arrangeur-ede", nil),
            ("arrangeur-ede.md#aanpak", "arrangeur-ede", "aanpak"),
            ("./arrangeur-ede.md#aanpak", "arrangeur-ede", "aanpak"),
            ("../initiatieven/arrangeur-ede.md", "arrangeur-ede", nil),
            ("#resultaten", "", "resultaten"),
            ("#", "", ""),
            ("", "", nil),
            ("sub/map.md", "sub/map", nil),
            ("café-ürk.md#één", "café-ürk", "één"),
        ] as [(String, String, String?)])
    func internalTargets(destination: String, slug: String, anchor: String?) {
        let target = MarkdownDocument.writeUpTarget(destination)
        #expect(target?.slug == slug)
        #expect(target?.anchor == anchor)
    }

    @Test(
        "web, absolute and mail links are not write-ups",
        arguments: ["https://www.zorgkantoor.nl/a.md", "/initiatieven/a.md", "mailto:info@ede.nl?subject=a.md", "a.html", "a.md?x=1", "x://a.md"])
    func externalLinks(destination: String) {
        #expect(MarkdownDocument.writeUpTarget(destination) == nil)
    }
}
