import ArgumentParser
import Foundation
import KnowledgeBase

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Controleer de inhoud zonder iets te schrijven.")

    @OptionGroup var site: SiteOptions

    @Flag(help: "Waarschuwingen tellen als fouten.")
    var strict = false

    func run() throws {
        let checked = Pipeline.check(BuildOptions(siteDirectory: site.siteURL, includeDrafts: site.drafts))
        Console.report(checked.diagnostics, fileCount: checked.fileCount)
        if checked.diagnostics.isEmpty {
            print("geen problemen gevonden in \(checked.fileCount) bestanden")
        }
        if checked.diagnostics.hasErrors || (strict && !checked.diagnostics.isEmpty) { throw ExitCode(1) }
    }
}
