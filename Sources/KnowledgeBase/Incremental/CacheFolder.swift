import Foundation

/// Where everything kb keeps between builds lies: SITE/.kb-cache/. The one place that names its
/// files, so no stage builds a cache path of its own.
///
/// | file | owner | what |
/// |---|---|---|
/// | `lock` | BuildLock | pid of the build that holds the site's lock |
/// | `build-<output>.state` | BuildState | input fingerprint and the file tables of the two output trees |
/// | `spare-<output>/` | OutputFolder | the spare output tree |
/// | `parse.cache` | ParseCache | parse results per write-up |
/// | `fragments.cache`, `data.cache` | FragmentCache | cards; API objects and CSV rows |
/// | `related.cache` | Pipeline (link) | related lists with their signature |
/// | `search.cache` | SearchCache | the search index's token blocks |
///
/// All `.cache` files are CacheLogs; temporaries are named after their writer's pid
/// (`.NAME.PID`, `NAME.PID.new`) so a build can remove those of processes that died.
enum CacheFolder {
    static let name = ".kb-cache"

    static func url(siteDirectory: URL) -> URL {
        siteDirectory.appendingPathComponent(name, isDirectory: true)
    }

    /// A file in the cache folder, e.g. `file(siteDirectory: site, "parse.cache")`.
    static func file(siteDirectory: URL, _ fileName: String) -> URL {
        url(siteDirectory: siteDirectory).appendingPathComponent(fileName)
    }
}
