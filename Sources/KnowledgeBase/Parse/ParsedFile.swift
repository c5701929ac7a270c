import Foundation

/// One write-up after the parse stage: its front matter as a YAML tree (with positions, for the
/// validate stage's messages) and its body rendered once. Nothing here is checked against the
/// schema or the law yet.
struct ParsedFile: Sendable {
    var path: String
    var slug: String
    var stamp: SourceStamp?
    /// Hash of the file's bytes: what later stages use to tell whether a write-up changed.
    var contentHash: UInt64
    /// Problems splitting the file or reading its YAML.
    var diagnostics: [Diagnostic]
    /// Whether the front matter was read as YAML (then `root` is its tree, nil when empty).
    var frontMatterRead = false
    var root: YAMLValue?
    /// Nil when the file could not be split into front matter and body.
    var body: MarkdownDocument?
    /// Hash of the front-matter text: cards, the data API and feeds show nothing else, so a
    /// body edit leaves them as they are.
    var frontMatterHash: UInt64 = 0

    /// Splits `file`, reads its YAML and renders its body. `rewriteLink` maps links to other
    /// write-ups to their pages.
    static func parse(_ file: RawFile, rewriteLink: (String) -> String?) -> ParsedFile {
        var parsed = ParsedFile(
            path: file.path, slug: file.slug, stamp: file.stamp, contentHash: Hash.content(file.bytes), diagnostics: [], root: nil)
        let source: SourceFile
        switch SourceFile.split(bytes: file.bytes, path: file.path) {
        case .failure(let diagnostic):
            parsed.diagnostics = [diagnostic]
            return parsed
        case .success(let split): source = split
        }
        switch YAMLReader.read(source.frontMatter, path: file.path, lineOffset: source.frontMatterStartLine) {
        case .failure(let diagnostic): parsed.diagnostics = [diagnostic]
        case .success(let root):
            parsed.frontMatterRead = true
            parsed.root = root
        }
        var text = source.frontMatter
        parsed.frontMatterHash = text.withUTF8 { Hash.content(UnsafeRawBufferPointer($0)) }
        parsed.body = Markdown.render(source.body, lineOffset: source.bodyStartLine, rewriteLink: rewriteLink)
        return parsed
    }

    /// Link targets of the body that are other write-ups.
    var linkTargets: [String] {
        (body?.links ?? []).compactMap { link in
            guard let target = MarkdownDocument.writeUpTarget(link.destination), !target.slug.isEmpty else { return nil }
            return target.slug
        }
    }
}

extension Pipeline {
    /// Stage "parse": every file's YAML and Markdown, on all cores (see Markdown.concurrent).
    /// Links to other write-ups point at their pages (with the anchor); others stay as written.
    static func parse(_ files: [RawFile], slugs: Set<String>, urls: SiteURLs) -> [ParsedFile] {
        let rewrite: (String) -> String? = { destination in
            guard let target = MarkdownDocument.writeUpTarget(destination), !target.slug.isEmpty, slugs.contains(target.slug) else {
                return nil
            }
            return urls.initiative(target.slug) + (target.anchor.map { "#\($0)" } ?? "")
        }
        return concurrentMap(files.count) { ParsedFile.parse(files[$0], rewriteLink: rewrite) }
    }
}
