import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What one pass did, as `modelwarden run` prints it.
public struct PassReport: Encodable, Sendable {
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

        private enum CodingKeys: String, CodingKey {
            case actionID = "action_id", kind, modelID = "model_id", outcome, note
        }
    }

    /// The run row.
    public var runID: Int64
    /// Whether the pass was a dry run.
    public var dryRun: Bool
    /// When the pass ran.
    public var at: Date
    /// Where Pieces OS answered.
    public var piecesURL: String
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

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runID, forKey: .runID)
        try container.encode(dryRun, forKey: .dryRun)
        try container.encode(RFC3339.format(at), forKey: .at)
        try container.encode(piecesURL, forKey: .piecesURL)
        try container.encode(models, forKey: .models)
        try container.encode(changedModels, forKey: .changedModels)
        try container.encode(reconciled, forKey: .reconciled)
        try container.encode(pruned, forKey: .pruned)
        try container.encode(journald, forKey: .journald)
    }

    private enum CodingKeys: String, CodingKey {
        case runID = "run_id", dryRun = "dry_run", at, piecesURL = "pieces_url", models
        case changedModels = "changed_models", reconciled, pruned, journald
    }

    /// One line for a person.
    public func summary() -> String {
        var text = "pass \(runID) at \(piecesURL): \(models) models, \(changedModels) changed"
        if !reconciled.isEmpty { text += ", \(reconciled.count) interrupted action(s) closed" }
        if pruned.total > 0 { text += ", \(pruned.total) old journal rows pruned" }
        if !journald { text += " (journald not running: entries kept in the database only)" }
        return text + "\n"
    }
}
