import GRDB
import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One line of a model's history: a change of state, an action or a notice.
public struct ModelEvent: Hashable, Sendable, Encodable {
    /// When.
    public var at: Date
    /// `change`, `action` or `notice`.
    public var kind: String
    /// What happened, in words.
    public var text: String
}

extension JournalDatabase {
    /// The latest `limit` changes, actions and notices of `modelID`, newest first.
    public func history(of modelID: String, limit: Int = 10) throws(JournalError) -> [ModelEvent] {
        try read { db in
            let changes = try Row.fetchAll(
                db, sql: "SELECT at, field, old_value, new_value FROM model_change WHERE model_id = ? ORDER BY at DESC, id DESC LIMIT ?",
                arguments: [modelID, limit]
            ).map { row in
                ModelEvent(
                    at: Date(timeIntervalSince1970: row["at"] ?? 0), kind: "change",
                    text: "\(row["field"] ?? "?" as String): \(row["old_value"] ?? "-" as String) -> \(row["new_value"] ?? "-" as String)")
            }
            let actions = try Row.fetchAll(
                db,
                sql: """
                    SELECT intent_at, kind, reason, rule, dry_run, outcome, freed_bytes, expected_bytes FROM action
                    WHERE model_id = ? ORDER BY intent_at DESC, id DESC LIMIT ?
                    """,
                arguments: [modelID, limit]
            ).map { row in
                let dryRun = (row["dry_run"] as Int?) == 1 ? " (dry run)" : ""
                let bytes = (row["freed_bytes"] as Int?) ?? (row["expected_bytes"] as Int?) ?? 0
                return ModelEvent(
                    at: Date(timeIntervalSince1970: row["intent_at"] ?? 0), kind: "action",
                    text: "\(row["kind"] ?? "?" as String) \(row["reason"] ?? "?" as String) by rule \(row["rule"] ?? "-" as String): "
                        + "\(row["outcome"] ?? "open" as String), \(ByteCount(bytes))\(dryRun)")
            }
            let notices = try Row.fetchAll(
                db, sql: "SELECT noticed_at, deletes_at, reason FROM deletion_notice WHERE model_id = ? ORDER BY noticed_at DESC LIMIT ?",
                arguments: [modelID, limit]
            ).map { row in
                ModelEvent(
                    at: Date(timeIntervalSince1970: row["noticed_at"] ?? 0), kind: "notice",
                    text: "notice (\(row["reason"] ?? "stale" as String)): deletes on "
                        + HumanTime.describe(Date(timeIntervalSince1970: row["deletes_at"] ?? 0)))
            }
            return (changes + actions + notices).sorted { $0.at > $1.at }.prefix(limit).map { $0 }
        }
    }
}
