import GRDB

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension JournalDatabase {
    /// What the journal shows from `since` to `until`, read in one transaction, for `host`.
    /// Without `lastUse`, the one list that grows with the number of models is left empty
    /// (the textfile, written every 15 s, does not show it).
    public func observations(since: Date, until: Date, host: String, lastUse: Bool = true) throws(JournalError) -> Observations {
        try read { db in
            let summary = try Self.summary(since: since, in: db)
            let start = since.timeIntervalSince1970
            let snapshot = try Self.latestSnapshot(in: db)
            return Observations(
                summary: summary, until: until, host: host, lastPass: try Self.lastPass(in: db),
                piecesUp: snapshot?.up, piecesRSSBytes: snapshot?.rss,
                totals: try Self.totals(in: db),
                unresolvedActions: try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM action WHERE dry_run = 0 AND (outcome IS NULL OR outcome = 'unknown')") ?? 0,
                models: try Self.modelCounts(at: until, in: db), llmCacheBytes: try Self.llmCacheBytes(in: db),
                days: try Self.days(since: since, until: until, in: db),
                pressureEvents: try Self.pressureEvents(since: start, in: db), lastUse: lastUse ? try Self.lastUse(in: db) : [],
                upcomingDeletions: try Self.upcomingDeletions(in: db), pins: try Self.pins(at: until, in: db),
                revisions: try Self.revisions(since: start, in: db),
                journalBytes: Self.wholeBytes(try Double.fetchOne(
                    db, sql: "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()") ?? 0))
        }
    }

    /// A sum of bytes that SQLite's `total()` gave as a REAL (which cannot overflow where
    /// `sum()` fails the query), as a whole number within 0…Int.max.
    static func wholeBytes(_ total: Double) -> Int {
        guard total.isFinite, total > 0 else { return 0 }
        return total < 9.2e18 ? Int(total) : Int.max
    }

    private static func lastPass(in db: Database) throws -> Observations.LastPass? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT started_at, kind, duration_seconds, exit_status FROM run
            WHERE kind IN ('pass', 'dry_run') AND finished_at IS NOT NULL ORDER BY id DESC LIMIT 1
            """) else { return nil }
        return Observations.LastPass(
            at: Date(timeIntervalSince1970: row["started_at"] ?? 0), kind: row["kind"] ?? "pass",
            durationSeconds: row["duration_seconds"], success: (row["exit_status"] as Int?) == 0)
    }

    /// Whether the latest run that asked Pieces OS for a snapshot got one, and the RSS it measured.
    private static func latestSnapshot(in db: Database) throws -> (up: Bool, rss: Int?)? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT model_count IS NOT NULL AS up, pieces_rss_bytes FROM run
            WHERE kind IN ('status', 'pass', 'dry_run') ORDER BY id DESC LIMIT 1
            """) else { return nil }
        return (row["up"] ?? false, row["pieces_rss_bytes"])
    }

    /// The live actions a pass closed, those the prune folded into the tally included.
    private static func totals(in db: Database) throws -> Observations.Totals {
        let rows = try Row.fetchAll(db, sql: HistoryQuery.liveActionTotals.sql)
        return Observations.Totals(
            actions: rows.map { .init(kind: $0["kind"] ?? "", outcome: $0["outcome"] ?? "", count: $0["n"] ?? 0) },
            freedBytes: wholeBytes(rows.filter { $0["kind"] == "delete_cache" }.reduce(0) { $0 + ($1["freed"] as Double? ?? 0) }))
    }
}
