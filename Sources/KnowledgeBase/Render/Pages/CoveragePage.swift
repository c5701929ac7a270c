/// Coverage of the zorgkantoorregio's: the tile map, and a table with a row per region and a
/// column per type whose cells count the initiatives (0 marked as a gap) and link to the search
/// page filtered on both.
struct CoveragePage: PageKind {
    static let template = "coverage"

    /// The tile map with its legend (HTML).
    var mapHTML: String
    /// "12 van de 31 regio's hebben een initiatief".
    var coveredLabel: String
    /// The column heads, in the order of /type/.
    var types: [TypeHead]
    /// Every region, in the order of /regio/.
    var regions: [Row]

    struct TypeHead: TemplateModel {
        var label: String
        var url: String

        var templateValue: TemplateValue { ["label": .string(label), "url": .string(url)] }
    }

    struct Row: TemplateModel {
        var name: String
        var url: String
        var code: String
        var cells: [Cell]

        var templateValue: TemplateValue {
            ["name": .string(name), "url": .string(url), "code": .string(code), "cells": cells.templateValue]
        }
    }

    struct Cell: TemplateModel {
        /// The number, formatted, and as it sorts.
        var count: String
        var value: Int
        /// The search page filtered on the type and region; "" when the count is 0.
        var url: String
        /// The count is 0.
        var gap: Bool
        /// What a screen reader hears after the number: "Arrangeur in Arnhem" or the gap.
        var context: String

        var templateValue: TemplateValue {
            ["count": .string(count), "value": .int(value), "url": .string(url), "gap": .bool(gap), "context": .string(context)]
        }
    }

    var templateValue: TemplateValue {
        [
            "mapHTML": .string(mapHTML), "coveredLabel": .string(coveredLabel), "types": types.templateValue,
            "regions": regions.templateValue,
        ]
    }

    static func pages(_ c: PageContext) -> [Page] {
        let title = c.strings["views.coverage_title"]
        return [
            page(
                url: c.urls.coverage, title: title, description: c.strings["views.coverage_description"], section: "regio",
                breadcrumbs: [(title, "")], scripts: ["sort.js"],
                // Counts over every write-up.
                inputs: .everything("coverage")
            ) { CoveragePage(c) }
        ]
    }

    init(_ c: PageContext) {
        let (reference, catalog, strings) = (c.site.reference, c.catalog, c.strings)
        mapHTML = TileMap.html(c, id: "tegelkaart")
        let covered = reference.regions.filter { catalog.byRegion[$0.code] != nil }.count
        coveredLabel = strings.format(
            "views.coverage_covered", ["n": c.formats.integer(covered), "total": c.formats.integer(reference.regions.count)])
        types = reference.types.map { TypeHead(label: $0.label, url: c.urls.type($0.key)) }
        // Per region, per type: how many of the region's write-ups are of that type.
        regions = reference.regions.map { region in
            var perType: [String: Int] = [:]
            for index in catalog.byRegion[region.code] ?? [] { for type in catalog.initiatives[index].types { perType[type, default: 0] += 1 } }
            return Row(
                name: region.name, url: c.urls.region(region.slug), code: region.code,
                cells: reference.types.map { type in
                    let count = perType[type.key] ?? 0
                    return Cell(
                        count: c.formats.integer(count), value: count, url: count == 0 ? "" : c.urls.search(type: type.key, region: region.code),
                        gap: count == 0,
                        context: count == 0
                            ? strings["views.coverage_gap"] : strings.format("views.coverage_cell", ["type": type.label, "region": region.name]))
                })
        }
    }
}
