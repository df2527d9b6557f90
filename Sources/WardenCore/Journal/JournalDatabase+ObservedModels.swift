import GRDB

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The models as the latest snapshot and the latest plan left them.
extension JournalDatabase {
    /// A pin counts while it holds at `now`, and while its model is still listed.
    private static let holdingPins = """
        FROM outlook o JOIN model_usage u ON u.model_id = o.model_id
        WHERE o.pinned = 1 AND u.present = 1 AND (o.pinned_until IS NULL OR o.pinned_until > ?)
        """

    /// Actions of the latest run with a snapshot or later: by run id, since `--now` or a clock
    /// stepped back can make a later run start "earlier".
    private static let sinceSnapshot = """
        outcome = 'succeeded' AND dry_run = 0 AND run_id >= (SELECT coalesce(max(id), 0) FROM run WHERE model_count IS NOT NULL)
        """

    /// Whether the row `u`'s cache is on disk: the latest snapshot said so, and no verified
    /// deletion has removed it since (the next snapshot will say so too).
    private static let onDisk = """
        u.downloaded = 1 AND u.model_id NOT IN
        (SELECT model_id FROM action WHERE kind = 'delete_cache' AND model_id IS NOT NULL AND \(sinceSnapshot))
        """

    /// Whether the row `u` is loaded: the latest snapshot said so, and no verified unload since.
    private static let stillLoaded = """
        u.loaded = 1 AND NOT EXISTS (SELECT 1 FROM action WHERE kind = 'unload_all' AND \(sinceSnapshot))
        """

    static func modelCounts(at now: Date, in db: Database) throws -> Observations.ModelCounts {
        let row = try Row.fetchOne(db, sql: """
            SELECT total(\(stillLoaded)) AS loaded, total(cloud = 0 AND \(onDisk)) AS downloaded,
            total(downloading = 1) AS downloading, total(cloud = 1) AS cloud FROM model_usage u WHERE present = 1
            """)
        let pinned = try Int.fetchOne(db, sql: "SELECT count(*) \(holdingPins)", arguments: [now.timeIntervalSince1970]) ?? 0
        func count(_ column: String) -> Int { Int(row?[column] as Double? ?? 0) }
        return .init(
            loaded: count("loaded"), downloaded: count("downloaded"), downloading: count("downloading"), cloud: count("cloud"),
            pinned: pinned)
    }

    static func llmCacheBytes(in db: Database) throws -> Int {
        wholeBytes(try Double.fetchOne(db, sql: """
            SELECT total(bytes) FROM model_usage u WHERE present = 1 AND llm = 1 AND cloud = 0 AND \(onDisk)
            """) ?? 0)
    }

    static func lastUse(in db: Database) throws -> [Observations.LastUse] {
        let cached = Set(try String.fetchAll(db, sql: "SELECT model_id FROM model_usage u WHERE present = 1 AND \(onDisk)"))
        return try ModelUsage.filter(Column("present") == true && Column("cloud") == false).fetchAll(db)
            .map {
                Observations.LastUse(
                    modelID: $0.modelID, modelName: $0.name, firstSeen: $0.firstSeen, lastUsed: $0.lastUsed,
                    downloaded: cached.contains($0.modelID), bytes: $0.bytes)
            }
            .sorted { ($0.lastUsed, $0.modelName, $0.modelID) < ($1.lastUsed, $1.modelName, $1.modelID) }
    }

    /// The latest plan's deletions of models still downloaded, with the notice each was given.
    static func upcomingDeletions(in db: Database) throws -> [Observations.UpcomingDeletion] {
        try Row.fetchAll(db, sql: """
            SELECT o.model_id, o.model_name, o.reason, o.rule, o.bytes, o.deletes_at, n.noticed_at
            FROM outlook o JOIN model_usage u ON u.model_id = o.model_id
            LEFT JOIN deletion_notice n ON n.model_id = o.model_id AND n.stale_at = o.stale_at AND n.spent_at IS NULL
            WHERE o.pinned = 0 AND o.deletes_at IS NOT NULL AND u.present = 1 AND \(onDisk)
            ORDER BY o.deletes_at, o.model_name, o.model_id
            """).map { row in
            Observations.UpcomingDeletion(
                modelID: row["model_id"] ?? "", modelName: row["model_name"] ?? "", reason: row["reason"] ?? "",
                rule: row["rule"], bytes: row["bytes"], deletesAt: Date(timeIntervalSince1970: row["deletes_at"] ?? 0),
                noticedAt: (row["noticed_at"] as Double?).map(Date.init(timeIntervalSince1970:)))
        }
    }

    static func pins(at now: Date, in db: Database) throws -> [Observations.Pin] {
        try Row.fetchAll(
            db, sql: """
                SELECT o.model_id, o.model_name, o.rule, o.pinned_until, o.pin_reason \(holdingPins)
                ORDER BY o.pinned_until IS NULL, o.pinned_until, o.model_name, o.model_id
                """,
            arguments: [now.timeIntervalSince1970]
        ).map { row in
            Observations.Pin(
                modelID: row["model_id"] ?? "", modelName: row["model_name"] ?? "", rule: row["rule"],
                until: (row["pinned_until"] as Double?).map(Date.init(timeIntervalSince1970:)), reason: row["pin_reason"])
        }
    }
}
