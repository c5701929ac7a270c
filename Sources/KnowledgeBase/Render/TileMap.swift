/// The schematic tile map of the zorgkantoorregio's: one square per region at the cell its
/// reference data gives (`tile: [column, row]`), coloured by its number of initiatives, each a
/// link to the region with an accessible name. Inline SVG made at build time; the legend is HTML.
struct TileMap {
    /// Tile colours, light to dark; a gap (0) is grey with a dashed border.
    static let fills = ["#f3f3f3", "#d6e4f2", "#9fc1e3", "#2f65a0", "#154273"]
    static let size = 56.0
    static let step = 60.0

    /// The legend's ranges for counts up to `maximum`: 0, then up to four ranges of 1...maximum.
    static func buckets(maximum: Int) -> [ClosedRange<Int>] {
        guard maximum > 0 else { return [0...0] }
        let parts = min(4, maximum)
        let width = (maximum + parts - 1) / parts
        return [0...0] + (0..<parts).map { ($0 * width + 1)...min(maximum, ($0 + 1) * width) }.filter { !$0.isEmpty }
    }

    static func html(_ c: PageContext, id: String) -> String {
        let (strings, formats) = (c.strings, c.formats)
        let regions = c.site.reference.regions
        let counts = regions.map { c.catalog.byRegion[$0.code]?.count ?? 0 }
        let ranges = buckets(maximum: counts.max() ?? 0)
        func bucket(_ count: Int) -> Int { ranges.firstIndex { $0.contains(count) } ?? 0 }
        let placed = regions.indices.filter { regions[$0].tile != nil }
        let columns = (placed.map { regions[$0].tile!.column }.max() ?? 0) + 1
        let rows = (placed.map { regions[$0].tile!.row }.max() ?? 0) + 1
        var out: [UInt8] = []
        func put(_ text: String) { out.append(contentsOf: text.utf8) }
        func escaped(_ text: String) { Text.appendEscapedHTML(text, to: &out) }
        let title = strings["views.map_title"]
        put("<figure class=\"tegelkaart\" id=\"\(id)\"><figcaption class=\"grafiek-titel\" id=\"\(id)-bijschrift\">")
        escaped(title)
        put("</figcaption>")
        if !placed.isEmpty {
            // A viewBox: the map scales to its column and keeps its shape at 360 px.
            let width = Double(columns) * step, height = Double(rows) * step
            put("<svg class=\"tegelkaart-svg\" viewBox=\"0 0 \(format(width)) \(format(height))\" aria-labelledby=\"\(id)-bijschrift\">")
            for index in placed {
                let region = regions[index], tile = region.tile!, count = counts[index], level = bucket(count)
                let (x, y) = (Double(tile.column) * step, Double(tile.row) * step)
                let name = strings.format("views.map_tile", ["region": region.name, "count": formats.initiatives(count)])
                let ink = level >= 3 ? "#ffffff" : "#1a1a1a"
                put("<a href=\"")
                escaped(c.urls.region(region.slug))
                put("\" aria-label=\"")
                escaped(name)
                put("\" class=\"tegel tegel-\(level)\"><title>")
                escaped(name)
                put("</title><rect x=\"\(format(x))\" y=\"\(format(y))\" width=\"\(format(size))\" height=\"\(format(size))\" rx=\"4\" fill=\"\(fills[level])\"")
                if count == 0 { put(" stroke=\"#595959\" stroke-dasharray=\"4 3\" stroke-width=\"1.5\"") }
                put("></rect><text x=\"\(format(x + size / 2))\" y=\"\(format(y + 22))\" text-anchor=\"middle\" font-size=\"13\" fill=\"\(ink)\">")
                escaped(tile.short)
                put("</text><text x=\"\(format(x + size / 2))\" y=\"\(format(y + 44))\" text-anchor=\"middle\" font-size=\"18\" font-weight=\"bold\" fill=\"\(ink)\">")
                escaped(formats.integer(count))
                put("</text></a>")
            }
            put("</svg>")
        }
        put("<p class=\"legenda-kop\" id=\"\(id)-legenda\">")
        escaped(strings["views.map_legend"])
        put("</p><ul class=\"legenda\" aria-labelledby=\"\(id)-legenda\">")
        for (level, range) in ranges.enumerated() {
            put("<li><span class=\"legenda-kleur tegel-kleur-\(level)\" aria-hidden=\"true\"></span>")
            let label =
                range.lowerBound == range.upperBound
                ? formats.integer(range.lowerBound) : "\(formats.integer(range.lowerBound))–\(formats.integer(range.upperBound))"
            escaped(level == 0 ? strings.format("views.map_legend_gap", ["n": label]) : strings.format("views.map_legend_range", ["n": label]))
            put("</li>")
        }
        put("</ul></figure>")
        return String(decoding: out, as: UTF8.self)
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
