import PiecesModels

/// The keys a version-1 policy may hold, each declared once, in canonical order.
enum PolicySchema {
    /// Every key, in the order of the canonical text and the built-in default.
    static let keys: [PolicyKey] = [
        PolicyKey("version", .integer, \.version, default: "1", check: .version, doc: "the format of this file; only 1 exists"),
        PolicyKey("pieces.url", .auto("URL", quoting: false), \.pieces.url, default: "auto", check: .piecesURL,
                  doc: "auto: discover Pieces OS on 127.0.0.1:39300-39333, then localhost:1000"),
        PolicyKey("pieces.timeout", .duration, \.pieces.timeout, default: "5s", check: .positive(), doc: "the deadline of each request"),
        PolicyKey("pieces.allow_remote", .boolean, \.pieces.allowRemote, default: "false",
                  doc: "Pieces OS listens on loopback only; true accepts a remote URL"),
        PolicyKey("retention.min_age", .duration, \.retention.minAge, default: "7d", check: .zeroAllowed,
                  doc: "never delete a cache first seen less than this long ago; 0s: no minimum age"),
        PolicyKey("retention.max_deletions_per_run", .integer, \.retention.maxDeletionsPerRun, default: "5", check: .notNegative,
                  doc: "at most this many deletions per pass; 0: none"),
        PolicyKey("retention.notice_before", .duration, \.retention.noticeBefore, default: "3d", check: .zeroAllowed,
                  doc: "a stale cache is deleted no sooner than this after its notice; 0s: no notices"),
        PolicyKey(list: rulesPath, doc: "the first rule that matches a model decides; a model no rule matches is kept"),
        PolicyKey("disk.path", .text, \.diskSection.path, default: nil, check: .path, shown: { $0.disk != nil },
                  doc: "the file system holding Pieces OS's data; required when the disk section is used"),
        PolicyKey("disk.high_watermark", PolicyValueType<Double>.percent.optional, \.diskSection.highWatermark, default: nil,
                  shown: { $0.disk?.lowWatermark != nil }, doc: "above this used percentage, evict least recently used caches..."),
        PolicyKey("disk.low_watermark", PolicyValueType<Double>.percent.optional, \.diskSection.lowWatermark, default: nil,
                  shown: { $0.disk?.highWatermark != nil }, doc: "...until the expected use is at or below this"),
        PolicyKey("disk.max_llm_cache", PolicyValueType<ByteCount>.size.optional, \.diskSection.maxLLMCache, default: nil,
                  doc: "a cap on the bytes of downloaded local LLMs"),
        PolicyKey("memory.unload_below", .threshold, \.memory.unloadBelow, default: "10%",
                  doc: "MemAvailable under this (of MemTotal, or a size) is memory pressure"),
        PolicyKey("memory.psi_some_avg10_above", PolicyValueType<Double>.number.optional, \.memory.psiSomeAvg10Above, default: nil, check: .percentage,
                  doc: "PSI some avg10 above this percentage is memory pressure too"),
        PolicyKey("memory.pieces_rss_above", PolicyValueType<Policy.Threshold>.threshold.optional, \.memory.piecesRSSAbove, default: nil,
                  check: .positive, doc: "Pieces OS's own resident memory above this (of MemTotal, or a size) is memory pressure too"),
        PolicyKey("memory.sustain", .duration, \.memory.sustain, default: "30s", check: .zeroAllowed,
                  doc: "the watcher unloads after this long under pressure; 0s: at once"),
        PolicyKey("memory.cooldown", .duration, \.memory.cooldown, default: "10m", check: .zeroAllowed,
                  doc: "never unload twice within this; 0s: no cooldown"),
        PolicyKey("schedule.memory_every", .duration, \.schedule.memoryEvery, default: "2s", check: .positive(),
                  doc: "how often `modelwarden watch` samples memory near unload_below"),
        // Left out of the canonical text at its default, so that the digests journals hold
        // of policies from before it stay the same.
        PolicyKey("schedule.memory_every_max", .duration, \.schedule.memoryEveryMax,
                  default: PolicyUnits.describe(AdaptivePolling.defaultLongestWait), check: .positive(),
                  shown: { $0.schedule.memoryEveryMax != AdaptivePolling.defaultLongestWait },
                  doc: "the longest `watch` waits between samples while memory is far above unload_below; memory_every or less: plain polling"),
        PolicyKey("schedule.retention_every", .duration, \.schedule.retentionEvery, default: "1h", check: .positive(),
                  doc: "how often `modelwarden watch` runs a retention pass"),
        PolicyKey("journal.database", .auto("absolute path", quoting: true), \.journal.database, default: "auto", check: .absolutePath,
                  doc: "auto: /var/lib/modelwarden/journal.sqlite as root, else $XDG_STATE_HOME"),
        PolicyKey("journal.keep", .duration, \.journal.keep, default: "180d", check: .positive("0s would prune every row at once"),
                  doc: "journal rows older than this are pruned"),
        PolicyKey("metrics.textfile", PolicyValueType<String>.text.optional, \.metrics.textfile, default: nil, check: .promFile,
                  doc: "run and watch write Prometheus metrics here, e.g. /var/lib/prometheus/node-exporter/modelwarden.prom"),
        PolicyKey("dry_run", .boolean, \.dryRun, default: "false", doc: "true: observe only, every pass is a dry run"),
    ]

