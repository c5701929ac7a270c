import ArgumentParser
import Foundation
import KnowledgeBase

@main
struct KB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kb",
        abstract: "Bouwt de kennisbank goede praktijken langdurige zorg uit een map Markdown-beschrijvingen.",
        subcommands: [Build.self, Check.self, New.self, Schema.self, Fuzz.self, Stem.self, Serve.self],
        defaultSubcommand: Build.self)
}

/// Flags every subcommand that reads a site shares.
struct SiteOptions: ParsableArguments {
    @Argument(help: "Map van de site (standaard: de huidige map).", completion: .directory)
    var siteDirectory: String = "."

    @Flag(help: "Neem concepten (draft: true) mee.")
    var drafts = false

    var siteURL: URL { URL(fileURLWithPath: siteDirectory, isDirectory: true) }

    func validate() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: siteDirectory, isDirectory: &isDirectory) else {
            throw ValidationError("map \"\(siteDirectory)\" bestaat niet")
        }
        guard isDirectory.boolValue else {
            throw ValidationError("\"\(siteDirectory)\" is een bestand, geen map; geef de map van de site op (die met content/initiatieven/)")
        }
    }
}

enum Console {
    static func error(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Unbuffered, so a line is seen at once by whoever reads a pipe (editors, tests).
    static func out(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// Diagnostics on stderr, compiler style, then the summary line.
    static func report(_ diagnostics: [Diagnostic], fileCount: Int) {
        for d in diagnostics { error(d.description) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        if !diagnostics.isEmpty {
            error(
                "\(errors) \(errors == 1 ? "fout" : "fouten"), \(warnings) \(warnings == 1 ? "waarschuwing" : "waarschuwingen") in \(fileCount) \(fileCount == 1 ? "bestand" : "bestanden")"
            )
        }
    }
}
