import Foundation
import GRDB
import Testing
@testable import WardenCore

/// Each pass runs these statements on tables that grow with the journal's history; SQLite
/// must answer each from an index, never by reading a whole table or a whole index over every
/// row (SCAN), or a pass slows down as the journal ages.
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

    /// The journal's partial indexes: reading one whole reads only the rows it holds.
    static func partialIndexes(in journal: JournalDatabase) throws -> Set<String> {
        try journal.writer.read { db in
            Set(try String.fetchAll(db, sql: """
                SELECT i.name FROM sqlite_master AS t, pragma_index_list(t.name) AS i
                WHERE t.type = 'table' AND i.partial = 1
                """))
        }
    }

    @Test(arguments: HistoryQuery.allCases)
    func searchesAnIndexInsteadOfReadingATable(_ query: HistoryQuery) throws {
        let journal = try JournalDatabase.inMemory()
        let plan = try Self.plan(of: query, in: journal)
        #expect(!plan.isEmpty)
        let partial = try Self.partialIndexes(in: journal)
        let scans = plan.filter { step in
            step.hasPrefix("SCAN ") && !partial.contains { step.hasSuffix("USING INDEX \($0)") }
        }
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
}
