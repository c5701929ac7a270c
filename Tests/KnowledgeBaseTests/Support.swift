import Foundation
import Testing

@testable import KnowledgeBase

/// A throwaway site folder. Tests write the files a user would write and read what kb wrote.
struct FixtureSite {
    let root: URL

    init(files: [String: String] = [:]) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("kb-test-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("content/initiatieven"), withIntermediateDirectories: true)
        for (path, text) in files { try write(path, text) }
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func initiative(_ slug: String, _ text: String) throws {
        try write("content/initiatieven/\(slug).md", text)
    }

    var output: URL { root.appendingPathComponent("public") }

    @discardableResult
    func build(drafts: Bool = false, baseURL: String? = nil) throws -> Pipeline.BuildResult {
        try Pipeline.build(BuildOptions(siteDirectory: root, includeDrafts: drafts, baseURL: baseURL))
    }

    func check() -> CheckedSite { Pipeline.check(BuildOptions(siteDirectory: root)) }

    /// Text of an output file, or nil when kb did not write it.
    func page(_ path: String) -> String? {
        (try? Data(contentsOf: output.appendingPathComponent(path))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Every output file and its bytes, for byte-for-byte comparisons.
    func snapshot() -> [String: Data] {
        var out: [String: Data] = [:]
        guard let walker = FileManager.default.enumerator(at: output, includingPropertiesForKeys: nil) else { return out }
        for case let url as URL in walker where !url.hasDirectoryPath {
            out[String(url.path.dropFirst(output.path.count))] = try? Data(contentsOf: url)
        }
        return out
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// Front matter for a valid write-up, with fields replaceable per test.
func writeUp(
    title: String = "Arrangeur voor kwetsbare ouderen in Ede", summary: String = "Eén vaste arrangeur regelt zorg en ondersteuning.",
    type: String = "centraal-persoon", region: String = "Arnhem", status: String = "geevalueerd", extra: String = "",
    partners: String = "  - {name: Opella, kind: zorgaanbieder}\n  - {name: Gemeente Ede, kind: gemeente}",
    body: String = "## Aanleiding\n\nTekst.\n"
) -> String {
    """
    ---
    title: \(title)
    summary: \(summary)
    type: \(type)
    region: \(region)
    status: \(status)
    period: {start: 2018-01, end: 2020-12}
    partners:
    \(partners)
    \(extra)
    ---
    \(body)
    """
}

/// The project's own folder, to build the sample content in tests.
let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
