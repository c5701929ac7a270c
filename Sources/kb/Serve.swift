import ArgumentParser
import Foundation
import KnowledgeBase
import KnowledgeBaseServe

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Bekijk de site tijdens het schrijven: bouwt in het geheugen, bouwt opnieuw bij elke wijziging en ververst de browser.")

    @OptionGroup var site: SiteOptions

    @Option(help: "Poort (0 kiest een vrije poort).") var port: UInt16 = 8080

    @Option(help: "Adres om op te luisteren; alleen dit adres is bereikbaar.") var host = "127.0.0.1"

    func run() async throws {
        let server = DevServer(
            options: DevServer.Options(siteDirectory: site.siteURL, host: host, port: port, includeDrafts: site.drafts)
        ) { event in
            switch event {
            case .reachableFromNetwork(let host):
                Console.error(
                    "waarschuwing: --host \(host) is bereikbaar vanaf andere computers; kb serve is een voorbeeldserver, geen webserver voor publicatie"
                )
            case .ready(let url):
                Console.out("kb serve: \(url) (Ctrl-C om te stoppen)")
            case .built(let report):
                Console.report(report.diagnostics, fileCount: report.fileCount)
                if report.ok {
                    guard !report.first else { return }
                    let count = report.initiativeCount
                    Console.out(
                        "opnieuw gebouwd: \(count) \(count == 1 ? "initiatief" : "initiatieven") in \(String(format: "%.2f", report.seconds)) s")
                } else if report.servingLastGood {
                    Console.error("de browser toont de fouten; de laatste versie die wel lukte blijft zichtbaar")
                } else {
                    Console.error("de browser toont de fouten tot ze zijn opgelost")
                }
            }
        }
        do {
            try await server.run()
        } catch let error as DevServer.ServeError {
            Console.error("kb serve: \(error)")
            throw ExitCode(1)
        }
        Console.out("kb serve: gestopt")
    }
}
