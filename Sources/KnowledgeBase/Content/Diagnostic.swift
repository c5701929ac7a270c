/// The one user-facing shape of a problem in the content: printed compiler style as
/// `path:line:col: severity: message`, so editors and CI can jump to it.
public struct Diagnostic: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning
        case error

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .warning && rhs == .error
        }
    }

    public var severity: Severity
    /// Path relative to the site folder, with `/` separators.
    public var file: String
    /// 1-based, counted from the top of the file (not from the front-matter block).
    public var line: Int
    public var column: Int
    public var code: DiagnosticCode
    public var message: String

    public init(
        _ severity: Severity, _ code: DiagnosticCode, file: String, line: Int = 1, column: Int = 1,
        _ message: String
    ) {
        self.severity = severity
        self.code = code
        self.file = file
        self.line = max(1, line)
        self.column = max(1, column)
        self.message = message
    }

    public var description: String {
        "\(file):\(line):\(column): \(severity.rawValue): \(message)"
    }
}

extension Array where Element == Diagnostic {
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, then line and column, so output is stable and reads top to bottom.
    public func sortedForDisplay() -> [Diagnostic] {
        sorted {
            ($0.file, $0.line, $0.column, $0.code.rawValue) < ($1.file, $1.line, $1.column, $1.code.rawValue)
        }
    }
}

/// Stable codes, documented in the README, so CI annotations and docs can refer to them.
public enum DiagnosticCode: String, Sendable, CaseIterable {
    // Files and front matter
    case unreadableFile = "KB001"
    case notUTF8 = "KB002"
    case fileTooLarge = "KB003"
    case emptyFile = "KB004"
    case missingFrontMatter = "KB005"
    case unclosedFrontMatter = "KB006"
    case yamlSyntax = "KB007"
    case invalidSlug = "KB008"
    case unsafePath = "KB009"
    case invalidConfig = "KB010"
    case invalidReferenceData = "KB011"
    case invalidTemplate = "KB012"
    // Fields
    case missingField = "KB101"
    case wrongType = "KB102"
    case invalidValue = "KB103"
    case unknownRegion = "KB104"
    case unknownType = "KB105"
    case outOfRange = "KB106"
    case tooLong = "KB107"
    case invalidFormat = "KB108"
    case unknownKey = "KB109"
    case duplicateKey = "KB110"
    case tooComplex = "KB111"
    // Domain rules (art. 4.2.4 Wlz)
    case zorgkantoorPartners = "KB201"
    case negativeBusinessCase = "KB202"
    case contributionsMismatch = "KB203"
    case periodOrder = "KB204"
    case stoppedReason = "KB205"
    case reviewOverdue = "KB206"
    // Links and duplicates
    case brokenLink = "KB301"
    case brokenAnchor = "KB302"
    case duplicateSlug = "KB303"
    case duplicateTitle = "KB304"
    // Lineage (based_on)
    case unknownBasedOn = "KB305"
    case basedOnItself = "KB306"
    case basedOnCycle = "KB307"
    // Content pages
    case reservedSlug = "KB308"
}

extension Diagnostic {
    /// One finding as `kb check --format json` and kb serve's status report it.
    public var json: JSONValue {
        .object([
            "file": .string(file), "line": .int(line), "column": .int(column), "severity": .string(severity.rawValue),
            "code": .string(code.rawValue), "message": .string(message),
        ])
    }
}
