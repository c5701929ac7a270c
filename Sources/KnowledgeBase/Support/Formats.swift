/// Money, numbers, percentages and dates in the site's language: "€ 180.000", "62,5%",
/// "1 juni 2024" in Dutch; "€180,000", "62.5%", "1 June 2024" in English. One place only.
public struct Formats: Sendable {
    public let strings: Strings
    var language: Language { strings.language }

    public init(strings: Strings) { self.strings = strings }

    private var groupSeparator: String { language == .nl ? "." : "," }
    private var decimalSeparator: String { language == .nl ? "," : "." }

    public func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, char) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += groupSeparator }
            out.append(char)
        }
        return (value < 0 ? "-" : "") + out
    }

    /// At most `decimals` decimals, trailing zeros dropped: 62.5 → "62,5", 8.0 → "8".
    public func decimal(_ value: Double, decimals: Int = 1) -> String {
        // Validation bounds every number; this guard only keeps a bad value from crashing a build.
        guard value.isFinite, abs(value) < 1e15 else { return "–" }
        let scale = (0..<decimals).reduce(1.0) { acc, _ in acc * 10 }
        let rounded = (value * scale).rounded() / scale
        let whole = Int(rounded.rounded(.towardZero))
        var fraction = Int(((abs(rounded) - Double(abs(whole))) * scale).rounded())
        var text = integer(whole)
        if rounded < 0 && whole == 0 { text = "-" + text }
        if fraction > 0 {
            var digits = String(fraction)
            while digits.count < decimals { digits = "0" + digits }
            while digits.hasSuffix("0") {
                digits.removeLast()
                fraction /= 10
            }
            text += decimalSeparator + digits
        }
        return text
    }

    public func money(_ euros: Int) -> String {
        language == .nl ? "€ \(integer(euros))" : "€\(integer(euros))"
    }

    /// Two decimals, for ratios like "€ 4,00".
    public func moneyWithCents(_ euros: Double) -> String {
        guard euros.isFinite, abs(euros) < 1e15 else { return "–" }
        let cents = Int((euros * 100).rounded())
        let text = integer(cents / 100) + decimalSeparator + (cents % 100 < 10 ? "0" : "") + String(cents % 100)
        return language == .nl ? "€ \(text)" : "€\(text)"
    }

    public func percent(_ value: Double) -> String { decimal(value) + "%" }

    public func months(_ value: Double) -> String {
        strings.format(value == 1 ? "format.months_one" : "format.months_other", ["n": decimal(value)])
    }

    public func years(_ value: Int) -> String { strings.count("format.years", value) }

    public func monthName(_ month: Int) -> String {
        strings.months.indices.contains(month - 1) ? strings.months[month - 1] : String(month)
    }

    /// ISO "2024-06-01" → "1 juni 2024".
    public func date(_ iso: String) -> String {
        guard let (y, m, d) = Text.isoDate(iso) else { return iso }
        return "\(d) \(monthName(m)) \(y)"
    }

    public func initiatives(_ n: Int) -> String { strings.count("format.initiatives", n, formatted: integer(n)) }
}
