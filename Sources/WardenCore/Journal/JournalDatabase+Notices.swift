import GRDB

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension JournalDatabase {
    /// Records the notices of run `runID`, in one transaction.
    ///
    /// There is one row per model and stale date. The planner asks for a notice only when none
    /// counts, so one that exists for the same date was given before a pin expired, and the new
    /// notice replaces it: every pin ends with a full notice period.
    public func recordNotices(_ notices: [DeletionNotice], runID: Int64) throws(JournalError) {
        guard !notices.isEmpty else { return }
        try write { db in
            let upsert = try db.makeStatement(sql: """
                INSERT INTO deletion_notice
                (run_id, model_id, model_name, rule, reason, bytes, stale_at, deletes_at, noticed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (model_id, stale_at) DO UPDATE SET run_id = excluded.run_id, model_name = excluded.model_name,
                rule = excluded.rule, reason = excluded.reason, bytes = excluded.bytes, deletes_at = excluded.deletes_at,
                noticed_at = excluded.noticed_at, spent_at = NULL
                """)
            for notice in notices {
                try upsert.execute(arguments: [
                    runID, notice.modelID, notice.modelName, notice.rule, notice.reason.rawValue, notice.bytes,
                    notice.staleAt.timeIntervalSince1970, notice.deletesAt.timeIntervalSince1970, notice.noticedAt.timeIntervalSince1970,
                ])
            }
        }
    }

    /// The notices that still count (not spent by a deletion or a pin), by model id, oldest
    /// first; those of one model when `modelID` is set.
    public func notices(modelID: String? = nil) throws(JournalError) -> [String: [DeletionNotice]] {
        try read { db in
            // One model's are found by the unique (model_id, stale_at) index.
            let rows = try modelID.map { id in
                try Row.fetchAll(db, sql: """
                    SELECT model_id, model_name, rule, reason, bytes, stale_at, deletes_at, noticed_at FROM deletion_notice
                    WHERE spent_at IS NULL AND model_id = ? ORDER BY noticed_at, id
                    """, arguments: [id])
            } ?? Row.fetchAll(db, sql: HistoryQuery.unspentNotices.sql)
            return Dictionary(grouping: rows.compactMap(Self.notice), by: \.modelID)
        }
    }

    /// Marks the notices of `modelIDs` used up at `now`: a deletion carried them out, or a pin
    /// overrode them; the next deletion of the same cache needs a notice of its own.
    public func spendNotices(of modelIDs: [String], at now: Date) throws(JournalError) {
        guard !modelIDs.isEmpty else { return }
        try write { db in
            let statement = try db.makeStatement(sql: "UPDATE deletion_notice SET spent_at = ? WHERE model_id = ? AND spent_at IS NULL")
            for id in modelIDs { try statement.execute(arguments: [now.timeIntervalSince1970, id]) }
        }
    }

    private static func notice(_ row: Row) -> DeletionNotice? {
        // A reason this version does not know (a newer one wrote it) reads as stale: the notice
        // still counts, and only its label is lost.
        let reason = (row["reason"] as String?).flatMap(ReasonCode.init(rawValue:)) ?? .stale
        guard let modelID = row["model_id"] as String?, let staleAt = row["stale_at"] as Double?,
            let deletesAt = row["deletes_at"] as Double?, let noticedAt = row["noticed_at"] as Double?
        else { return nil }
        return DeletionNotice(
            modelID: modelID, modelName: row["model_name"] ?? modelID, rule: row["rule"], reason: reason,
            staleAt: Date(timeIntervalSince1970: staleAt), deletesAt: Date(timeIntervalSince1970: deletesAt),
            noticedAt: Date(timeIntervalSince1970: noticedAt), bytes: row["bytes"] ?? 0)
    }
}
