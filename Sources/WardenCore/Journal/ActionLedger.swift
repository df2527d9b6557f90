import GRDB
import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A destructive action modelwarden means to take.
public struct ActionIntent: Hashable, Sendable {
    /// What is done.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// `POST /models/{id}/delete/cache`.
        case deleteCache = "delete_cache"
        /// `POST /models/unload`.
        case unloadAll = "unload_all"
    }

    /// What is done.
    public var kind: Kind
    /// The model, for a cache deletion.
    public var modelID: String?
    /// Its name, for people reading the journal.
    public var modelName: String?
    /// The reason code, e.g. `stale`.
    public var reason: String
    /// The policy rule that decided it.
    public var rule: String?
    /// Bytes expected to be freed.
    public var expectedBytes: Int?

    /// Creates an intent.
    public init(kind: Kind, modelID: String? = nil, modelName: String? = nil, reason: String, rule: String? = nil, expectedBytes: Int? = nil) {
        self.kind = kind
        self.modelID = modelID
        self.modelName = modelName
        self.reason = reason
        self.rule = rule
        self.expectedBytes = expectedBytes
    }
}

/// How an action ended.
public struct ActionOutcome: Hashable, Sendable {
    /// The outcome code.
    public enum Code: String, Sendable, Codable {
        /// A dry run planned it.
        case planned
        /// It happened, and verification saw it.
        case succeeded
        /// It was attempted and did not happen.
        case failed
        /// The model was no longer eligible at the re-check.
        case skipped
        /// It was sent, and nothing has yet shown whether it happened (a crash, or a failed
        /// verification); later passes reconcile it.
        case unknown
    }

    /// The outcome code.
    public var code: Code
    /// The HTTP status Pieces OS answered; nil when no answer arrived.
    public var httpStatus: Int?
    /// What went wrong.
    public var error: String?
    /// Bytes freed.
    public var freedBytes: Int?
    /// Anything else worth knowing.
    public var note: String?

    /// Creates an outcome.
    public init(_ code: Code, httpStatus: Int? = nil, error: String? = nil, freedBytes: Int? = nil, note: String? = nil) {
        self.code = code
        self.httpStatus = httpStatus
        self.error = error
        self.freedBytes = freedBytes
        self.note = note
    }
}

/// An action whose outcome is not known: its intent is committed and its outcome is missing
/// (a crash) or `unknown` (its verification failed).
public struct OpenAction: Hashable, Sendable {
    /// The action row.
    public var id: Int64
    /// The pass that meant it.
    public var runID: Int64
    /// What was meant.
    public var intent: ActionIntent
    /// When the intent was committed.
    public var intentAt: Date
    /// `unknown` when a verification failed; nil when a crash left the outcome unwritten.
    public var outcome: String? = nil
}

extension JournalDatabase {
    /// Commits the intent row of an action, durably; call before the destructive call.
    public func recordIntent(_ intent: ActionIntent, runID: Int64, dryRun: Bool = false, at now: Date) throws(JournalError) -> Int64 {
        // On disk before the action, so that a crash or power loss after it leaves an open
        // intent to reconcile, never an action with no record (a dry run's can wait).
        try write(durable: !dryRun) { db in
            try db.execute(
                sql: """
                    INSERT INTO action (run_id, kind, model_id, model_name, reason, rule, dry_run, expected_bytes, intent_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [runID, intent.kind.rawValue, intent.modelID, intent.modelName, intent.reason, intent.rule,
                            dryRun, intent.expectedBytes, now.timeIntervalSince1970])
            return db.lastInsertedRowID
        }
    }

    /// Commits the outcome of the action `id`; call after the destructive call. A status already
    /// recorded stays when `outcome` has none (a reconciliation received no answer of its own).
    public func recordOutcome(_ outcome: ActionOutcome, of id: Int64, at now: Date) throws(JournalError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE action SET outcome = ?, outcome_at = ?, http_status = coalesce(?, http_status), error = ?,
                        freed_bytes = ?, note = ?
                    WHERE id = ?
                    """,
                arguments: [outcome.code.rawValue, now.timeIntervalSince1970, outcome.httpStatus, outcome.error,
                            outcome.freedBytes, outcome.note, id])
        }
    }

    /// Actions whose outcome a crash never wrote, or is still `unknown`, oldest first.
    public func openActions() throws(JournalError) -> [OpenAction] {
        try read { db in
            return try Row.fetchAll(db, sql: HistoryQuery.openActions.sql).compactMap { row in
                guard let kind = ActionIntent.Kind(rawValue: row["kind"]) else { return nil }
                let intent = ActionIntent(
                    kind: kind, modelID: row["model_id"], modelName: row["model_name"], reason: row["reason"],
                    rule: row["rule"], expectedBytes: row["expected_bytes"])
                return OpenAction(
                    id: row["id"], runID: row["run_id"], intent: intent,
                    intentAt: Date(timeIntervalSince1970: row["intent_at"]), outcome: row["outcome"])
            }
        }
    }

    /// Closes every open action against `snapshot`, a fresh one taken at start, and returns
    /// what each was closed as. An `unknown` action the snapshot still cannot judge is left as
    /// it is, for a later pass.
    @discardableResult
    public func reconcileOpenActions(with snapshot: Models, at now: Date) throws(JournalError) -> [(OpenAction, ActionOutcome)] {
        let closed = try openActions()
            .map { ($0, IntentReconciliation.outcome(of: $0.intent, in: snapshot)) }
            .filter { action, outcome in !(action.outcome != nil && outcome.code == .unknown) }
        for (action, outcome) in closed {
            try recordOutcome(outcome, of: action.id, at: now)
        }
        return closed
    }
}
