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

    /// Built as bytes: one chart on each of 10,000 write-up pages, and string interpolation
    /// made it a visible part of the page model.
    func html() -> String {
        let maximum = max(rows.map(\.value).max() ?? 0, 1)
        let height = Double(rows.count) * Self.rowHeight + 8
        var out: [UInt8] = []
        out.reserveCapacity(1536 + rows.count * 320)
        func put(_ text: String) { out.append(contentsOf: text.utf8) }
        func escaped(_ text: String) { Text.appendEscapedHTML(text, to: &out) }
        put("<figure class=\"grafiek\" id=\"")
        put(id)
        put("\"><figcaption class=\"grafiek-titel\" id=\"")
        put(id)
        put("-bijschrift\">")
        escaped(title)
        // Named by the visible caption plus the full description, so the title is not read twice.
        put("</figcaption><svg class=\"grafiek-svg\" width=\"100%\" height=\"")
        put(String(Int(height)))
        put("\" role=\"img\" aria-labelledby=\"")
        put(id)
        put("-bijschrift ")
        put(id)
        put("-beschrijving\" focusable=\"false\"><title>")
        escaped(title)
        put("</title><desc id=\"")
        put(id)
        put("-beschrijving\">")
        escaped(description)
        put("</desc>")
        for (index, row) in rows.enumerated() {
            let y = Double(index) * Self.rowHeight
            let percent = row.value > 0 ? max(0.5, Self.longestBar * row.value / maximum) : 0
            put("<text x=\"0\" y=\"")
            put(format(y + 15))
            put("\" font-size=\"15\" fill=\"#1a1a1a\">")
            escaped(row.label)
            put("</text><rect x=\"0\" y=\"")
            put(format(y + 21))
            put("\" width=\"")
            put(format(percent))
            put("%\" height=\"16\" fill=\"")
            put(row.kind.fill)
            put("\"></rect><text x=\"")
            put(format(percent))
            put("%\" dx=\"8\" y=\"")
            put(format(y + 34))
            put("\" font-size=\"15\" font-weight=\"bold\" fill=\"#1a1a1a\">")
            escaped(row.display)
            put("</text>")
        }
        put("</svg>")
        if let table {
            put("<details class=\"grafiek-tabel\"><summary>")
            escaped(table.summary)
            put("</summary><div class=\"tabel-wrapper\" tabindex=\"0\" role=\"region\" aria-label=\"")
            escaped(title)
            put("\"><table class=\"tabel\"><caption>")
            escaped(title)
            put("</caption><thead><tr><th scope=\"col\">")
            escaped(table.label)
            put("</th><th scope=\"col\" class=\"getal\">")
            escaped(table.value)
            put("</th></tr></thead><tbody>")
            for row in rows {
                put("<tr><th scope=\"row\">")
                escaped(row.label)
                put("</th><td class=\"getal\">")
                escaped(row.display)
                put("</td></tr>")
            }
            put("</tbody></table></div></details>")
        }
        put("</figure>")
        return String(decoding: out, as: UTF8.self)
    }

    private func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

extension PageContext {
    /// A chart of counts with its data table.
    func countChart(id: String, title: String, label: String, rows: [(String, Int)]) -> String {
        BarChart(
            id: id, title: title,
            rows: rows.map { BarChart.Row(label: $0.0, value: Double($0.1), display: formats.integer($0.1)) },
            table: (label, strings["format.chart_count"], strings["format.chart_table"])
        ).html()
    }

    /// A chart of amounts (savings) with its data table.
    func moneyChart(id: String, title: String, label: String, rows: [(String, Int)]) -> String {
        BarChart(
            id: id, title: title,
            rows: rows.map { BarChart.Row(label: $0.0, value: Double($0.1), display: formats.money($0.1), kind: .saving) },
            table: (label, strings["format.chart_amount"], strings["format.chart_table"])
        ).html()
    }
}
