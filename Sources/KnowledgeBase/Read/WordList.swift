import Foundation

/// A Dutch word list (OpenTaal, Debian `wdutch`: /usr/share/dict/dutch), against which the
/// search index splits compounds: "valpreventie" is "val" + "preventie" even when "preventie"
/// occurs nowhere in the write-ups. Holds only lowercase words of letters, folded like index
/// words ("cliënt" → "client"); names (capitals), abbreviations and multi-word entries are left out.
final class WordList: Sendable {
    let path: String
    private let words: WordTable

    var count: Int { words.count }

    init(path: String, words: WordTable) {
        self.path = path
        self.words = words
    }

    /// The list at `path`, or nil when there is none (kb then splits compounds only against
    /// words of the write-ups themselves).
    static func load(path: String) -> WordList? {
        guard !path.isEmpty, let data = FileManager.default.contents(atPath: path) else { return nil }
        return WordList(path: path, words: parse([UInt8](data)))
    }

    /// One word per line. ASCII lines are taken as bytes (nearly all of them); only the few
    /// with other letters make a String, to be folded.
    static func parse(_ bytes: [UInt8]) -> WordTable {
        var table = WordTable(capacity: bytes.count / 10)
        bytes.withUnsafeBufferPointer { all in
            var start = 0
            while start < all.count {
                var end = start
                var plain = true  // a-z only
                var ascii = true
                while end < all.count && all[end] != 10 {
                    let b = all[end]
                    if b >= 0x80 { ascii = false } else if b < 97 || b > 122 { plain = false }
                    end += 1
                }
                var line = end
                if line > start && all[line - 1] == 13 { line -= 1 }
                if line > start && plain {
                    if ascii {
                        _ = table.intern(UnsafeBufferPointer(rebasing: all[start..<line]))
                    } else if let word = folded(UnsafeBufferPointer(rebasing: all[start..<line])) {
                        var word = word
                        word.withUTF8 { _ = table.intern($0) }
                    }
                }
                start = end + 1
            }
        }
        return table
    }

    /// A line with non-ASCII letters, folded, if it is a lowercase word.
    private static func folded(_ line: UnsafeBufferPointer<UInt8>) -> String? {
        let text = String(decoding: line, as: UTF8.self)
        guard text.allSatisfy({ $0.isLetter && $0.isLowercase }) else { return nil }
        let folded = Text.removingDiacritics(text)
        return folded.utf8.allSatisfy({ (97...122).contains($0) }) ? folded : nil
    }

    func contains(_ word: UnsafeBufferPointer<UInt8>) -> Bool { words.id(of: word) != nil }

    func contains(_ word: String) -> Bool {
        var word = word
        return word.withUTF8 { contains($0) }
    }
}

extension Pipeline {
    /// Part of stage "read" for a build: the word list, loaded on a thread of its own while
    /// the write-ups are rendered (the search stage is the first to need it).
    static func readWordList(_ options: BuildOptions) -> BackgroundJob<WordList?> {
        let path = options.wordList
        return BackgroundJob { WordList.load(path: path) }
    }
}
