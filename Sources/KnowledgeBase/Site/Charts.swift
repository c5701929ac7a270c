/// Horizontal bar charts as inline SVG, rendered at build time: no JavaScript, crisp in print.
/// Labels sit above their bars and sizes are real pixels with percentage bar widths (no
/// viewBox), so text stays readable at 320 px and follows browser zoom.
struct BarChart {
    struct Row {
        var label: String
        var value: Double
        /// The value as the reader sees it, e.g. "€ 60.000".
        var display: String
        var kind: Kind = .primary
    }

    enum Kind {
        case primary, saving, realised

        var fill: String {
            switch self {
            case .primary: return "#154273"
            case .saving: return "#39870c"
            case .realised: return "#275937"
            }
        }
    }

    var id: String
    var title: String
    var rows: [Row]
    /// Column headers of the data table, or nil when the page already has a table of the same data.
    var table: (label: String, value: String, summary: String)?

    static let rowHeight = 44.0
    /// The longest bar's share of the width; the rest is room for its value ("€ 1.250.000").
    static let longestBar = 62.0

    /// One sentence with every value, for screen readers (`<desc>`).
    var description: String {
        rows.map { "\($0.label): \($0.display)" }.joined(separator: "; ") + "."
    }

    func html() -> String {
        let maximum = max(rows.map(\.value).max() ?? 0, 1)
        let height = Double(rows.count) * Self.rowHeight + 8
        let e = Text.escapeHTML
        // Named by the visible caption plus the full description, so the title is not read twice.
        var svg =
            "<svg class=\"grafiek-svg\" width=\"100%\" height=\"\(Int(height))\" role=\"img\" aria-labelledby=\"\(id)-bijschrift \(id)-beschrijving\" focusable=\"false\">"
            + "<title>\(e(title))</title><desc id=\"\(id)-beschrijving\">\(e(description))</desc>"
        for (index, row) in rows.enumerated() {
            let y = Double(index) * Self.rowHeight
            let percent = row.value > 0 ? max(0.5, Self.longestBar * row.value / maximum) : 0
            svg += "<text x=\"0\" y=\"\(format(y + 15))\" font-size=\"15\" fill=\"#1a1a1a\">\(e(row.label))</text>"
            svg += "<rect x=\"0\" y=\"\(format(y + 21))\" width=\"\(format(percent))%\" height=\"16\" fill=\"\(row.kind.fill)\"></rect>"
            svg +=
                "<text x=\"\(format(percent))%\" dx=\"8\" y=\"\(format(y + 34))\" font-size=\"15\" font-weight=\"bold\" fill=\"#1a1a1a\">\(e(row.display))</text>"
        }
        svg += "</svg>"
        var out =
            "<figure class=\"grafiek\" id=\"\(id)\"><figcaption class=\"grafiek-titel\" id=\"\(id)-bijschrift\">\(e(title))</figcaption>\(svg)"
        if let table {
            out +=
                "<details class=\"grafiek-tabel\"><summary>\(e(table.summary))</summary><div class=\"tabel-wrapper\" tabindex=\"0\" role=\"region\" aria-label=\"\(e(title))\"><table class=\"tabel\"><caption>\(e(title))</caption><thead><tr><th scope=\"col\">\(e(table.label))</th><th scope=\"col\" class=\"getal\">\(e(table.value))</th></tr></thead><tbody>"
            for row in rows {
                out += "<tr><th scope=\"row\">\(e(row.label))</th><td class=\"getal\">\(e(row.display))</td></tr>"
            }
            out += "</tbody></table></div></details>"
        }
        return out + "</figure>"
    }

    private func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
