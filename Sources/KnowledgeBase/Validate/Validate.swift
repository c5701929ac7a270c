import Foundation

/// One write-up after the validate stage: its front matter checked against the schema and the
/// law's rules and decoded. What the incremental layer keeps per file between builds (see
/// `BuildMemo.files`), so it holds values only (no YAML tree).
final class CheckedFile: Sendable {
    let path: String
    let slug: String
    let stamp: SourceStamp?
    let contentHash: UInt64
    /// Problems with the file itself: split, YAML, schema.
    let diagnostics: [Diagnostic]
    /// The front matter's title and its line, for link checks.
    let title: String?
    let titleLine: Int
    let body: MarkdownDocument?
    /// Decoded only when the front matter has no errors.
    let initiative: Initiative?
    /// Findings of the domain rules (art. 4.2.4 and arithmetic), for a decoded write-up.
    let rules: [Diagnostic]
    let frontMatterHash: UInt64
    /// Slugs of the write-ups its links point at that existed when it was parsed, and those
    /// that did not: its body's links were made for exactly these.
    let resolved: [String]
    let unresolved: [String]

    /// A class, like Initiative: every file's result is handed through the incremental layer,
    /// sorting and linking, and each copy of a struct retained all its fields.
    init(
        path: String, slug: String, stamp: SourceStamp?, contentHash: UInt64, diagnostics: [Diagnostic], title: String?, titleLine: Int,
        body: MarkdownDocument?, initiative: Initiative?, rules: [Diagnostic], frontMatterHash: UInt64, resolved: [String],
        unresolved: [String]
    ) {
        self.path = path
        self.slug = slug
        self.stamp = stamp
        self.contentHash = contentHash
        self.diagnostics = diagnostics
        self.title = title
        self.titleLine = titleLine
        self.body = body
        self.initiative = initiative
        self.rules = rules
        self.frontMatterHash = frontMatterHash
        self.resolved = resolved
        self.unresolved = unresolved
    }

    /// What its links were resolved against when it was parsed.
    var links: LinkTargets { LinkTargets(resolved: resolved, unresolved: unresolved) }

    static func validate(_ file: ParsedFile, reference: ReferenceData, slugs: Set<String>) -> CheckedFile {
        let root = file.root
        var diagnostics = file.diagnostics
        if file.frontMatterRead {
            var validator = SchemaValidator(path: file.path, reference: reference)
            validator.validateRoot(root, fields: FrontMatterSchema.fields)
            diagnostics += validator.diagnostics
        }
        var initiative: Initiative?
        var rules: [Diagnostic] = []
        if let root, let body = file.body, !diagnostics.hasErrors {
            let decoded = InitiativeDecoder.decode(root, slug: file.slug, path: file.path, reference: reference, body: body)
            initiative = decoded
            rules = DomainRules.check(decoded, root: root)
        }
        let targets = Set(file.linkTargets)
        return CheckedFile(
            path: file.path, slug: file.slug, stamp: file.stamp, contentHash: file.contentHash, diagnostics: diagnostics,
            title: root?.present("title")?.string, titleLine: root?.keyNode("title")?.line ?? 2, body: file.body, initiative: initiative,
            rules: rules, frontMatterHash: file.frontMatterHash, resolved: targets.filter(slugs.contains).sorted(),
            unresolved: targets.filter { !slugs.contains($0) }.sorted())
    }
}

extension Pipeline {
    /// Stage "validate": each parsed file against the schema and the domain rules, decoded into
    /// an Initiative when it has no errors; on all cores. `slugs`: the write-ups that exist,
    /// which the body's links were resolved against.
    static func validate(_ files: [ParsedFile], reference: ReferenceData, slugs: Set<String>) -> [CheckedFile] {
        concurrentMap(files.count) { CheckedFile.validate(files[$0], reference: reference, slugs: slugs) }
    }
}

/// The front matter of `bytes` through split, YAML and the schema, for `kb fuzz`.
func frontMatterDiagnostics(_ bytes: [UInt8], reference: ReferenceData) -> (diagnostics: [Diagnostic], body: String?) {
    let path = "fuzz.md"
    let source: SourceFile
    switch SourceFile.split(bytes: bytes, path: path) {
    case .failure(let diagnostic): return ([diagnostic], nil)
    case .success(let split): source = split
    }
    switch YAMLReader.read(source.frontMatter, path: path, lineOffset: source.frontMatterStartLine) {
    case .failure(let diagnostic): return ([diagnostic], source.body)
    case .success(let root):
        var validator = SchemaValidator(path: path, reference: reference)
        validator.validateRoot(root, fields: FrontMatterSchema.fields)
        return (validator.diagnostics, source.body)
    }
}

extension Pipeline {
    /// Stage "validate" for content pages: the page schema, then the page decoded when it has
    /// no errors.
    static func validatePages(_ files: [ParsedFile], reference: ReferenceData) -> (pages: [ContentPage], diagnostics: [Diagnostic]) {
        var pages: [ContentPage] = []
        var diagnostics: [Diagnostic] = []
        for file in files {
            diagnostics += file.diagnostics
            guard file.frontMatterRead else { continue }
            var validator = SchemaValidator(path: file.path, reference: reference)
            validator.validateRoot(file.root, fields: PageSchema.fields)
            diagnostics += validator.diagnostics
            guard let root = file.root, let body = file.body, !(file.diagnostics + validator.diagnostics).hasErrors else { continue }
            pages.append(
                ContentPage(
                    slug: file.slug, sourcePath: file.path, title: root.present("title")?.string ?? file.slug,
                    summary: root.present("summary")?.string ?? "", menu: root.present("menu")?.int, body: body,
                    contentHash: file.contentHash))
        }
        return (pages, diagnostics)
    }
}
