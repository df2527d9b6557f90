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
            try db.execute(
                sql: "DELETE FROM model_change WHERE id IN (SELECT id FROM model_change WHERE at < ? ORDER BY id LIMIT ?)",
                arguments: [before, limit])
            counts.changes = db.changesCount
            let closedActions = "SELECT id FROM action WHERE outcome IS NOT NULL AND outcome != 'unknown' AND intent_at < ? ORDER BY id LIMIT ?"
            // The live ones go into the tally first, so totals since the start never go down.
            try db.execute(
                sql: """
                    INSERT INTO action_tally (kind, outcome, actions, freed_bytes)
                    SELECT kind, outcome, count(*), total(freed_bytes) FROM action
                    WHERE id IN (\(closedActions)) AND dry_run = 0 GROUP BY kind, outcome
                    ON CONFLICT (kind, outcome) DO UPDATE
                    SET actions = actions + excluded.actions, freed_bytes = freed_bytes + excluded.freed_bytes
                    """,
                arguments: [before, limit])
            try db.execute(sql: "DELETE FROM action WHERE id IN (\(closedActions))", arguments: [before, limit])
            counts.actions = db.changesCount
            try db.execute(
                sql: """
                    DELETE FROM run WHERE id IN (
                        SELECT id FROM run WHERE started_at < ?
                        AND NOT EXISTS (SELECT 1 FROM model_change WHERE run_id = run.id)
                        AND NOT EXISTS (SELECT 1 FROM action WHERE run_id = run.id)
                        AND id < (SELECT max(id) FROM run)
                        ORDER BY id LIMIT ?)
                    """,
                arguments: [before, limit])
            counts.runs = db.changesCount
            try db.execute(
                sql: """
                    DELETE FROM model_usage WHERE model_id IN
                    (SELECT model_id FROM model_usage WHERE present = 0 AND last_seen < ? LIMIT ?)
                    """,
                arguments: [before, limit])
            counts.models = db.changesCount
            try db.execute(
                // The latest revision stays whatever its age: passes compare against it.
                sql: """
                    DELETE FROM policy_revision WHERE id IN (SELECT id FROM policy_revision
                    WHERE at < ? AND id < (SELECT max(id) FROM policy_revision) ORDER BY id LIMIT ?)
                    """,
                arguments: [before, limit])
            counts.revisions = db.changesCount
            counts.notices = try pruneNotices(olderThan: cutoff, limit: limit, in: db)
            return counts
        }
    }
}