    /// The list of rules, the one key that is not a scalar.
    static let rulesPath = "retention.rules"

    /// The keys by dotted path.
    static let byPath = Dictionary(uniqueKeysWithValues: keys.map { ($0.path, $0) })

    /// The sections, which hold keys of their own, in canonical order.
    static let sections: [String] = keys.compactMap(\.section).reduce(into: []) { if !$0.contains($1) { $0.append($1) } }

    /// The keys allowed directly under `path` ("" for the top level).
    static func children(of path: String) -> [String] {
        childrenByPath[path] ?? []
    }

    /// ``children(of:)`` of the top level and of each section, worked out once: a policy's
    /// every key is checked against them.
    private static let childrenByPath: [String: [String]] = {
        var names: [String: Set<String>] = ["": []]
        for key in keys {
            names[""]?.insert(key.section ?? key.path)
            if let section = key.section { names[section, default: []].insert(key.name) }
        }
        return names.mapValues { $0.sorted() }
    }()

    /// `did you mean "x"?` for a misspelt key, when one key is close enough.
    static func suggestion(for key: String, among candidates: [String]) -> String {
        // Lengths that differ by more than the allowance cannot be close: a megabyte-long key
        // costs no distance computation.
        let scored = candidates.filter { abs($0.count - key.count) <= max(2, $0.count / 3) }
            .map { ($0, distance(key, $0)) }.filter { $0.1 <= max(2, $0.0.count / 3) }
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

    /// docs/policy-keys.md: every key, rule field and match condition, from the same
    /// declarations the loader uses, so that the docs cannot drift (a test compares them).
    static var markdown: String {
        var lines = [
            "# Policy keys", "",
            "Generated from the policy schema (`Sources/WardenCore/Policy/PolicySchema.swift` and `RuleField.swift`);",
            "a test checks that this file matches it. Units: durations `90s 15m 12h 30d 2w`, sizes",
            "`512MiB 40GiB 1.5GB` (rendered in bytes, `B`), percentages `10%`. A key no file sets takes",
            "its default; a key without one is unset. \"> 0s\": zero is an error there, because it would",
            "mean nothing (or harm); \"0s allowed\": zero is valid and the meaning says what it does.", "",
            "Limits (exit 65 beyond them, naming file:line:column): a file is UTF-8 text of at most",
            "\(PolicyFileReader.maxBytes >> 20) MiB; collections nest at most \(PolicyYAMLGuard.maxDepth) deep; "
                + "aliases stand for at most \(PolicyYAMLGuard.maxAliasedNodes) nodes",
            "in all; a key appears once in a mapping. See docs/reliability-policy.md.", "",
            "| key | type | default | valid | meaning |", "|---|---|---|---|---|",
        ]
        for key in keys {
            let type = key.field?.typeName ?? "list of rules"
            let defaultText = key.defaultText.map { "`\($0)`" } ?? (key.field == nil ? "one rule, `everything-else`" : "unset")
            lines.append(row("`\(key.path)`", type, defaultText, key.field?.checkSummary ?? "", key.doc))
        }
        lines += ["", "## A rule", "", "Each item of `retention.rules`:", "", "| key | type | valid | meaning |", "|---|---|---|---|"]
        for key in RuleField.allCases {
            lines.append(row("`\(key.rawValue)`", key.field?.typeName ?? "mapping of conditions", key.field?.checkSummary ?? "", key.doc))
        }
        lines += ["", "## A rule's `match`", "", "| key | type | meaning |", "|---|---|---|"]
        for condition in MatchField.allCases {
            lines.append(row("`\(condition.rawValue)`", condition.field.typeName, condition.doc))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func row(_ cells: String...) -> String {
        "| " + cells.joined(separator: " | ") + " |"
    }
}

extension Policy {
    /// The disk section for the schema to write into: an absent one reads as empty, and any disk
    /// key written creates it (the builder then insists on its path).
    var diskSection: Disk {
        get { disk ?? Disk(path: "", highWatermark: nil, lowWatermark: nil, maxLLMCache: nil) }
        set { disk = newValue }
    }
}
