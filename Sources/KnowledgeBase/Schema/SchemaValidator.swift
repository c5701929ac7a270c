import Foundation

/// Walks a YAML tree against the schema and reports every problem at once, each at the
/// position of the offending key or value.
struct SchemaValidator {
    var path: String
    var reference: ReferenceData
    var diagnostics: [Diagnostic] = []

    mutating func validateRoot(_ root: YAMLValue?, fields: [SchemaField]) {
        guard let root, root.mapping != nil else {
            let at = root ?? YAMLValue(kind: .scalar(.init(text: "", isNull: true, isQuoted: false)), line: 1, column: 1)
            report(.error, .wrongType, at, "front matter moet eigenschappen bevatten (sleutel: waarde), gevonden: \(at.kindName)")
            return
        }
        validateObject(root, fields: fields, name: "front matter")
    }

    private mutating func report(_ severity: Diagnostic.Severity, _ code: DiagnosticCode, _ at: YAMLValue, _ message: String) {
        diagnostics.append(Diagnostic(severity, code, file: path, line: at.line, column: at.column, message))
    }

    mutating func validateObject(_ value: YAMLValue, fields: [SchemaField], name: String) {
        guard let pairs = value.mapping else {
            report(.error, .wrongType, value, "\(name) moet een object zijn (sleutel: waarde), gevonden: \(value.kindName)")
            return
        }
        // A schema object has a few dozen fields at most: a linear scan beats building a
        // dictionary and a set for every object of every file.
        var seen = [Bool](repeating: false, count: fields.count)
        for (key, child) in pairs {
            guard let keyText = key.string else {
                report(.error, .wrongType, key, "sleutel moet tekst zijn")
                continue
            }
            let fieldIndex = fields.firstIndex { $0.name == keyText }
            if let fieldIndex { seen[fieldIndex] = true }
            guard let fieldIndex else {
                report(
                    .warning, .unknownKey, key,
                    "onbekende eigenschap \"\(keyText)\" wordt genegeerd"
                        + Text.didYouMean(keyText, in: fields.map(\.name)))
                continue
            }
            let field = fields[fieldIndex]
            if child.isNull {
                if field.required { report(.error, .missingField, child, "verplichte eigenschap \"\(keyText)\" is leeg") }
                continue
            }
            validate(child, as: field.type, name: keyText)
        }
        for (index, field) in fields.enumerated() where field.required && !seen[index] {
            report(.error, .missingField, value, "verplichte eigenschap \"\(field.name)\" ontbreekt in \(name)")
        }
    }

    private mutating func validate(_ value: YAMLValue, as type: SchemaType, name: String) {
        switch type {
        case .string(let maxLength, let format):
            validateString(value, name: name, maxLength: maxLength, format: format)
        case .integer(let minimum, let maximum):
            validateInteger(value, name: name, minimum: minimum, maximum: maximum)
        case .number(let minimum, let maximum):
            validateNumber(value, name: name, minimum: minimum, maximum: maximum)
        case .boolean:
            if value.bool == nil {
                report(.error, .wrongType, value, "\"\(name)\" moet true of false zijn, gevonden: \"\(value.string ?? value.kindName)\"")
            }
        case .enumeration(let allowed):
            validateEnumeration(value, name: name, allowed: allowed)
        case .reference(let kind):
            validateReference(value, name: name, kind: kind)
        case .list(let element, let minItems):
            guard let items = value.sequence else {
                report(.error, .wrongType, value, "\"\(name)\" moet een lijst zijn, gevonden: \(value.kindName)")
                return
            }
            if items.count < minItems {
                report(.error, .missingField, value, "\"\(name)\" moet minstens \(minItems) item\(minItems == 1 ? "" : "s") bevatten")
            }
            for item in items { validate(item, as: element, name: name) }
        case .oneOrList(let element):
            if let items = value.sequence {
                if items.isEmpty { report(.error, .missingField, value, "\"\(name)\" is een lege lijst") }
                for item in items { validate(item, as: element, name: name) }
            } else {
                validate(value, as: element, name: name)
            }
        case .object(let fields):
            validateObject(value, fields: fields, name: "\"\(name)\"")
        case .map(let keys, let valueType):
            validateMap(value, name: name, keys: keys, valueType: valueType)
        }
    }

