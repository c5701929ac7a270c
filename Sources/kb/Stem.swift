import ArgumentParser
import Foundation
import KnowledgeBase

/// Hidden: stems words from stdin, one per line, so tests can compare the Swift stemmer with
/// the browser's and with Snowball's reference implementation.
struct Stem: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Stam woorden van stdin (voor tests).", shouldDisplay: false)

    func run() throws {
        var output = ""
        while let line = readLine(strippingNewline: true) {
            output += DutchStemmer.stem(line)
            output += "\n"
            if output.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(output.utf8))
                output = ""
            }
        }
        FileHandle.standardOutput.write(Data(output.utf8))
    }
}
