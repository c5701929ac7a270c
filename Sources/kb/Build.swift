import ArgumentParser
import Foundation
import KnowledgeBase

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bouw de site in public/ (of --output).")

    @OptionGroup var site: SiteOptions

    @Option(name: .long, help: "Uitvoermap (standaard: SITE_DIR/public).", completion: .directory)
    var output: String?

    @Option(name: .customLong("base-url"), help: "Adres van de gepubliceerde site, eventueel met pad; overschrijft base_url uit kb.yml.")
    var baseURL: String?

    @Flag(name: .shortAndLong, help: "Toon de tijd per stap.")
    var verbose = false

    @Flag(name: .customLong("no-cache"), help: "Bouw alles opnieuw: negeer .kb-cache/ en schrijf de hele uitvoermap.")
    var noCache = false

    @Flag(help: "Vervang ook een uitvoermap die niet leeg is en niet door kb is gemaakt (nooit de site zelf, haar bronnen, / of de thuismap).")
    var force = false

    func run() throws {
        var options = BuildOptions(
            siteDirectory: site.siteURL, outputDirectory: output.map { URL(fileURLWithPath: $0, isDirectory: true) },
            includeDrafts: site.drafts, baseURL: baseURL, verbose: verbose)
        options.cache = !noCache
        options.force = force
        options.waiting = { pid in
            Console.error("wacht op een andere kb build van deze site\(pid.isEmpty ? "" : " (proces \(pid))") …")
        }
        // A progress line only for a person watching a terminal; CI logs stay quiet.
        if isatty(STDERR_FILENO) == 1, ProcessInfo.processInfo.environment["CI"] == nil {
            options.progress = { stage in
                FileHandle.standardError.write(Data("\r\u{1B}[K  \(stage) …".utf8))
            }
        }
        let started = Date()
        let result: Pipeline.BuildResult
        do {
            result = try Pipeline.build(options)
        } catch let error as RenderError {
            Console.error(error.diagnostic.description)
            throw ExitCode(1)
        } catch {
            // Refusals and write errors already read "path: error: reason".
            Console.error(error is OutputRefusal || error is OutputError ? "\(error)" : "error: \(error)")
            throw ExitCode(2)
        }
        if options.progress != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        for notice in result.notices { Console.error("waarschuwing: \(notice)") }
        Console.report(result.site.diagnostics, fileCount: result.site.fileCount)
        if verbose {
            for note in result.site.notes { Console.error("  \(note)") }
            for (stage, seconds) in result.site.timings {
                let name = stage.padding(toLength: 10, withPad: " ", startingAt: 0)
                Console.error("  \(name)\(String(format: "%8.1f", seconds * 1000)) ms")
            }
        }
        guard result.wrote else {
            Console.error("niets geschreven: los de fouten hierboven op en bouw opnieuw")
            throw ExitCode(1)
        }
        let seconds = String(format: "%.2f", Date().timeIntervalSince(started))
        if result.upToDate {
            print("niets veranderd; \(options.outputDirectory.path) is bij (\(seconds) s)")
            return
        }
        let count = result.site.catalog.initiatives.count
        let changed = result.filesChanged == result.pagesWritten ? "" : " (\(result.filesChanged) gewijzigd)"
        print(
            "\(count) \(count == 1 ? "initiatief" : "initiatieven"), \(result.pagesWritten) bestanden\(changed) in \(options.outputDirectory.path) in \(seconds) s"
        )
    }
}
