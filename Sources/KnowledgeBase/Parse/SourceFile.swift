import Foundation

/// A content file read from disk and split into its front matter and Markdown body.
/// Line numbers of both parts stay relative to the top of the file.
struct SourceFile: Sendable {
    /// Path relative to the site folder, used in every diagnostic.
    var path: String
    var frontMatter: String
    /// 1-based line in the file of the first front-matter line (the line after `---`).
    var frontMatterStartLine: Int
    var body: String
    var bodyStartLine: Int

    /// Splits raw bytes; accepts a UTF-8 BOM and CRLF line ends, refuses anything else odd
    /// with a diagnostic instead of guessing.
    static func split(bytes: [UInt8], path: String) -> Result<SourceFile, Diagnostic> {
        if bytes.count > RawFile.maximumSize {
            return .failure(Diagnostic(.error, .fileTooLarge, file: path, RawFile.tooLargeMessage(bytes.count)))
        }
        var slice = bytes[...]
        if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        guard var text = String(validating: slice, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(in: Array(slice))
            return .failure(
                Diagnostic(
                    .error, .notUTF8, file: path, line: line, column: column,
                    "bestand is geen geldige UTF-8; sla het op als UTF-8"))
        }
        if slice.contains(13) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        if text.allSatisfy({ $0.isWhitespace }) {
            return .failure(Diagnostic(.error, .emptyFile, file: path, "bestand is leeg; verwacht front matter tussen twee regels '---'"))
        }
        // Find the delimiter lines on bytes: a line that is "---" (or "..." to close), maybe
        // followed by spaces or tabs.
        let bytes = Array(text.utf8)
        func lineEnd(_ start: Int) -> Int {
            var i = start
            while i < bytes.count, bytes[i] != 10 { i += 1 }
            return i
        }
        func isDelimiter(_ start: Int, _ end: Int, allowDots: Bool) -> Bool {
            var stop = end
            while stop > start, bytes[stop - 1] == 32 || bytes[stop - 1] == 9 { stop -= 1 }
            guard stop - start == 3 else { return false }
            let c = bytes[start]
            return (c == 45 || (allowDots && c == 46)) && bytes[start + 1] == c && bytes[start + 2] == c
        }
        let firstEnd = lineEnd(0)
        guard isDelimiter(0, firstEnd, allowDots: false) else {
            return .failure(
                Diagnostic(
                    .error, .missingFrontMatter, file: path,
                    "front matter ontbreekt: de eerste regel moet '---' zijn"))
        }
        var start = firstEnd + 1
        var line = 2
        while start <= bytes.count {
            let end = lineEnd(start)
            if start < bytes.count, isDelimiter(start, end, allowDots: true) {
                let yaml = String(decoding: bytes[min(firstEnd + 1, start)..<max(firstEnd + 1, start - 1)], as: UTF8.self)
                let body = end < bytes.count ? String(decoding: bytes[(end + 1)...], as: UTF8.self) : ""
                return .success(
                    SourceFile(path: path, frontMatter: yaml, frontMatterStartLine: 2, body: body, bodyStartLine: line + 1))
            }
            if end >= bytes.count { break }
            start = end + 1
            line += 1
        }
        return .failure(
            Diagnostic(
                .error, .unclosedFrontMatter, file: path, line: 1,
                "front matter wordt niet afgesloten: voeg een regel '---' toe na de laatste eigenschap"))
    }

    private static func firstInvalidUTF8(in bytes: [UInt8]) -> (Int, Int) {
        // Decode line by line so the author learns where the bad byte sits.
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            if bytes[index] == 0x0A {
                line += 1
                lineStart = index + 1
                index += 1
                continue
            }
            var end = index + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            if String(validating: bytes[index..<end], as: UTF8.self) == nil {
                let column = (String(validating: bytes[lineStart..<index], as: UTF8.self)?.count ?? 0) + 1
                return (line, column)
            }
            index = end
        }
        return (line, 1)
    }
}
