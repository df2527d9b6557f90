import Foundation
import GRDB
import Testing
@testable import WardenCore

/// Each pass runs these statements on tables that grow with the journal's history; SQLite
/// must answer each from an index, never by reading a whole table or an index of every row
/// (SCAN), or a pass slows down as the journal ages.
@Suite("The journal's per-pass queries")
struct JournalQueryPlanTests {
    static func plan(of query: HistoryQuery, in journal: JournalDatabase) throws -> [String] {
        // Every HistoryQuery numbers its parameters (?1, ?2); NULL stands in for each, since
        // a plan does not depend on the values.
        let parameters = (1...9).filter { query.sql.contains("?\($0)") }.count
        return try journal.writer.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + query.sql,
                arguments: StatementArguments(Array(repeating: DatabaseValue.null, count: parameters))
            ).map { row in row["detail"] as String }
        }
    }

    /// What a statement may read whole: indexes of rows whose number does not grow with the
    /// passes (the open actions, the unspent notices, the live actions, which are real
    /// deletions and unloads), the tally (a row per kind and outcome), and a subquery's rows.
    static func isBounded(_ step: String) -> Bool {
        ["SCAN action USING INDEX action_unsettled", "SCAN deletion_notice USING INDEX deletion_notice_unspent",
         "SCAN action USING INDEX action_live", "SCAN action USING COVERING INDEX action_live", "SCAN action_tally"]
            .contains(step) || step.hasPrefix("SCAN (subquery")
    }

    @Test(arguments: HistoryQuery.allCases)
    func searchesAnIndexInsteadOfReadingATable(_ query: HistoryQuery) throws {
        let journal = try JournalDatabase.inMemory()
        let plan = try Self.plan(of: query, in: journal)
        #expect(!plan.isEmpty)
        let scans = plan.filter { $0.hasPrefix("SCAN ") && !Self.isBounded($0) }
        #expect(scans.isEmpty, "\(query): \(plan)")
    }

    @Test func theOpenActionsAreStillEveryUnsettledOneOldestFirst() throws {
        let journal = try JournalDatabase.inMemory()
        try journal.writer.write { db in
            try db.execute(sql: "INSERT INTO run (id, kind, started_at) VALUES (1, 'pass', 1)")
            for (id, outcome) in [(1, nil), (2, "succeeded"), (3, "unknown"), (4, "failed"), (5, nil)] as [(Int, String?)] {
                try db.execute(
                    sql: """
                        INSERT INTO action (id, run_id, kind, reason, intent_at, outcome)
                        VALUES (?, 1, 'delete_cache', 'stale', ?, ?)
                        """,
                    arguments: [id, Double(id), outcome])
            }
        }
        #expect(try journal.openActions().map(\.id) == [1, 3, 5])
    }

    @Test func aLimitThatCutsThroughOnePassesActionsTalliesExactlyTheRowsItRemoves() throws {
        // A pass writes all its actions at its own `now`: the tally and the deletion must pick
        // the same ones out of the tie.
        let journal = try JournalDatabase.inMemory()
        try journal.writer.write { db in
            try db.execute(sql: "INSERT INTO run (id, kind, started_at) VALUES (1, 'pass', 1)")
            for id in 1...7 {
                try db.execute(
                    sql: """
                        INSERT INTO action (id, run_id, kind, reason, intent_at, outcome, freed_bytes)
                        VALUES (?, 1, 'delete_cache', 'stale', 10, 'succeeded', ?)
                        """,
                    arguments: [id, id * 100])
            }
        }
        let pruned = try journal.prune(olderThan: Date(timeIntervalSince1970: 1_000), limit: 3)
        #expect(pruned.actions == 3)
        let (left, tallied) = try journal.writer.read { db in
            (try Int.fetchOne(db, sql: "SELECT total(freed_bytes) FROM action") ?? -1,
             try Int.fetchOne(db, sql: "SELECT freed_bytes FROM action_tally") ?? -1)
        }
        #expect(left + tallied == 2_800)
        #expect(tallied == 600)  // ids 1, 2 and 3: the oldest by time, then by id
    }
}
