/// The metrics modelwarden exports, each declared once: name, type, labels and help.
///
/// The textfile, `docs/metrics.md` and the alerting rules' tests read these names; each case's
/// ``help`` is its documentation.
public enum WardenMetric: String, CaseIterable, Sendable {
    /// When the latest finished pass started.
    case lastPassTimestamp = "modelwarden_last_pass_timestamp_seconds"
    /// How long the latest finished pass took.
    case lastPassDuration = "modelwarden_last_pass_duration_seconds"
    /// Whether the latest finished pass exited 0.
    case lastPassSuccess = "modelwarden_last_pass_success"
    /// Closed live actions, by kind and outcome.
    case actions = "modelwarden_actions_total"
    /// Bytes the cache deletions freed.
    case freedBytes = "modelwarden_freed_bytes_total"
    /// Live actions not judged yet.
    case unresolvedActions = "modelwarden_actions_unresolved"
    /// Models by state.
    case models = "modelwarden_models"
    /// Bytes of the downloaded local LLMs.
    case llmCacheBytes = "modelwarden_llm_cache_bytes"
    /// Deletions the latest plan foresees.
    case deletionsScheduled = "modelwarden_deletions_scheduled"
    /// Whether Pieces OS answered the latest snapshot.
    case piecesUp = "modelwarden_pieces_up"
    /// Pieces OS's resident memory.
    case piecesRSSBytes = "modelwarden_pieces_rss_bytes"
    /// MemAvailable when the file was written.
    case memoryAvailableBytes = "modelwarden_memory_available_bytes"
    /// Whether the memory policy sees pressure.
    case memoryPressure = "modelwarden_memory_pressure"
    /// The journal database's size.
    case journalBytes = "modelwarden_journal_bytes"

    /// Whether it only goes up (a counter) or goes both ways (a gauge).
    public var isCounter: Bool { self == .actions || self == .freedBytes }

    /// The labels its series carry.
    public var labels: [String] {
        switch self {
        case .actions: ["kind", "outcome"]
        case .models: ["state"]
        default: []
        }
    }

    /// The HELP line.
    public var help: String {
        switch self {
        case .lastPassTimestamp: "When the latest finished pass (live or dry run) started, in Unix seconds."
        case .lastPassDuration: "How long the latest finished pass took."
        case .lastPassSuccess: "1 when the latest finished pass exited with status 0, else 0."
        case .actions: "Live actions a pass closed, by kind and outcome, since the journal began."
        case .freedBytes: "Bytes the verified cache deletions freed since the journal began."
        case .unresolvedActions: "Live actions still open or unknown; a later pass judges them."
        case .models: "Models in each state at the latest snapshot, less caches deleted and models unloaded since; a loaded model is downloaded too."
        case .llmCacheBytes: "Bytes of the downloaded local LLMs at the latest snapshot, less caches deleted since."
        case .deletionsScheduled: "Cache deletions the latest plan foresees, notice periods included."
        case .piecesUp: "1 when Pieces OS answered the latest snapshot (under watch, its latest request), else 0; absent before any."
        case .piecesRSSBytes: "Resident memory of the Pieces OS process at the latest snapshot."
        case .memoryAvailableBytes: "MemAvailable from /proc/meminfo when the file was written."
        case .memoryPressure: "1 when the memory policy sees pressure in the latest sample, else 0."
        case .journalBytes: "Size of the journal database."
        }
    }
}

extension WardenMetric {
    /// The table of docs/metrics.md: one row per metric, as the textfile declares it.
    public static var markdownTable: String {
        var table = "| Metric | Type | Labels | Meaning |\n|---|---|---|---|\n"
        for metric in allCases {
            let labels = metric.labels.map { "`\($0)`" }.joined(separator: ", ")
            table += "| `\(metric.rawValue)` | \(metric.isCounter ? "counter" : "gauge") | \(labels.isEmpty ? "–" : labels) | \(metric.help) |\n"
        }
        return table
    }
}
