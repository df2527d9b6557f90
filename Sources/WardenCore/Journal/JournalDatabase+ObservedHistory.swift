import GRDB
import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What happened over a period, day by day and event by event.
extension JournalDatabase {
    /// At most this many days are listed: the most recent ones.
    static let dayLimit = 1_000

    /// Every UTC day from the later of `since` and the journal's first run to the day of
    /// `until` (or of a later action), zeros included, so a chart has no gaps.
    static func days(since: Date, until: Date, in db: Database) throws -> [Observations.Day] {
        guard let first = try Double.fetchOne(db, sql: "SELECT min(started_at) FROM run"), first.isFinite else { return [] }
        let start = max(since.timeIntervalSince1970, first)
        var actions: [Int: [String: Int]] = [:]
        var freed: [Int: Double] = [:]
        for row in try Row.fetchAll(
            db, sql: """
                SELECT CAST(intent_at / 86400 AS INTEGER) - (intent_at < 0 AND intent_at % 86400 != 0) AS day,
                coalesce(outcome, 'open') AS outcome, count(*) AS n,
                total(\(diskFreed)) AS freed FROM action WHERE intent_at >= ? AND dry_run = 0 GROUP BY 1, 2
                """,
            arguments: [start])
        {
            let day: Int = row["day"] ?? 0
            actions[day, default: [:]][row["outcome"] ?? "open"] = row["n"] ?? 0
            freed[day, default: 0] += row["freed"] ?? 0
        }
        let last = max(dayNumber(until.timeIntervalSince1970), actions.keys.max() ?? .min)
        let firstDay = max(dayNumber(start), last - dayLimit + 1)
        guard firstDay <= last else { return [] }
        // Days before the listed ones still count towards the cumulative figure.
        var cumulative = freed.filter { $0.key < firstDay }.values.reduce(0, +)
        return (firstDay...last).map { day in
            cumulative += freed[day] ?? 0
            return Observations.Day(
                day: String(RFC3339.format(Date(timeIntervalSince1970: Double(day) * 86_400)).prefix(10)),
                freedBytes: wholeBytes(freed[day] ?? 0), cumulativeFreedBytes: wholeBytes(cumulative), actions: actions[day] ?? [:])
        }
    }

    private static func dayNumber(_ seconds: Double) -> Int {
        guard seconds.isFinite else { return 0 }
        return Int(max(-9e15, min(9e15, (seconds / 86_400).rounded(.down))))
    }

    static func pressureEvents(since start: Double, in db: Database) throws -> [Observations.PressureEvent] {
        try Row.fetchAll(
            db, sql: """
                SELECT intent_at, coalesce(outcome, 'open') AS outcome, expected_bytes, mem_available_before_bytes,
                mem_available_after_bytes, pieces_rss_before_bytes, pieces_rss_after_bytes FROM action
                WHERE kind = 'unload_all' AND dry_run = 0 AND intent_at >= ? ORDER BY intent_at DESC, id DESC LIMIT ?
                """,
            arguments: [start, Observations.listLimit]
        ).map { row in
            Observations.PressureEvent(
                at: Date(timeIntervalSince1970: row["intent_at"] ?? 0), outcome: row["outcome"] ?? "open",
                expectedBytes: row["expected_bytes"], availableBeforeBytes: row["mem_available_before_bytes"],
                availableAfterBytes: row["mem_available_after_bytes"], piecesRSSBeforeBytes: row["pieces_rss_before_bytes"],
                piecesRSSAfterBytes: row["pieces_rss_after_bytes"])
        }
    }

    static func revisions(since start: Double, in db: Database) throws -> [Observations.Revision] {
        try Row.fetchAll(
            db, sql: """
                SELECT at, user, source, file, coalesce(policy_digest, digest_after) AS digest FROM policy_revision
                WHERE at >= ? ORDER BY at DESC, id DESC LIMIT ?
                """,
            arguments: [start, Observations.listLimit]
        ).map { row in
            Observations.Revision(
                at: Date(timeIntervalSince1970: row["at"] ?? 0), user: row["user"], source: row["source"] ?? "",
                file: row["file"], digest: row["digest"])
        }
    }
}
