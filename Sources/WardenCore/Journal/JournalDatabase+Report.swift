import GRDB
import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A summary of past passes, for `modelwarden report`.
public struct JournalSummary: Encodable, Sendable, Equatable {
    /// The window's start.
    public var since: Date
    /// Live passes.
    public var passes: Int
    /// Dry runs.
    public var dryRuns: Int
    /// `status` snapshots.
    public var statusChecks: Int
    /// Runs that ended with a non-zero exit status.
    public var failedRuns: Int
    /// Runs that never finished: killed, crashed, cut off by a power loss, or (rarely) still
    /// running while the report is made. They have no exit status, so they are not failures.
    public var interruptedRuns: Int
    /// Live actions by outcome.
    public var actions: [String: Int]
    /// Bytes of disk the verified cache deletions freed.
    public var freedBytes: Int
    /// The failed actions, newest first: model and error.
    public var failures: [Failure]

    /// One failed action.
    public struct Failure: Encodable, Sendable, Equatable {
        /// When.
        public var at: Date
        /// The model.
        public var modelName: String?
        /// What went wrong.
        public var error: String?
    }
}

extension JournalDatabase {
    /// What the journal holds of the runs since `since`.
    public func summary(since: Date) throws(JournalError) -> JournalSummary {
        try read { db in try Self.summary(since: since, in: db) }
    }

    /// The bytes of disk an action row freed: an unload's `freed_bytes` is memory, not disk.
    static let diskFreed = "CASE kind WHEN 'delete_cache' THEN freed_bytes END"

    static func summary(since: Date, in db: Database) throws -> JournalSummary {
        let start = since.timeIntervalSince1970
        let kinds = Dictionary(uniqueKeysWithValues: try Row.fetchAll(
            db, sql: "SELECT kind, count(*) AS n FROM run WHERE started_at >= ? GROUP BY kind", arguments: [start]
        ).map { (($0["kind"] as String?) ?? "", ($0["n"] as Int?) ?? 0) })
        let failedRuns = try Int.fetchOne(db, sql: "SELECT count(*) FROM run WHERE started_at >= ? AND exit_status != 0", arguments: [start]) ?? 0
        let interruptedRuns = try Int.fetchOne(
            db, sql: "SELECT count(*) FROM run WHERE started_at >= ? AND (finished_at IS NULL OR exit_status IS NULL)", arguments: [start]) ?? 0
        let actions = Dictionary(uniqueKeysWithValues: try Row.fetchAll(
            db, sql: "SELECT coalesce(outcome, 'open') AS outcome, count(*) AS n FROM action WHERE intent_at >= ? AND dry_run = 0 GROUP BY 1",
            arguments: [start]
        ).map { (($0["outcome"] as String?) ?? "", ($0["n"] as Int?) ?? 0) })
        let freed = wholeBytes(
            try Double.fetchOne(db, sql: "SELECT total(\(diskFreed)) FROM action WHERE intent_at >= ? AND dry_run = 0", arguments: [start]) ?? 0)
        let failures = try Row.fetchAll(
            db, sql: "SELECT intent_at, model_name, error FROM action WHERE intent_at >= ? AND outcome = 'failed' ORDER BY id DESC LIMIT 20",
            arguments: [start]
        ).map { row in
            JournalSummary.Failure(
                at: Date(timeIntervalSince1970: row["intent_at"]), modelName: row["model_name"], error: row["error"])
        }
        return JournalSummary(
            since: since, passes: kinds["pass"] ?? 0, dryRuns: kinds["dry_run"] ?? 0, statusChecks: kinds["status"] ?? 0,
            failedRuns: failedRuns, interruptedRuns: interruptedRuns, actions: actions, freedBytes: freed, failures: failures)
    }
}
