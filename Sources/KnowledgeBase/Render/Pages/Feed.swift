import Foundation

/// The Atom feed of the newest write-ups.
struct Feed {
    let c: PageContext

    static let size = 50

    static func file(_ c: PageContext) -> DataFile {
        // The newest ones, in order, and their front matter; which they are follows from every
        // write-up's dates, but the list itself is what the file shows.
        let newest = Array(c.catalog.newest.prefix(size))
        return DataFile(path: c.urls.outputPath(for: c.urls.feed), inputs: PageInputs("feed", frontMatter: newest)) {
            Array(Feed(c: c).text().utf8)
        }
    }

    func isoTimestamp(_ initiative: Initiative) -> String {
        if let updated = initiative.updated { return "\(updated)T00:00:00Z" }
        let start = initiative.period.start
        return "\(start.year)-\(String(format: "%02d", start.month ?? 1))-01T00:00:00Z"
    }

    func text() -> String {
        let entries = c.catalog.newest.prefix(Self.size).map { c.catalog.initiatives[$0] }
        let updated = entries.map(isoTimestamp).max() ?? "2000-01-01T00:00:00Z"
        var out = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(c.strings.language.rawValue)">
              <title>\(XML.escape(c.site.config.title))</title>
              <subtitle>\(XML.escape(c.site.config.description))</subtitle>
              <id>\(XML.escape(c.urls.absolute(c.urls.home)))</id>
              <link rel="alternate" type="text/html" href="\(XML.escape(c.urls.absolute(c.urls.home)))"/>
              <link rel="self" type="application/atom+xml" href="\(XML.escape(c.urls.absolute(c.urls.feed)))"/>
              <updated>\(updated)</updated>

            """
        for i in entries {
            let link = XML.escape(c.urls.absolute(c.urls.initiative(i.slug)))
            let region = c.site.reference.region(code: i.regionCode)?.name ?? ""
            out += """
                  <entry>
                    <title>\(XML.escape(i.title))</title>
                    <id>\(link)</id>
                    <link rel="alternate" type="text/html" href="\(link)"/>
                    <updated>\(isoTimestamp(i))</updated>
                    <author><name>\(XML.escape(i.partners.first?.name ?? c.site.config.title))</name></author>
                    <category term="\(XML.escape(i.types.first ?? ""))" label="\(XML.escape(c.site.reference.type(key: i.types.first ?? "")?.label ?? ""))"/>
                    <summary type="text">\(XML.escape(i.summary + (region.isEmpty ? "" : " (\(region))")))</summary>
                  </entry>

                """
        }
        return out + "</feed>\n"
    }
}

/// Text in XML (feed, sitemap).
enum XML {
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                // Control characters are not allowed in XML 1.0 at all.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r" { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
