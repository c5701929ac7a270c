import ArgumentParser
import Foundation
import KnowledgeBase

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Controleer de inhoud zonder iets te schrijven.")

    @OptionGroup var site: SiteOptions

    @Flag(help: "Waarschuwingen tellen als fouten.")
    var strict = false

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, github
    }

    @Option(help: "Uitvoer: text (één regel per bevinding), json (voor CI) of github (annotaties in GitHub Actions).")
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
            print(JSONValue.array(checked.diagnostics.map(\.json)).text(.foundationPretty))
        case .github:
            // Workflow commands: GitHub shows each as an annotation on the pull request's diff.
            func escape(_ text: String) -> String {
                text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
                    .replacingOccurrences(of: "\n", with: "%0A")
            }
            for d in checked.diagnostics {
                let property = { (text: String) in escape(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C") }
                print("::\(d.severity == .error ? "error" : "warning") file=\(property(d.file)),line=\(d.line),col=\(d.column),title=\(d.code.rawValue)::\(escape(d.message))")
            }
            Console.report([], fileCount: checked.fileCount)
        }
        if checked.diagnostics.hasErrors || (strict && !checked.diagnostics.isEmpty) { throw ExitCode(1) }
    }
}
