/// The files in Resources/, compiled into the binary by SwiftPM's embedInCode. SwiftPM names
/// each by its file name only, so this map is the one place that ties names to bytes; a test
/// checks it lists every file in Resources/.
enum BuiltIn {
    static let regions = PackageResources.regions_yml
    static let types = PackageResources.types_yml
    static let synonyms = PackageResources.synoniemen_yml
    static let stringsNL = PackageResources.nl_yml
    static let stringsEN = PackageResources.en_yml

    static let templates: [String: [UInt8]] = [
        "layout": PackageResources.layout_mustache,
        "home": PackageResources.home_mustache,
        "initiatives": PackageResources.initiatives_mustache,
        "initiative": PackageResources.initiative_mustache,
        "initiative-list": PackageResources.initiative_list_mustache,
        "initiative-card": PackageResources.initiative_card_mustache,
        "initiative-table": PackageResources.initiative_table_mustache,
        "comparison-table": PackageResources.comparison_table_mustache,
        "regions": PackageResources.regions_mustache,
        "region": PackageResources.region_mustache,
        "types": PackageResources.types_mustache,
        "type": PackageResources.type_mustache,
        "organisations": PackageResources.organisations_mustache,
        "organisation": PackageResources.organisation_mustache,
        "search": PackageResources.search_mustache,
        "page": PackageResources.page_mustache,
        "coverage": PackageResources.coverage_mustache,
        "monitor": PackageResources.monitor_mustache,
        "compare": PackageResources.compare_mustache,
        "compare-bar": PackageResources.compare_bar_mustache,
        "404": PackageResources._04_mustache,
    ]

    static let assets: [String: [UInt8]] = [
        "kb.css": PackageResources.kb_css,
        "favicon.svg": PackageResources.favicon_svg,
        "search.js": PackageResources.search_js,
        "sort.js": PackageResources.sort_js,
        "stemmer.js": PackageResources.stemmer_js,
        "compare.js": PackageResources.compare_js,
        "compare-select.js": PackageResources.compare_select_js,
    ]

    static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }
}
