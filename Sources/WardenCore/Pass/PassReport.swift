import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What one pass did or, for a dry run, would do; `--json` prints it as the design's contract.
public struct PassReport: Sendable {
    /// An action a crash had left open, and how it was closed.
    public struct Reconciled: Encodable, Sendable, Equatable {
        /// The action row.
        public var actionID: Int64
        /// `delete_cache` or `unload_all`.
        public var kind: String
        /// The model, for a cache deletion.
        public var modelID: String?
        /// The outcome it was closed with.
        public var outcome: String
        /// Why.
        public var note: String?
    }

    /// The run row; nil for `modelwarden plan`, which records nothing.
    public var runID: Int64?
    /// Whether the pass was a dry run.
    public var dryRun: Bool
    /// When the pass ran.
    public var at: Date
    /// Where Pieces OS answered.
    public var piecesURL: String
    /// The effective policy's digest.
    public var policyDigest: String
    /// The plan.
    public var plan: Plan
    /// The actions and how they ended (`planned` in a dry run).
    public var results: [ActionResult]
    /// The memory step, when the pass took one.
    public var memory: MemoryReport?
    /// Pieces OS's own process, found or why not; nil when it was not looked for.
    public var piecesProcess: PiecesProcessReading? = nil
    /// Models in the snapshot.
    public var models: Int
    /// Models whose state changed since the previous snapshot.
    public var changedModels: Int
    /// Open actions closed at start.
    public var reconciled: [Reconciled]
    /// Journal rows pruned at the end.
    public var pruned: PruneCounts
    /// Whether journald received the pass's entries.
    public var journald: Bool

    /// Bytes the verified deletions freed.
    public var freedBytes: Int { ByteCount.sum(results.map { $0.outcome.freedBytes ?? 0 }) }
    /// Actions that failed.
    public var failed: Int {
        results.count { $0.outcome.code == .failed } + (memory?.unload?.outcome.code == .failed ? 1 : 0)
    }
    /// Actions sent whose effect verification could not see (`unknown`).
    public var unverified: Int {
        results.count { $0.outcome.code == .unknown } + (memory?.unload?.outcome.code == .unknown ? 1 : 0)
    }
    /// How the process exits: 1 when an action failed or could not be verified.
    public var failure: FailureCategory? { failed + unverified > 0 ? .actionFailed : nil }
}
