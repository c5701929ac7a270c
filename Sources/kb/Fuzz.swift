import ArgumentParser
import Foundation
import KnowledgeBase

struct Fuzz: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fuzz de front-matter-lezer met verminkte versies van de beschrijvingen (voor ontwikkelaars).",
        shouldDisplay: false)

    @Argument(help: "Map van de site waarvan de beschrijvingen als startpunt dienen.", completion: .directory)
    var siteDirectory: String = "."

    @Option(help: "Hoe lang, in seconden.") var seconds: Double = 60
    @Option(help: "Startwaarde van de toevalsgenerator, om een run te herhalen.") var seed: UInt64 = UInt64(Date().timeIntervalSince1970)

    func run() throws {
        let site = URL(fileURLWithPath: siteDirectory, isDirectory: true)
        let folder = site.appendingPathComponent("content/initiatieven")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let seeds = names.filter { $0.hasSuffix(".md") }.sorted().compactMap {
            FileManager.default.contents(atPath: folder.appendingPathComponent($0).path).map { [UInt8]($0) }
        }
        let crashFile = FileManager.default.temporaryDirectory.appendingPathComponent("kb-fuzz-current.md")
        print("fuzzing \(seeds.count) seeds for \(Int(seconds)) s, seed \(seed); an input that crashes kb stays in \(crashFile.path)")
        let report = Fuzzer(seeds: seeds, crashFile: crashFile).run(
            seconds: seconds, seed: seed, reference: NewWriteUp.reference(siteDirectory: site)
        ) { r in
            print("  \(r.iterations) inputs, slowest \(String(format: "%.1f", r.slowest * 1000)) ms")
        }
        print(
            "\(report.iterations) inputs, \(report.diagnostics) diagnostics, slowest \(String(format: "%.1f", report.slowest * 1000)) ms, \(report.hangs.count) slow inputs"
        )
        for hang in report.hangs { print("slow: \(hang)") }
        if !report.hangs.isEmpty { throw ExitCode(1) }
    }
}