    private mutating func validateString(_ value: YAMLValue, name: String, maxLength: Int?, format: StringFormat?) {
        guard let text = value.string else {
            report(.error, .wrongType, value, "\"\(name)\" moet tekst zijn, gevonden: \(value.kindName)")
            return
        }
        if let maxLength, text.count > maxLength {
            report(.error, .tooLong, value, "\"\(name)\" is \(text.count) tekens; het maximum is \(maxLength)")
        }
        if text.allSatisfy(\.isWhitespace) {
            report(.error, .missingField, value, "\"\(name)\" is leeg")
        }
        if let format, let problem = Self.formatProblem(text, format) {
            report(.error, .invalidFormat, value, "\"\(name)\": \(problem)")
        }
    }

    private mutating func validateInteger(_ value: YAMLValue, name: String, minimum: Int?, maximum: Int?) {
        let text = value.string ?? ""
        let digits = value.int == nil ? text.filter { $0 != "_" } : ""
        if value.int == nil, !digits.isEmpty, digits.drop(while: { $0 == "-" || $0 == "+" }).allSatisfy(\.isNumber) {
            report(.error, .outOfRange, value, "\"\(name)\" is te groot: \(text)" + (maximum.map { "; het maximum is \($0)" } ?? ""))
            return
        }
        guard let number = value.int else {
            let hint = value.double != nil ? " (hele getallen, zonder decimalen)" : ""
            report(.error, .wrongType, value, "\"\(name)\" moet een geheel getal zijn\(hint), gevonden: \"\(value.string ?? value.kindName)\"")
            return
        }
        if let minimum, number < minimum {
            report(.error, .outOfRange, value, "\"\(name)\" moet minstens \(minimum) zijn, gevonden: \(number)")
        }
        if let maximum, number > maximum {
            report(.error, .outOfRange, value, "\"\(name)\" mag hoogstens \(maximum) zijn, gevonden: \(number)")
        }
    }

    private mutating func validateNumber(_ value: YAMLValue, name: String, minimum: Double?, maximum: Double?) {
        if let number = value.double, !number.isFinite {
            report(.error, .outOfRange, value, "\"\(name)\" moet een eindig getal zijn, gevonden: \"\(value.string ?? "")\"")
            return
        }
        guard let number = value.double else {
            report(.error, .wrongType, value, "\"\(name)\" moet een getal zijn, gevonden: \"\(value.string ?? value.kindName)\"")
            return
        }
        if let minimum, number < minimum {
            report(.error, .outOfRange, value, "\"\(name)\" moet minstens \(Self.show(minimum)) zijn, gevonden: \(Self.show(number))")
        }
        if let maximum, number > maximum {
            report(.error, .outOfRange, value, "\"\(name)\" mag hoogstens \(Self.show(maximum)) zijn, gevonden: \(Self.show(number))")
        }
    }

    private mutating func validateEnumeration(_ value: YAMLValue, name: String, allowed: [String]) {
        guard let text = value.string else {
            report(.error, .wrongType, value, "\"\(name)\" moet één van \(allowed.joined(separator: ", ")) zijn, gevonden: \(value.kindName)")
            return
        }
        if !allowed.contains(text) {
            report(
                .error, .invalidValue, value,
                "onbekende waarde \"\(text)\" voor \"\(name)\"" + Text.didYouMean(text, in: allowed)
                    + "; toegestaan: \(allowed.joined(separator: ", "))")
        }
    }

    private mutating func validateReference(_ value: YAMLValue, name: String, kind: ReferenceKind) {
        guard let text = value.string else {
            report(.error, .wrongType, value, "\"\(name)\" moet tekst zijn, gevonden: \(value.kindName)")
            return
        }
        switch kind {
        case .region:
            if reference.region(named: text) == nil {
                report(
                    .error, .unknownRegion, value,
                    "onbekende regio \"\(text)\"" + Text.didYouMean(text, in: reference.regions.map(\.name)))
            }
        case .type:
            if reference.type(key: text) == nil {
                let keys = reference.types.map(\.key)
                // Authors often write a word from the label ("arrangeur") instead of the key.
                let folded = Text.fold(text)
                let labelMatch = reference.types.first { type in
                    Text.fold(type.label) == folded || Text.fold(type.label).split(whereSeparator: { !$0.isLetter && !$0.isNumber }).contains { $0 == folded }
                }.map { " (bedoelde u \"\($0.key)\"?)" }
                report(.error, .unknownType, value, "onbekend type \"\(text)\"" + (labelMatch ?? Text.didYouMean(text, in: keys)))
            }
        }
    }

