import Foundation

/// Who built on whom (`based_on`): for each published write-up what it is based on and every
/// write-up that followed it. Needs the whole site, so the link stage makes it.
struct Lineage: Sendable {
    /// Per catalog index, the published write-ups its `based_on` names, in the order written.
    let basedOn: [[Int]]
    /// Per catalog index, every write-up based on it directly or further down, in catalog
    /// (title) order: a reader looks a follower up by name; each indirect one says whom it
    /// followed.
    let followers: [[Int]]

    init(initiatives: [Initiative], bySlug: [String: Int]) {
        let basedOn = initiatives.enumerated().map { index, initiative in
            initiative.basedOn.compactMap { bySlug[$0.slug] }.filter { $0 != index }
        }
        var children = [[Int]](repeating: [], count: initiatives.count)
        for (index, parents) in basedOn.enumerated() { for parent in parents { children[parent].append(index) } }
        // Breadth first with a visited set, so even a cycle (an error, but `kb check` and
        // `kb serve` still link such a site) ends.
        followers = children.indices.map { root in
            guard !children[root].isEmpty else { return [] }
            var seen: Set<Int> = [root]
            var generation = children[root]
            while !generation.isEmpty {
                generation = generation.filter { seen.insert($0).inserted }.flatMap { children[$0] }
            }
            seen.remove(root)
            return seen.sorted()
        }
        self.basedOn = basedOn
    }
}

/// Checks of `based_on` and `reviewed` that need every write-up or today's date; run every build.
enum LineageChecker {
    /// `initiatives`: the published write-ups (drafts count only with --drafts, as for links);
    /// `decoded`: every write-up without errors; `broken`: slugs of files with errors of their
    /// own, reported there rather than at every reference to them.
    static func check(initiatives: [Initiative], decoded: Set<String>, broken: Set<String>) -> [Diagnostic] {
        let published = Set(initiatives.map(\.slug))
        var out: [Diagnostic] = []
        var edges: [String: [SlugReference]] = [:]
        for initiative in initiatives {
            for reference in initiative.basedOn {
                func report(_ code: DiagnosticCode, _ message: String) {
                    out.append(
                        Diagnostic(.error, code, file: initiative.sourcePath, line: reference.line, column: reference.column, message))
                }
                if reference.slug == initiative.slug {
                    report(.basedOnItself, "based_on noemt \"\(reference.slug)\", dit initiatief zelf; noem alleen andere beschrijvingen")
                } else if published.contains(reference.slug) {
                    edges[initiative.slug, default: []].append(reference)
                } else if broken.contains(reference.slug) {
                    continue
                } else if decoded.contains(reference.slug) {
                    report(
                        .unknownBasedOn,
                        "based_on noemt \"\(reference.slug)\", maar dat is een concept (draft) dat niet gepubliceerd wordt")
                } else {
                    report(
                        .unknownBasedOn,
                        "based_on noemt \"\(reference.slug)\", maar die beschrijving bestaat niet"
                            + Text.didYouMean(reference.slug, in: published.sorted()))
                }
            }
        }
        out += cycles(edges, paths: Dictionary(initiatives.map { ($0.slug, $0.sourcePath) }, uniquingKeysWith: { a, _ in a }))
        return out
    }

    /// Each cycle once, reported at the `based_on` entry of its first write-up (by slug) that
    /// starts it, with the whole path. Iterative depth-first search: a long chain of thousands
    /// of write-ups must not exhaust the stack.
    static func cycles(_ edges: [String: [SlugReference]], paths: [String: String]) -> [Diagnostic] {
        enum Mark { case open, done }
        var mark: [String: Mark] = [:]
        var seenCycles: Set<[String]> = []
        var out: [Diagnostic] = []
        for start in edges.keys.sorted() where mark[start] == nil {
            // The path from `start` and, per node on it, the next edge to follow.
            var stack: [(slug: String, next: Int)] = [(start, 0)]
            mark[start] = .open
            while let top = stack.last {
                let targets = edges[top.slug] ?? []
                guard top.next < targets.count else {
                    mark[top.slug] = .done
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].next += 1
                let target = targets[top.next].slug
                switch mark[target] {
                case nil:
                    mark[target] = .open
                    stack.append((target, 0))
                case .open?:
                    let from = stack.firstIndex { $0.slug == target }!
                    var cycle = stack[from...].map(\.slug)
                    // The same cycle found from another entry point is reported once.
                    let first = cycle.indices.min { cycle[$0] < cycle[$1] }!
                    cycle = Array(cycle[first...] + cycle[..<first])
                    guard seenCycles.insert(cycle).inserted else { continue }
                    let next = cycle.count > 1 ? cycle[1] : cycle[0]
                    let reference = edges[cycle[0]]!.first { $0.slug == next }!
                    out.append(
                        Diagnostic(
                            .error, .basedOnCycle, file: paths[cycle[0]] ?? cycle[0], line: reference.line, column: reference.column,
                            "based_on vormt een kring: \((cycle + [cycle[0]]).joined(separator: " → ")); een initiatief kan niet (via andere) op zichzelf gebaseerd zijn"
                        ))
                case .done?:
                    continue
                }
            }
        }
        return out
    }

    /// A warning for each `reviewed` older than `years` before `today` (ISO dates), or after it.
    static func reviews(_ initiatives: [Initiative], years: Int, today: String) -> [Diagnostic] {
        guard let (y, m, d) = Text.isoDate(today) else { return [] }
        let cutoff = String(format: "%04d-%02d-%02d", y - years, m, d)
        return initiatives.compactMap { initiative in
            guard let reviewed = initiative.reviewed, Text.isoDate(reviewed.date) != nil else { return nil }
            let message: String
            if reviewed.date < cutoff {
                message =
                    "laatst beoordeeld op \(reviewed.date), meer dan \(years) jaar geleden (review_years in kb.yml); beoordeel de beschrijving opnieuw en zet de nieuwe datum bij reviewed"
            } else if reviewed.date > today {
                message = "reviewed \(reviewed.date) ligt na vandaag (\(today)); gebruik de datum waarop de beschrijving is beoordeeld"
            } else {
                return nil
            }
            return Diagnostic(.warning, .reviewOverdue, file: initiative.sourcePath, line: reviewed.line, column: reviewed.column, message)
        }
    }

    /// Today in the Netherlands, as an ISO date.
    static func today(_ now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .current
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", c.year ?? 1970, c.month ?? 1, c.day ?? 1)
    }
}
