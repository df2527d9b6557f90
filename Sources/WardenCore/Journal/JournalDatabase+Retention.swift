import GRDB

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How many rows a prune removed.
public struct PruneCounts: Hashable, Sendable, Codable {
    /// Change-log rows.
    public var changes = 0
    /// Closed action rows.
    public var actions = 0
    /// Run rows.
    public var runs = 0
    /// Usage rows of models gone for longer than the window.
    public var models = 0
    /// Policy revisions.
    public var revisions = 0
    /// Notices of deletion.
    public var notices = 0

    /// Every row removed.
    public var total: Int { changes + actions + runs + models + revisions + notices }
}

extension JournalDatabase {
    /// Removes rows older than `cutoff`, at most `limit` per table, so one pass never does
    /// unbounded work; a backlog is worked off over the next passes. Open actions are kept
    /// whatever their age, and a run is kept while rows still refer to it.
    @discardableResult
    public func prune(olderThan cutoff: Date, limit: Int = 5_000) throws(JournalError) -> PruneCounts {
        let before = cutoff.timeIntervalSince1970
        return try write { db in
            var counts = PruneCounts()
            counts.changes = try Self.prune(.pruneChanges, before, limit, in: db)
            // The live ones go into the tally first, so totals since the start never go down.
            try db.execute(sql: HistoryQuery.tallyClosedActions.sql, arguments: [before, limit])
            counts.actions = try Self.prune(.pruneClosedActions, before, limit, in: db)
            counts.runs = try Self.prune(.pruneRuns, before, limit, in: db)
            try db.execute(
                sql: """
                    DELETE FROM model_usage WHERE model_id IN
                    (SELECT model_id FROM model_usage WHERE present = 0 AND last_seen < ? LIMIT ?)
                    """,
                arguments: [before, limit])
            counts.models = db.changesCount
            counts.revisions = try Self.prune(.pruneRevisions, before, limit, in: db)
            counts.notices = try Self.prune(.pruneNotices, before, limit, in: db)
            return counts
        }
    }

    /// Runs one of the pruning statements; how many rows it removed.
    private static func prune(_ query: HistoryQuery, _ before: Double, _ limit: Int, in db: Database) throws -> Int {
        try db.execute(sql: query.sql, arguments: [before, limit])
        return db.changesCount
    }
}
