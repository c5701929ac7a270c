import Yams

/// One UI catalog per language (Resources/i18n/LANG.yml). Swift code reads flat keys like
/// "status.lopend"; templates get the nested tree as `t`.
public struct Strings: @unchecked Sendable {
    public let language: Language
    /// Nested dictionaries and arrays for Mustache.
    let tree: [String: Any]
    private let flat: [String: String]
    let months: [String]

    public init(language: Language) {
        self.language = language
        let text = BuiltIn.text(language == .nl ? BuiltIn.stringsNL : BuiltIn.stringsEN)
        // Yams gives [AnyHashable: Any]; Mustache looks keys up in [String: Any] only.
        func plain(_ value: Any) -> Any {
            if let dict = value as? [AnyHashable: Any] {
                var out: [String: Any] = [:]
                for (k, v) in dict { out["\(k)"] = plain(v) }
                return out
            }
            if let list = value as? [Any] { return list.map(plain) }
            return value
        }
        let loaded = plain((try? Yams.load(yaml: text)) ?? [:]) as? [String: Any] ?? [:]
        tree = loaded
        var flat: [String: String] = [:]
        func walk(_ prefix: String, _ value: Any) {
            if let dict = value as? [String: Any] {
                for (k, v) in dict { walk(prefix.isEmpty ? k : "\(prefix).\(k)", v) }
            } else if let text = value as? String {
                flat[prefix] = text
            } else if let number = value as? Int {
                flat[prefix] = String(number)
            }
        }
        walk("", loaded)
        self.flat = flat
        months = (loaded["month"] as? [String]) ?? []
    }

    /// The string for a key; the key itself when missing, so a gap shows instead of crashing.
    public subscript(_ key: String) -> String { flat[key] ?? key }

    public func has(_ key: String) -> Bool { flat[key] != nil }

    /// Fills `{name}` placeholders.
    public func format(_ key: String, _ values: [String: String]) -> String {
        var out = self[key]
        for (name, value) in values { out = out.replacingBytes("{\(name)}", with: value) }
        return out
    }

    /// "{n} initiatief" / "{n} initiatieven".
    public func count(_ key: String, _ n: Int, formatted: String? = nil) -> String {
        format("\(key)_\(n == 1 ? "one" : "other")", ["n": formatted ?? String(n)])
    }

    var allKeys: Set<String> { Set(flat.keys) }
    func value(forKey key: String) -> String? { flat[key] }
}
