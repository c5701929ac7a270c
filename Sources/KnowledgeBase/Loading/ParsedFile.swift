import Foundation

/// One content file through parse and the per-file checks; runs off the main thread. Holds
/// values only (no YAML tree), so the parse cache can keep it.
final class ParsedFile: Sendable {
    let path: String
    let slug: String
    /// Front matter problems (split, YAML, schema).
    let diagnostics: [Diagnostic]
    /// The front matter's title and its line, for link checks.
    let title: String?
    let titleLine: Int
    let body: MarkdownDocument?
    /// Decoded only when the front matter has no errors.
    let initiative: Initiative?
    let rules: [Diagnostic]
    /// Hash of the front-matter text: cards, the data API and feeds show nothing else, so a
    /// body edit leaves them as they are.
    let frontMatterHash: UInt64

    /// A class, like Initiative: the parse of every file is handed through the cache, sorting
    /// and validation, and each copy of a struct retained all its fields.
    init(
        path: String, slug: String, diagnostics: [Diagnostic], title: String?, titleLine: Int, body: MarkdownDocument? = nil,
        initiative: Initiative? = nil, rules: [Diagnostic] = [], frontMatterHash: UInt64 = 0
    ) {
        self.path = path
        self.slug = slug
        self.diagnostics = diagnostics
        self.title = title
        self.titleLine = titleLine
        self.body = body
        self.initiative = initiative
        self.rules = rules
        self.frontMatterHash = frontMatterHash
    }

    static func parse(_ file: RawFile, reference: ReferenceData, rewriteLink: (String) -> String?) -> ParsedFile {
        let front = FrontMatterResult.parse(file, reference: reference)
        let root = front.root
        let (title, titleLine) = (root?.present("title")?.string, root?.keyNode("title")?.line ?? 2)
        guard let source = front.source else {
            return ParsedFile(path: front.path, slug: front.slug, diagnostics: front.diagnostics, title: title, titleLine: titleLine)
        }
        var text = source.frontMatter
        let frontMatterHash = text.withUTF8 { Hash.content(UnsafeRawBufferPointer($0)) }
        let body = Markdown.render(source.body, lineOffset: source.bodyStartLine, rewriteLink: rewriteLink)
        guard let root, !front.diagnostics.hasErrors else {
            return ParsedFile(
                path: front.path, slug: front.slug, diagnostics: front.diagnostics, title: title, titleLine: titleLine, body: body,
                frontMatterHash: frontMatterHash)
        }
        let initiative = InitiativeDecoder.decode(root, slug: front.slug, path: front.path, reference: reference, body: body)
        return ParsedFile(
            path: front.path, slug: front.slug, diagnostics: front.diagnostics, title: title, titleLine: titleLine, body: body,
            initiative: initiative, rules: DomainRules.check(initiative, root: root), frontMatterHash: frontMatterHash)
    }
}

/// Front matter of one file, parsed and validated against the schema; runs off the main thread.
struct FrontMatterResult: Sendable {
    var path: String
    var slug: String
    var source: SourceFile?
    var root: YAMLValue?
    var diagnostics: [Diagnostic]

    static func parse(_ file: RawFile, reference: ReferenceData) -> FrontMatterResult {
        switch SourceFile.split(bytes: file.bytes, path: file.path) {
        case .failure(let diagnostic):
            return FrontMatterResult(path: file.path, slug: file.slug, source: nil, root: nil, diagnostics: [diagnostic])
        case .success(let source):
            switch YAMLReader.read(source.frontMatter, path: file.path, lineOffset: source.frontMatterStartLine) {
            case .failure(let diagnostic):
                return FrontMatterResult(path: file.path, slug: file.slug, source: source, root: nil, diagnostics: [diagnostic])
            case .success(let root):
                var validator = SchemaValidator(path: file.path, reference: reference)
                validator.validateRoot(root, fields: FrontMatterSchema.fields)
                return FrontMatterResult(path: file.path, slug: file.slug, source: source, root: root, diagnostics: validator.diagnostics)
            }
        }
    }
}
