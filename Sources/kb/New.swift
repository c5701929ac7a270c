import ArgumentParser
import Foundation
import KnowledgeBase

struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Maak een nieuwe beschrijving in content/initiatieven/<slug>.md.")

    @Argument(help: "Slug van het initiatief: kleine letters a-z, cijfers en '-'.")
    var slug: String

    @Argument(help: "Map van de site (standaard: de huidige map).", completion: .directory)
    var siteDirectory: String = "."

    @Option(help: "Titel.") var title: String?
    @Option(help: "Zorgkantoorregio: officiële naam of CBS-code.") var region: String?
    @Option(help: "Type (sleutel, bijvoorbeeld centraal-persoon).") var type: String?

    func run() throws {
        do {
            let path = try NewWriteUp.create(
                slug: slug, title: title, region: region, type: type,
                siteDirectory: URL(fileURLWithPath: siteDirectory, isDirectory: true))
            print("\(path) aangemaakt; vul de TODO's in en draai kb check")
        } catch let problem as NewWriteUp.Problem {
            Console.error("error: \(problem)")
            throw ExitCode(1)
        }
    }
}