    private mutating func validateMap(_ value: YAMLValue, name: String, keys: [String], valueType: SchemaType) {
        guard let pairs = value.mapping else {
            report(.error, .wrongType, value, "\"\(name)\" moet een object zijn (soort: bedrag), gevonden: \(value.kindName)")
            return
        }
        for (key, child) in pairs {
            let keyText = key.string ?? ""
            if !keys.contains(keyText) {
                report(
                    .error, .invalidValue, key,
                    "onbekende soort partner \"\(keyText)\" in \"\(name)\"" + Text.didYouMean(keyText, in: keys))
                continue
            }
            validate(child, as: valueType, name: "\(name).\(keyText)")
        }
    }

    static func show(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    static func formatProblem(_ text: String, _ format: StringFormat) -> String? {
        switch format {
        case .yearMonth:
            return YearMonth(text) == nil ? "\"\(text)\" is geen jaar of maand; gebruik JJJJ of JJJJ-MM, bijvoorbeeld 2018-01" : nil
        case .date:
            return Text.isoDate(text) == nil ? "\"\(text)\" is geen datum; gebruik JJJJ-MM-DD, bijvoorbeeld 2024-06-01" : nil
        case .slug:
            if Text.isValidSlug(text) { return nil }
            // Authors copy the file name or the link they use in the body.
            let bare = text.hasSuffix(".md") ? String(text.dropLast(3)) : text
            let hint = Text.isValidSlug(bare) ? bare : Text.slug(bare)
            return "\"\(text)\" is geen slug; schrijf de bestandsnaam zonder .md (kleine letters a-z, cijfers en '-')"
                + (hint.isEmpty ? "" : ", bijvoorbeeld \"\(hint)\"")
        case .email:
            return isEmailAddress(text) ? nil : "\"\(text)\" is geen geldig e-mailadres"
        case .url:
            if isPlainWebAddress(text) { return nil }
            guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
                scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
            else { return "\"\(text)\" is geen geldig webadres; begin met https://" }
            return nil
        }
    }

    /// One "@" with something before it, a dot inside the part after it, no whitespace, < or >.
    /// ASCII text is checked on its bytes (the same answer, without walking Characters).
    static func isEmailAddress(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            let parts = text.split(separator: "@", omittingEmptySubsequences: false)
            return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".") && !parts[1].hasPrefix(".")
                && !parts[1].hasSuffix(".") && !text.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
        }
        let at = UInt8(ascii: "@"), dot = UInt8(ascii: ".")
        guard bytes.filter({ $0 == at }).count == 1, let index = bytes.firstIndex(of: at), index > 0 else { return false }
        let domain = bytes[(index + 1)...]
        return domain.contains(dot) && domain.first != dot && domain.last != dot
            && !bytes.contains(where: { ($0 >= 9 && $0 <= 13) || $0 == 32 || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") })
    }

    /// True for the common shape "http(s)://host/path" in plain ASCII that URLComponents
    /// accepts too; anything else goes through URLComponents (parsing every source's URL with
    /// it was a visible part of the parse stage of a large site).
    static func isPlainWebAddress(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes -> Bool in
            var index: Int
            if bytes.starts(with: "https://".utf8) {
                index = 8
            } else if bytes.starts(with: "http://".utf8) {
                index = 7
            } else {
                return false
            }
            let hostStart = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "/") {
                let byte = bytes[index]
                guard (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57) || byte == 45 || byte == 46 else { return false }
                index += 1
            }
            guard index > hostStart else { return false }
            while index < bytes.count {
                // Unreserved characters and "/" only: no escapes, queries or fragments.
                let byte = bytes[index]
                let letter = (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                guard letter || (byte >= 48 && byte <= 57) || byte == 45 || byte == 46 || byte == 95 || byte == 126 || byte == 47 else {
                    return false
                }
                index += 1
            }
            return true
        }
    }
}
