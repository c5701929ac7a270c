import ArgumentParser
import Foundation
import KnowledgeBase

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Controleer de inhoud zonder iets te schrijven.")

    @OptionGroup var site: SiteOptions

    @Flag(help: "Waarschuwingen tellen als fouten.")
    var strict = false

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "Uitvoer: text (één regel per bevinding) of json (voor CI-annotaties).")
    var format: Format = .text

    func run() throws {
        let checked = Pipeline.check(BuildOptions(siteDirectory: site.siteURL, includeDrafts: site.drafts))
        switch format {
        case .text:
            Console.report(checked.diagnostics, fileCount: checked.fileCount)
            if checked.diagnostics.isEmpty {
                print("geen problemen gevonden in \(checked.fileCount) bestanden")
            }
        case .json:
            let items = checked.diagnostics.map { d -> [String: Any] in
                [
                    "file": d.file, "line": d.line, "column": d.column, "severity": d.severity.rawValue,
                    "code": d.code.rawValue, "message": d.message,
                ]
            }
            let data = try JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            print(String(decoding: data, as: UTF8.self))
        }
        if checked.diagnostics.hasErrors || (strict && !checked.diagnostics.isEmpty) { throw ExitCode(1) }
    }
}
