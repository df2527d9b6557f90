import GRDB

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension JournalDatabase {
    /// Replaces the outlook with `entries`, the latest plan's (of run `runID`), in one
    /// transaction. An unchanged outlook writes nothing (and costs no fsync): most passes
    /// foresee what the one before did, and `run_id` stays that of the run that first saw it.
    public func recordOutlook(_ entries: [OutlookEntry], runID: Int64) throws(JournalError) {
        try write { db in
            let recorded = try Row.fetchAll(db, sql: """
                SELECT model_id, model_name, rule, reason, bytes, pinned, pinned_until, pin_reason, stale_at, deletes_at FROM outlook
                """).map(Self.outlookEntry)
            let latest = Dictionary(entries.map { ($0.modelID, $0) }) { _, last in last }
            guard Dictionary(recorded.map { ($0.modelID, $0) }, uniquingKeysWith: { _, last in last }) != latest else { return }
            try db.execute(sql: "DELETE FROM outlook")
            let insert = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO outlook (model_id, run_id, model_name, rule, reason, bytes, pinned, pinned_until,
                pin_reason, stale_at, deletes_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for entry in latest.values {
                try insert.execute(arguments: [
                    entry.modelID, runID, entry.modelName, entry.rule, entry.reason, entry.bytes, entry.pinned,
                    entry.pinnedUntil?.timeIntervalSince1970, entry.pinReason, entry.staleAt?.timeIntervalSince1970,
                    entry.deletesAt?.timeIntervalSince1970,
                ])
            }
        }
    }

    private static func outlookEntry(_ row: Row) -> OutlookEntry {
        func date(_ column: String) -> Date? { (row[column] as Double?).map(Date.init(timeIntervalSince1970:)) }
        return OutlookEntry(
            modelID: row["model_id"] ?? "", modelName: row["model_name"] ?? "", rule: row["rule"], reason: row["reason"] ?? "",
            bytes: row["bytes"], pinned: row["pinned"] ?? false, pinnedUntil: date("pinned_until"), pinReason: row["pin_reason"],
            staleAt: date("stale_at"), deletesAt: date("deletes_at"))
    }
}
