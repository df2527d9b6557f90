import Foundation
import GRDB
import Synchronization
import PiecesModels
import TestSupport
import Testing
@testable import WardenCore

@Suite("The journal database")
struct JournalDatabaseTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    static func rowCounts(_ journal: JournalDatabase) throws -> [String: Int] {
        try journal.writer.read { db in
            var counts: [String: Int] = [:]
            for table in ["run", "model_usage", "model_change", "action"] {
                counts[table] = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? -1
            }
            return counts
        }
    }

    static func snapshot(_ count: Int, loaded: Set<Int> = [], scores: Int = 0) -> Models {
        Models(iterable: (0..<count).map { index in
            var model = SnapshotDiffTests.model("m\(index)", loaded: loaded.contains(index), score: scores)
            model.name = "Model \(index)"
            return model
        })
    }

    @Test func anIdenticalSnapshotAddsOneRunRowAndNoModelRows() throws {
        let journal = try JournalDatabase.inMemory()
        _ = try journal.recordSnapshot(Self.snapshot(10), kind: .status, piecesURL: "u", at: Self.t0)
        #expect(try Self.rowCounts(journal) == ["run": 1, "model_usage": 10, "model_change": 10, "action": 0])
        let again = try journal.recordSnapshot(Self.snapshot(10), kind: .pass, piecesURL: "u", at: Self.t0.addingTimeInterval(60))
        #expect(again.changedModels == 0)
        #expect(try Self.rowCounts(journal) == ["run": 2, "model_usage": 10, "model_change": 10, "action": 0])
        let more = try journal.recordSnapshot(Self.snapshot(20), kind: .pass, piecesURL: "u", at: Self.t0.addingTimeInterval(120))
        #expect(more.changedModels == 10)
        #expect(try Self.rowCounts(journal) == ["run": 3, "model_usage": 20, "model_change": 20, "action": 0])
    }

    @Test func loadedAndScoredModelsUpdateTheirUsage() throws {
        let journal = try JournalDatabase.inMemory()
        _ = try journal.recordSnapshot(Self.snapshot(3), kind: .pass, piecesURL: "u", at: Self.t0)
        let later = Self.t0.addingTimeInterval(3600)
        var snapshot = Self.snapshot(3, loaded: [1])
        snapshot.iterable[2].score = Score(manual: 1, automatic: 0)
        _ = try journal.recordSnapshot(snapshot, kind: .pass, piecesURL: "u", at: later)
        let usage = try journal.usage()
        #expect(usage["m0"]?.lastUsed == Self.t0)
        #expect(usage["m1"]?.lastLoaded == later && usage["m1"]?.lastUsed == later)
        #expect(usage["m2"]?.lastScored == later && usage["m2"]?.lastLoaded == nil)
    }

    @Test func migratesFromEmptyAndFromEveryEarlierVersion() throws {
        let fresh = try DatabaseQueue()
        try JournalDatabase.migrator.migrate(fresh)
        let expected = try Self.schema(fresh)
        for (index, identifier) in JournalDatabase.migrator.migrations.enumerated() {
            let queue = try DatabaseQueue()
            try JournalDatabase.migrator.migrate(queue, upTo: identifier)
            let journal = try JournalDatabase(queue)
            #expect(try Self.schema(journal.writer) == expected, "from \(identifier) (#\(index))")
            #expect(try journal.writer.read { try JournalDatabase.migrator.appliedIdentifiers($0) } == Set(JournalDatabase.migrator.migrations))
        }
        #expect(try JournalDatabase(fresh).writer.read { try Self.schema($0) } == expected)
    }

    @Test func aJournalWhoseAdminDroppedAnIndexByHandStillUpgrades() throws {
        let queue = try DatabaseQueue()
        try JournalDatabase.migrator.migrate(queue, upTo: "v7")
        try queue.write { try $0.execute(sql: "DROP INDEX action_open") }
        let journal = try JournalDatabase(queue)
        #expect(try journal.writer.read { try JournalDatabase.migrator.appliedIdentifiers($0) } == Set(JournalDatabase.migrator.migrations))
    }

    /// The check every open makes instead of GRDB's migrator, against what the migrator says.
    @Test(arguments: [
        (nil as String?, [] as [String], JournalDatabase.SchemaState.behind),
        ("v1", [], .behind),
        (JournalDatabase.migrator.migrations.last, [], .current),
        (JournalDatabase.migrator.migrations.last, ["v999-from-the-future"], .newer),
        ("v2", ["v999-from-the-future"], .newer),
    ])
    func theSchemaStateAgreesWithTheMigrator(upTo: String?, extra: [String], expected: JournalDatabase.SchemaState) throws {
        let queue = try DatabaseQueue()
        if let upTo { try JournalDatabase.migrator.migrate(queue, upTo: upTo) }
        for identifier in extra {
            try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier]) }
        }
        try queue.read { db in
            #expect(try JournalDatabase.schemaState(of: db) == expected)
            #expect(try JournalDatabase.migrator.hasBeenSuperseded(db) == (expected == .newer))
            if expected != .newer {
                let complete = try db.tableExists("grdb_migrations") && JournalDatabase.migrator.hasCompletedMigrations(db)
                #expect(complete == (expected == .current))
            }
        }
    }

    /// A list of migrations under another casing, or a view, is the list, as SQLite reads it.
    @Test(arguments: [
        "CREATE TABLE GRDB_MIGRATIONS (identifier TEXT NOT NULL PRIMARY KEY)",
        "CREATE TABLE listed (identifier TEXT); CREATE VIEW grdb_migrations AS SELECT identifier FROM listed",
    ])
    func aListUnderAnotherNameOrAViewStillRefusesANewerSchema(schema: String) throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: schema)
            let table = try String.fetchOne(db, sql: "SELECT tbl_name FROM sqlite_master WHERE type = 'table' ORDER BY rowid LIMIT 1") ?? ""
            try db.execute(sql: "INSERT INTO \(table) (identifier) VALUES ('v999-from-the-future')")
        }
        #expect(try queue.read(JournalDatabase.schemaState) == .newer)
        #expect(throws: JournalError.newerSchema(path: ":memory:")) { try JournalDatabase(queue) }
    }

    @Test func storesTimesAsUnixSecondsAndConvertsOldText() throws {
        let queue = try DatabaseQueue()
        try JournalDatabase.migrator.migrate(queue, upTo: "v2")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO model_usage (model_id, name, cloud, llm, present, first_seen, last_loaded)
                VALUES ('old', 'Old', 0, 1, 1, '2027-01-15 08:00:00.500', NULL)
                """)
        }
        let journal = try JournalDatabase(queue)
        _ = try journal.recordSnapshot(Self.snapshot(1), kind: .pass, piecesURL: "u", at: Self.t0)
        let types = try queue.read { db in try String.fetchAll(db, sql: "SELECT typeof(first_seen) FROM model_usage ORDER BY model_id") }
        #expect(types == ["real", "real"])
        let usage = try journal.usage()
        // 2027-01-15 08:00:00.5 UTC, to the millisecond (julianday is a double).
        #expect(abs((usage["old"]?.firstSeen.timeIntervalSince1970 ?? 0) - 1_800_000_000.5) < 0.001)
        #expect(usage["m0"]?.firstSeen == Self.t0)
    }

    @Test func manyOpenAFreshJournalAtOnce() async throws {
        let directory = try TemporaryDirectory()
        let location = JournalLocation(path: directory.path("journal.sqlite"), createsDirectories: false)
        // Each open is a separate pool, as separate processes would have: the switch to WAL and
        // the migrations must not interleave.
        let opened = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 { group.addTask { try JournalDatabase.open(at: location).usage().isEmpty } }
            return try await group.reduce(into: 0) { $0 += $1 ? 1 : 0 }
        }
        #expect(opened == 8)
    }

    @Test func refusesADatabaseFromANewerModelwarden() throws {
        let queue = try DatabaseQueue()
        try JournalDatabase.migrator.migrate(queue)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999-from-the-future')") }
        #expect(throws: JournalError.newerSchema(path: ":memory:")) { try JournalDatabase(queue) }
    }

    @Test func refusesAFileFromANewerModelwardenWithoutWritingToIt() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("journal.sqlite")
        // A rollback-journal file: a pool that switched it to WAL before checking would rewrite its header.
        let queue = try DatabaseQueue(path: path)
        try JournalDatabase.migrator.migrate(queue)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999-from-the-future')") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: JournalError.newerSchema(path: path)) {
            try JournalDatabase.open(at: JournalLocation(path: path, createsDirectories: false))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func onDiskItIsWALWithNormalSyncOnOneConnectionAndMode0600() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("journal.sqlite")
        let journal = try JournalDatabase.open(at: JournalLocation(path: path, createsDirectories: false))
        // The writer's own settings: a pool's reader would answer for a connection that never writes.
        let (mode, synchronous) = try journal.writer.writeWithoutTransaction { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(journal.writer is DatabaseQueue)
        #expect(mode == "wal")
        #expect(synchronous == 1)  // NORMAL; durable commits switch to FULL (below)
        _ = try journal.recordSnapshot(Self.snapshot(2), kind: .status, piecesURL: "u", at: Self.t0)
        for file in [path, path + "-wal", path + "-shm"] {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect((attributes[.posixPermissions] as? Int) == 0o600, "\(file)")
        }
    }

    @Test func openingAnExistingJournalWritesNothing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("journal.sqlite")
        let location = JournalLocation(path: path, createsDirectories: false)
        try JournalDatabase.open(at: location).writer.close()
        let journal = try JournalDatabase.open(at: location)
        // No priming write (GRDB's pools make one for their readers): the log stays empty.
        let walSize = try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int
        #expect(walSize == 0)
        _ = try journal.recordSnapshot(Self.snapshot(1), kind: .status, piecesURL: "u", at: Self.t0)
        #expect(try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int ?? 0 > 0)
    }

    @Test func intentsAndRunEndsCommitWithFullSyncAndOthersWithNormal() throws {
        let statements = StatementLog()
        var configuration = Configuration()
        configuration.prepareDatabase { db in db.trace { statements.append("\($0)") } }
        let journal = try JournalDatabase(DatabaseQueue(configuration: configuration))
        let recorded = try journal.recordSnapshot(Self.snapshot(1), kind: .pass, piecesURL: "u", at: Self.t0)
        let intent = ActionIntent(kind: .deleteCache, modelID: "m0", reason: "stale")
        let live = try journal.recordIntent(intent, runID: recorded.runID, at: Self.t0)
        try journal.recordOutcome(ActionOutcome(.succeeded), of: live, at: Self.t0)
        _ = try journal.recordIntent(intent, runID: recorded.runID, dryRun: true, at: Self.t0)
        try journal.finishRun(recorded.runID, at: Self.t0, failure: nil, journald: true)
        // Each committed transaction, with the synchronous setting in force when it committed.
        var synchronous = "NORMAL"
        var transaction: [String] = []
        var committed: [(writes: String, synchronous: String)] = []
        for statement in statements.all {
            if statement.hasPrefix("PRAGMA synchronous = ") { synchronous = String(statement.dropFirst(21)) }
            transaction.append(statement)
            guard statement == "COMMIT TRANSACTION" else { continue }
            let watched = ["INSERT INTO run ", "INSERT INTO action ", "UPDATE run ", "UPDATE action "]
            if let write = transaction.first(where: { statement in watched.contains { statement.hasPrefix($0) } }) {
                committed.append((String(write.prefix(22)), synchronous))
            }
            transaction = []
        }
        #expect(committed.map(\.writes) == [
            "INSERT INTO run (kind,", "INSERT INTO action (ru", "UPDATE action SET outc", "INSERT INTO action (ru", "UPDATE run SET finishe",
        ])
        #expect(committed.map(\.synchronous) == ["NORMAL", "FULL", "NORMAL", "NORMAL", "FULL"])
        #expect(synchronous == "NORMAL")
    }

    @Test func writesBeginImmediateTransactions() throws {
        let statements = StatementLog()
        var configuration = Configuration()
        configuration.prepareDatabase { db in db.trace { statements.append("\($0)") } }
        let journal = try JournalDatabase(DatabaseQueue(configuration: configuration))
        _ = try journal.recordSnapshot(Self.snapshot(1), kind: .status, piecesURL: "u", at: Self.t0)
        // Every transaction that writes begins IMMEDIATE; DEFERRED ones only read.
        var transaction: [String] = []
        for statement in statements.all {
            transaction.append(statement)
            guard statement == "COMMIT TRANSACTION" else { continue }
            let writes = transaction.contains { $0.hasPrefix("INSERT") || $0.hasPrefix("UPDATE") || $0.hasPrefix("CREATE") }
            if writes { #expect(transaction.contains("BEGIN IMMEDIATE TRANSACTION"), "\(transaction)") }
            transaction = []
        }
    }

    @Test func createsMissingDirectoriesOnlyForTheDefaultLocation() throws {
        let directory = try TemporaryDirectory()
        let nested = directory.path("state/modelwarden/journal.sqlite")
        #expect(throws: JournalError.missingDirectory(path: nested, directory: directory.path("state/modelwarden"))) {
            try JournalDatabase.open(at: JournalLocation(path: nested, createsDirectories: false))
        }
        _ = try JournalDatabase.open(at: JournalLocation(path: nested, createsDirectories: true))
        #expect(FileManager.default.fileExists(atPath: nested))
    }

    @Test func refusesACorruptFileAndLeavesItAlone() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("journal.sqlite")
        let garbage = Data(repeating: 0x5A, count: 8192)
        try garbage.write(to: URL(fileURLWithPath: path))
        #expect {
            try JournalDatabase.open(at: JournalLocation(path: path, createsDirectories: false))
        } throws: { error in
            (error as? JournalError)?.description.contains("is not a modelwarden journal or is corrupt") == true
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == garbage)
    }

    @Test(arguments: [
        (nil, nil, UInt32(0), "/var/lib/modelwarden/journal.sqlite", true),
        (nil, nil, UInt32(1000), "/home/alice/.local/state/modelwarden/journal.sqlite", true),
        (nil, "/xdg", UInt32(1000), "/xdg/modelwarden/journal.sqlite", true),
        (nil, "relative", UInt32(1000), "/home/alice/.local/state/modelwarden/journal.sqlite", true),
        ("/tmp/flag.sqlite", nil, UInt32(0), "/tmp/flag.sqlite", false),
    ] as [(String?, String?, UInt32, String, Bool)])
    func resolvesTheDefaultPath(flag: String?, xdg: String?, uid: UInt32, path: String, creates: Bool) throws {
        var environment = ["HOME": "/home/alice"]
        environment["XDG_STATE_HOME"] = xdg
        let location = try JournalLocation.resolve(flag: flag, environment: environment, uid: uid)
        #expect(location == JournalLocation(path: path, createsDirectories: creates))
        let fromVariable = try JournalLocation.resolve(flag: nil, environment: environment.merging(["MODELWARDEN_DB": "/env.sqlite"]) { $1 }, uid: uid)
        #expect(fromVariable.path == "/env.sqlite")
        // The policy's journal.database comes after the flag and the variable, before the default.
        let fromPolicy = try JournalLocation.resolve(flag: nil, policy: "/policy.sqlite", environment: environment, uid: uid)
        #expect(fromPolicy == JournalLocation(path: "/policy.sqlite", createsDirectories: false))
        let variableFirst = try JournalLocation.resolve(
            flag: nil, policy: "/policy.sqlite", environment: environment.merging(["MODELWARDEN_DB": "/env.sqlite"]) { $1 }, uid: uid)
        #expect(variableFirst.path == "/env.sqlite")
        #expect(try JournalLocation.resolve(flag: "/flag.sqlite", policy: "/policy.sqlite", environment: environment, uid: uid).path == "/flag.sqlite")
    }

    static func schema(_ writer: any DatabaseReader) throws -> [String] {
        try writer.read { try schema($0) }
    }

    static func schema(_ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'grdb_%' ORDER BY name")
    }
}

/// Statements traced from a connection.
final class StatementLog: Sendable {
    private let statements = Mutex<[String]>([])
    func append(_ statement: String) { statements.withLock { $0.append(statement) } }
    var all: [String] { statements.withLock { $0 } }
}

@Suite("The watcher's record of loaded models")
struct RecordLoadedTests {
    @Test func stampsTheLoadedAndTheJustUnloaded() throws {
        let journal = try JournalDatabase.inMemory()
        let t0 = JournalDatabaseTests.t0
        _ = try journal.recordSnapshot(JournalDatabaseTests.snapshot(3, loaded: [0, 1]), kind: .pass, piecesURL: "u", at: t0)
        let later = t0.addingTimeInterval(600)
        try journal.recordLoaded(["m1"], unloaded: ["m0", "m1"], at: later)
        let usage = try journal.usage()
        #expect(usage["m0"]?.lastLoaded == later)
        #expect(usage["m0"]?.loaded == false)
        #expect(usage["m1"]?.lastLoaded == later)
        #expect(usage["m1"]?.loaded == true)
        #expect(usage["m2"]?.lastLoaded == nil)
    }

    @Test func writesNothingForNothing() throws {
        let journal = try JournalDatabase.inMemory()
        try journal.recordLoaded([], at: JournalDatabaseTests.t0)
        #expect(try JournalDatabaseTests.rowCounts(journal)["model_usage"] == 0)
    }
}
