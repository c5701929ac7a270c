import Foundation

/// Mutation fuzzer for the front-matter splitter, YAML reader and schema validator: takes
/// valid write-ups, breaks them in the ways authors and attackers do, and runs them through
/// the same code `kb check` uses. A crash kills the process, leaving the input that caused
/// it in `crashFile`; a slow input is reported as a hang.
public struct Fuzzer {
    public var seeds: [[UInt8]]
    public var crashFile: URL
    public var hangThreshold: Double = 2.0

    public init(seeds: [[UInt8]], crashFile: URL) {
        self.seeds = seeds.isEmpty ? [Array("---\ntitle: x\n---\n".utf8)] : seeds
        self.crashFile = crashFile
    }

    public struct Report: Sendable {
        public var iterations = 0
        public var slowest = 0.0
        public var hangs: [String] = []
        public var diagnostics = 0
    }

    /// SplitMix64: deterministic, so `--seed` replays a run exactly.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    }

    static let tokens: [String] = [
        "---", "...", ":", ": ", "- ", "\t", "  ", "\"", "'", "[", "]", "{", "}", ",", "&a ", "*a", "&b [*a, *a, *a]", "!!str ",
        "!!binary ", "? ", "|", ">", "#", "%YAML 1.1\n", "\u{FEFF}", "\r\n", "\n", "\0", "ë", "\u{202E}", "😀", "<script>", "~", "null",
        "-1", "1e309", "0x1F", "2018-13", "9999999999999999999999", ".inf", "<<: *a", "\\u0000", "\u{85}",
    ]

    static func mutate(_ input: [UInt8], _ random: inout Random) -> [UInt8] {
        var bytes = input
        for _ in 0...random.below(4) {
            let position = random.below(bytes.count + 1)
            switch random.below(8) {
            case 0 where !bytes.isEmpty:  // flip a bit
                let i = random.below(bytes.count)
                bytes[i] ^= UInt8(1 << random.below(8))
            case 1:  // insert a token
                bytes.insert(contentsOf: Array(tokens[random.below(tokens.count)].utf8), at: position)
            case 2 where !bytes.isEmpty:  // delete a run
                let end = min(bytes.count, position + 1 + random.below(16))
                if position < end { bytes.removeSubrange(position..<end) }
            case 3:  // duplicate a line
                let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
                guard !lines.isEmpty else { continue }
                var copy = lines.map(Array.init)
                let i = random.below(copy.count)
                copy.insert(copy[i], at: i)
                bytes = Array(copy.joined(separator: [10]))
            case 4:  // swap two lines
                var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
                guard lines.count > 1 else { continue }
                lines.swapAt(random.below(lines.count), random.below(lines.count))
                bytes = Array(lines.joined(separator: [10]))
            case 5:  // truncate
                bytes = Array(bytes.prefix(position))
            case 6:  // random byte
                bytes.insert(UInt8(random.below(256)), at: position)
            default:  // indent a line oddly
                let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
                guard !lines.isEmpty else { continue }
                var copy = lines.map(Array.init)
                let i = random.below(copy.count)
                copy[i] = Array(String(repeating: random.below(2) == 0 ? " " : "\t", count: 1 + random.below(12)).utf8) + copy[i]
                bytes = Array(copy.joined(separator: [10]))
            }
        }
        return bytes
    }

    public func run(seconds: Double, seed: UInt64, reference: ReferenceData, progress: ((Report) -> Void)? = nil) -> Report {
        var random = Random(state: seed)
        var report = Report()
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            var input = seeds[random.below(seeds.count)]
            for _ in 0...random.below(3) { input = Self.mutate(input, &random) }
            try? Data(input).write(to: crashFile)
            let started = DispatchTime.now()
            let result = frontMatterDiagnostics(input, reference: reference)
            if let body = result.body {
                _ = Markdown.render(String(body.prefix(20_000)))
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
            report.iterations += 1
            report.diagnostics += result.diagnostics.count
            report.slowest = max(report.slowest, elapsed)
            if elapsed > hangThreshold {
                let keep = crashFile.deletingLastPathComponent().appendingPathComponent("kb-fuzz-slow-\(report.hangs.count).md")
                try? Data(input).write(to: keep)
                report.hangs.append(keep.path)
            }
            if report.iterations % 5000 == 0 { progress?(report) }
        }
        try? FileManager.default.removeItem(at: crashFile)
        return report
    }
}
