import GRDB

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension JournalDatabase {
    /// Replaces the outlook with `entries`, the latest plan's (of run `runID`), in one transaction.
    public func recordOutlook(_ entries: [OutlookEntry], runID: Int64) throws(JournalError) {
        try write { db in
            try db.execute(sql: "DELETE FROM outlook")
            let insert = try db.makeStatement(sql: """
                INSERT OR REPLACE INTO outlook (model_id, run_id, model_name, rule, reason, bytes, pinned, pinned_until,
                pin_reason, stale_at, deletes_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for entry in entries {
                try insert.execute(arguments: [
                    entry.modelID, runID, entry.modelName, entry.rule, entry.reason, entry.bytes, entry.pinned,
                    entry.pinnedUntil?.timeIntervalSince1970, entry.pinReason, entry.staleAt?.timeIntervalSince1970,
                    entry.deletesAt?.timeIntervalSince1970,
                ])
            }
        }
    }
}
