import ArgumentParser
import Foundation
import KnowledgeBase

struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print het JSON Schema van de front matter (voor editors zoals VS Code).")

    @Argument(help: "Map van de site, voor eigen regio's en types (standaard: de huidige map).", completion: .directory)
    var siteDirectory: String = "."

    func run() throws {
        let reference = NewWriteUp.reference(siteDirectory: URL(fileURLWithPath: siteDirectory, isDirectory: true))
        print(FrontMatterSchema.jsonSchemaText(reference: reference), terminator: "")
    }
}
