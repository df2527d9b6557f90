import GRDB

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension JournalDatabase {
    /// Sets `last_loaded` of the models in `loaded`, and of those in `unloaded` that were
    /// loaded until this sample, to `now`: the watcher's cheap, frequent sample of what is
    /// loaded, which adds no rows.
    public func recordLoaded(_ loaded: Set<String>, unloaded: Set<String> = [], at now: Date) throws(JournalError) {
        guard !loaded.isEmpty || !unloaded.isEmpty else { return }
        try write { db in
            for (ids, flag) in [(loaded, 1), (unloaded.subtracting(loaded), 0)] where !ids.isEmpty {
                let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
                try db.execute(
                    sql: "UPDATE model_usage SET last_loaded = ?, loaded = ? WHERE model_id IN (\(marks))",
                    arguments: StatementArguments([now.timeIntervalSince1970, flag] + ids.sorted() as [any DatabaseValueConvertible]))
            }
        }
    }

    /// When the last real (not dry-run) unload was attempted, for the cooldown.
    public func lastUnload() throws(JournalError) -> Date? {
        try read { db in
            try Double.fetchOne(db, sql: HistoryQuery.lastLiveUnload.sql)
                .map(Date.init(timeIntervalSince1970:))
        }
    }

    /// Records MemAvailable and Pieces OS's RSS before and after the unload `actionID`, beside its outcome.
    public func recordUnloadEvidence(
        availableBefore: Int?, availableAfter: Int?, piecesRSSBefore: Int?, piecesRSSAfter: Int?, of actionID: Int64
    ) throws(JournalError) {
        try write { db in
            try db.execute(
                sql: """
                    UPDATE action SET mem_available_before_bytes = ?, mem_available_after_bytes = ?,
                    pieces_rss_before_bytes = ?, pieces_rss_after_bytes = ? WHERE id = ?
                    """,
                arguments: [availableBefore, availableAfter, piecesRSSBefore, piecesRSSAfter, actionID])
        }
    }
}
