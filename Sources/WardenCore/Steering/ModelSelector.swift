import PiecesModels

#if canImport(Glibc)
import Glibc
#endif

/// Finds the models a command line names: by id, by name, or by a glob on either.
public enum ModelSelector {
    /// The models `pattern` names in `models`, in their order.
    ///
    /// An exact id wins; then an exact name, then a name equal but for case; then an fnmatch(3)
    /// glob on the id or the name, ignoring case. The first kind that matches decides, so a name
    /// that is also a glob (`Llama-3 [8B]`) still names the one model called so.
    public static func select(_ pattern: String, in models: [Model]) -> [Model] {
        let kinds: [(Model) -> Bool] = [
            { $0.id == pattern },
            { $0.name == pattern },
            { $0.name.lowercased() == pattern.lowercased() },
            { globMatches(pattern, $0.id) || globMatches(pattern, $0.name) },
        ]
        for matches in kinds {
            var seen = Set<String>()
            let found = models.filter { matches($0) && seen.insert($0.id).inserted }
            if !found.isEmpty { return found }
        }
        return []
    }

    /// Whether the fnmatch(3) glob `pattern` matches `text`, ignoring case.
    public static func globMatches(_ pattern: String, _ text: String) -> Bool {
        fnmatch(pattern, text, caseFold) == 0
    }

    /// FNM_CASEFOLD, a GNU extension that the Glibc module does not export.
    private static let caseFold: Int32 = 1 << 4

    /// The models `pattern` names, or the error a person should see: none (with close names), or
    /// several when `all` is false.
    public static func resolve(_ pattern: String, in models: [Model], all: Bool) throws(SelectionError) -> [Model] {
        let found = select(pattern, in: models)
        if found.isEmpty { throw .noMatch(pattern: pattern, close: closeNames(to: pattern, in: models)) }
        if found.count > 1, !all { throw .ambiguous(pattern: pattern, models: found.map { "\($0.name) (\($0.id))" }) }
        return found
    }

    /// Up to `limit` names (or ids) closest to `pattern`, for "did you mean".
    public static func closeNames(to pattern: String, in models: [Model], limit: Int = 3) -> [String] {
        // Cut to 64 characters and skipped when the lengths are far apart: 20,000 models must
        // not cost 20,000 long distance computations.
        let needle = String(pattern.lowercased().prefix(64))
        let allowance = max(3, needle.count / 2)
        var scored: [(String, Int)] = []
        for model in models {
            for candidate in [model.name, model.id] {
                let hay = String(candidate.lowercased().prefix(64))
                guard abs(hay.count - needle.count) <= allowance || hay.contains(needle) else { continue }
                let distance = hay.contains(needle) || needle.contains(hay) ? 0 : PolicySchema.distance(needle, hay)
                if distance <= allowance { scored.append((candidate, distance)) }
            }
        }
        var seen = Set<String>()
        return scored.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.map(\.0).filter { seen.insert($0).inserted }.prefix(limit).map { $0 }
    }
}

/// Why a command could not tell which models MODEL names.
public enum SelectionError: CategorizedError, Equatable {
    /// Nothing matches (exit 1).
    case noMatch(pattern: String, close: [String])
    /// Several match, and the command acts on one unless `--all` (exit 64).
    case ambiguous(pattern: String, models: [String])

    public var category: FailureCategory {
        switch self {
        case .noMatch: .noMatch
        case .ambiguous: .usage
        }
    }

    public var description: String {
        switch self {
        case .noMatch(let pattern, let close):
            let hint = close.isEmpty ? "; `modelwarden status` lists the models" : "; close names: " + close.joined(separator: ", ")
            return "no model matches \(PolicyExcerpt.quoted(pattern))" + hint
        case .ambiguous(let pattern, let models):
            let shown = models.prefix(20).map(\.escapingControlCharacters)
            return "\(PolicyExcerpt.quoted(pattern)) matches \(models.count) models; name one, or give --all:\n  "
                + shown.joined(separator: "\n  ") + (models.count > shown.count ? "\n  … and \(models.count - shown.count) more" : "")
        }
    }
}
