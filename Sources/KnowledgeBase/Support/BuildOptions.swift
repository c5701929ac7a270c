import Foundation

/// What a build or check is asked to do. Here, below every stage, because the stages that
/// key their caches by it (Loading, Output) must not depend on Site.
public struct BuildOptions: Sendable {
    public var siteDirectory: URL
    public var outputDirectory: URL
    public var includeDrafts: Bool
    public var baseURL: String?
    public var verbose: Bool
    /// Use and keep what earlier builds left in SITE/.kb-cache/ (parse results, rendered
    /// pieces, the output's state); false for a clean build.
    public var cache = true
    /// Called as each stage ends ("read: 10000 bestanden"), for a progress line on a terminal.
    public var progress: (@Sendable (String) -> Void)?
    /// Allows an output folder that is not empty and was not written by kb (its files are
    /// replaced); never the site folder, its sources, `/` or the home folder.
    public var force = false
    /// Called once when another build of the same site holds the lock, with its pid, before
    /// this build waits for it.
    public var waiting: (@Sendable (String) -> Void)?
    /// The Dutch word list search splits compounds against: OpenTaal's (Debian `wdutch`), unless
    /// `KB_WORDLIST` names another ("" or a missing file: none, compounds split only against
    /// words of the write-ups).
    public var wordList = ProcessInfo.processInfo.environment["KB_WORDLIST"] ?? "/usr/share/dict/dutch"

    public init(siteDirectory: URL, outputDirectory: URL? = nil, includeDrafts: Bool = false, baseURL: String? = nil, verbose: Bool = false) {
        self.siteDirectory = siteDirectory.standardizedFileURL
        self.outputDirectory = (outputDirectory ?? siteDirectory.appendingPathComponent("public")).standardizedFileURL
        self.includeDrafts = includeDrafts
        self.baseURL = baseURL
        self.verbose = verbose
    }
}
