import Foundation
import Testing

@testable import KnowledgeBase

/// Runs the real `kb` binary the way an author or CI does and checks exit codes and output.
struct KBProcess {
    static var binary: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("kb")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return projectRoot.appendingPathComponent(".build/debug/kb")
    }

    static func run(_ arguments: [String], in directory: URL? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }
}

@Suite("kb command line")
struct CLITests {
    @Test("kb build exits 1 with compiler-style diagnostics and leaves public/ alone")
    func buildFailure() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("ede", writeUp())
        #expect(try KBProcess.run(["build", site.root.path]).status == 0)
        let before = site.snapshot()
        try site.initiative("ede", writeUp(region: "Midden Brabant"))
        let result = try KBProcess.run(["build", site.root.path])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "content/initiatieven/ede.md:5:9: error: onbekende regio \"Midden Brabant\" (bedoelde u \"Midden-Brabant\"?)"))
        #expect(result.stderr.contains("1 fout, 0 waarschuwingen in 1 bestand"))
        #expect(site.snapshot() == before)
    }

    @Test("kb check: text and json formats, --strict turns warnings into failure")
    func check() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        try site.initiative("ede", writeUp(extra: "regoin: Arnhem"))
        let text = try KBProcess.run(["check", site.root.path])
        #expect(text.status == 0)
        #expect(text.stderr.contains("ede.md:11:1: warning: onbekende eigenschap \"regoin\" wordt genegeerd (bedoelde u \"region\"?)"))
        #expect(try KBProcess.run(["check", site.root.path, "--strict"]).status == 1)
        let json = try KBProcess.run(["check", site.root.path, "--format", "json"])
        let items = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(items.count == 1)
        #expect(items[0]["code"] as? String == "KB109")
        #expect(items[0]["line"] as? Int == 11)
        #expect(items[0]["severity"] as? String == "warning")
    }

    @Test("kb new writes a complete write-up that passes kb check once the TODOs are filled")
    func new() throws {
        let site = try FixtureSite()
        defer { site.remove() }
        let created = try KBProcess.run(["new", "logeerhuis-zeeland", site.root.path, "--title", "Logeerhuis", "--region", "zeeland"])
        #expect(created.status == 0, "\(created.stderr)")
        let path = site.root.appendingPathComponent("content/initiatieven/logeerhuis-zeeland.md")
        var text = try String(contentsOf: path, encoding: .utf8)
        for heading in ["Aanleiding", "Aanpak", "Resultaten", "Businesscase", "Geleerde lessen", "Contact"] {
            #expect(text.contains("## \(heading)\n"))
        }
        #expect(try KBProcess.run(["check", site.root.path]).status == 1, "TODOs are not valid content")
        text = text.replacingOccurrences(of: "type: TODO", with: "type: respijtzorg")
        text = text.replacingOccurrences(of: "TODO naam van de organisatie", with: "Gemeente Middelburg")
        text = text.replacingOccurrences(of: "TODO één of twee zinnen", with: "Logeren voor mensen met dementie, zodat mantelzorgers op adem komen")
        try text.write(to: path, atomically: true, encoding: .utf8)
        let checked = try KBProcess.run(["check", site.root.path])
        #expect(checked.status == 0, "\(checked.stderr)")
        #expect(checked.stderr.isEmpty)

        let again = try KBProcess.run(["new", "logeerhuis-zeeland", site.root.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("bestaat al"))
        #expect(try KBProcess.run(["new", "Logeerhuis Zeeland", site.root.path]).status == 1)
        let badRegion = try KBProcess.run(["new", "x", site.root.path, "--region", "Zeelnd"])
        #expect(badRegion.status == 1 && badRegion.stderr.contains("bedoelde u \"Zeeland\"?"))
    }

    @Test("kb schema prints a JSON Schema derived from the front-matter model")
    func schema() throws {
        let result = try KBProcess.run(["schema", projectRoot.path])
        #expect(result.status == 0)
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let required = try #require(schema["required"] as? [String])
        #expect(Set(required) == Set(FrontMatterSchema.fields.filter(\.required).map(\.name)))
        let properties = try #require(schema["properties"] as? [String: Any])
        #expect(Set(properties.keys) == Set(FrontMatterSchema.fields.map(\.name)))
    }
}
