/// The keys a version-1 policy may hold, and what each value is.
enum PolicySchema {
    /// What a value must be.
    enum Kind {
        case integer, boolean, duration, size, percent, threshold, number, text
    }

    /// The sections, which hold keys of their own.
    static let sections = ["pieces", "retention", "disk", "memory", "schedule", "journal"]

    /// Every leaf key, by its dotted path.
    static let leaves: [String: Kind] = [
        "version": .integer, "dry_run": .boolean,
        "pieces.url": .text, "pieces.timeout": .duration, "pieces.allow_remote": .boolean,
        "retention.min_age": .duration, "retention.max_deletions_per_run": .integer,
        "disk.path": .text, "disk.high_watermark": .percent, "disk.low_watermark": .percent, "disk.max_llm_cache": .size,
        "memory.unload_below": .threshold, "memory.psi_some_avg10_above": .number,
        "memory.sustain": .duration, "memory.cooldown": .duration,
        "schedule.memory_every": .duration, "schedule.retention_every": .duration,
        "journal.database": .text, "journal.keep": .duration,
    ]

    /// The sequence of rules.
    static let rulesKey = "retention.rules"
    /// The keys of a rule.
    static let ruleKeys = ["name", "match", "keep", "stale_after"]
    /// The keys of a rule's `match`.
    static let matchKeys = ["name", "id", "unique", "foundation", "provider", "min_size", "max_size", "custom"]

    /// The keys allowed directly under `path` ("" for the top level).
    static func children(of path: String) -> [String] {
        let prefix = path.isEmpty ? "" : path + "."
        var keys = leaves.keys.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains(".") }
            .map { String($0.dropFirst(prefix.count)) }
        if path.isEmpty { keys += sections }
        if path == "retention" { keys.append("rules") }
        return keys.sorted()
    }

    /// `did you mean "x"?` for a misspelt key, when one key is close enough.
    static func suggestion(for key: String, among candidates: [String]) -> String {
        let scored = candidates.map { ($0, distance(key, $0)) }.filter { $0.1 <= max(2, $0.0.count / 3) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else {
            return "; expected one of: " + candidates.joined(separator: ", ")
        }
        return "; did you mean \"\(best.0)\"?"
    }

    /// Levenshtein distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        var row = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var previous = row[0]
            row[0] = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let current = row[j]
                row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
                previous = current
            }
        }
        return row[b.count]
    }
}
