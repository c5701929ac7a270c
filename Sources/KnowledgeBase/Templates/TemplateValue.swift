import Foundation

/// A value a template can show. The view models build these directly, so rendering never
/// casts `Any` or reflects: a lookup is one dictionary probe and a switch.
enum TemplateValue: Sendable {
    case string(String)
    case bool(Bool)
    case int(Int)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// Mustache truthiness as the templates' README states it: only a missing value, `false`
    /// and an empty list are false; `""` and `0` are true.
    var isFalsy: Bool {
        switch self {
        case .bool(let value): return !value
        case .list(let items): return items.isEmpty
        default: return false
        }
    }

    /// A hash of the whole value (object keys in sorted order), for telling whether a page
    /// built from it can stay as it was.
    var digest: UInt64 {
        var words: [UInt64] = []
        collect(into: &words)
        return words.withUnsafeBytes { Hash.content($0) }
    }

    private func collect(into words: inout [UInt64]) {
        switch self {
        case .string(let text):
            var text = text
            words.append(1)
            words.append(text.withUTF8 { Hash.content(UnsafeRawBufferPointer($0)) })
        case .bool(let value): words += [2, value ? 1 : 0]
        case .int(let value): words += [3, UInt64(bitPattern: Int64(value))]
        case .list(let items):
            words += [4, UInt64(items.count)]
            for item in items { item.collect(into: &words) }
        case .object(let fields):
            words += [5, UInt64(fields.count)]
            for key in fields.keys.sorted() {
                TemplateValue.string(key).collect(into: &words)
                fields[key]!.collect(into: &words)
            }
        }
    }

    subscript(key: String) -> TemplateValue? {
        if case .object(let fields) = self { return fields[key] }
        return nil
    }

    /// Built-in transforms, `{{#empty(x)}}`, with the names and meaning swift-mustache gave
    /// them, so templates written for it keep working. nil means "no such transform here".
    func transformed(_ name: String) -> TemplateValue? {
        switch self {
        case .string(let text):
            switch name {
            case "empty": return .bool(text.isEmpty)
            case "lowercased": return .string(text.lowercased())
            case "uppercased": return .string(text.uppercased())
            case "capitalized": return .string(text.capitalized)
            case "reversed": return .string(String(text.reversed()))
            default: return nil
            }
        case .list(let items):
            switch name {
            case "first": return items.first
            case "last": return items.last
            case "reversed": return .list(items.reversed())
            case "count": return .int(items.count)
            case "empty": return .bool(items.isEmpty)
            default: return nil
            }
        case .int(let value):
            switch name {
            case "equalzero": return .bool(value == 0)
            case "plusone": return .int(value &+ 1)
            case "minusone": return .int(value &- 1)
            case "even": return .bool(value % 2 == 0)
            case "odd": return .bool(value % 2 != 0)
            default: return nil
            }
        case .object(let fields):
            switch name {
            case "count": return .int(fields.count)
            case "empty": return .bool(fields.isEmpty)
            default: return nil
            }
        case .bool:
            return nil
        }
    }

    /// Converts the UI string catalog (plain YAML values) once per build.
    init(plain value: Any) {
        switch value {
        case let text as String: self = .string(text)
        case let flag as Bool: self = .bool(flag)
        case let number as Int: self = .int(number)
        case let list as [Any]: self = .list(list.map(TemplateValue.init(plain:)))
        case let fields as [String: Any]: self = .object(fields.mapValues(TemplateValue.init(plain:)))
        default: self = .string("\(value)")
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
    init(stringLiteral value: String) { self = .string(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
