import Foundation
import GRDB
import PiecesModels
import Testing
import TestSupport
import WardenCore

@Suite("The action protocol: intent, outcome, reconciliation")
struct ActionLedgerTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let deleteA = ActionIntent(kind: .deleteCache, modelID: "a", modelName: "Model a", reason: "stale", rule: "everything-else", expectedBytes: 4_000)
    static let unload = ActionIntent(kind: .unloadAll, reason: "memory_pressure")

    static func journalWithRun() throws -> (JournalDatabase, Int64) {
        let journal = try JournalDatabase.inMemory()
        let run = try journal.recordSnapshot(Models(iterable: [SnapshotDiffTests.model("a")]), kind: .pass, piecesURL: "u", at: t0)
        return (journal, run.runID)
    }

    @Test func anIntentIsOpenUntilItsOutcomeIsCommitted() throws {
        let (journal, runID) = try Self.journalWithRun()
        let id = try journal.recordIntent(Self.deleteA, runID: runID, at: Self.t0)
        #expect(try journal.openActions().map(\.id) == [id])
        #expect(try journal.openActions().first?.intent == Self.deleteA)
        try journal.recordOutcome(ActionOutcome(.succeeded, httpStatus: 200, freedBytes: 4_000), of: id, at: Self.t0)
        #expect(try journal.openActions().isEmpty)
        let row = try #require(try journal.writer.read { try Row.fetchOne($0, sql: "SELECT outcome, http_status, freed_bytes FROM action") })
        let outcome: String = row["outcome"]
        let status: Int = row["http_status"]
        let freed: Int = row["freed_bytes"]
        #expect(outcome == "succeeded")
        #expect(status == 200)
        #expect(freed == 4_000)
    }

    @Test(arguments: [
        // (the model in the fresh snapshot, the intent, the outcome)
        ("a downloaded: false", deleteA, ActionOutcome.Code.succeeded),
        ("a downloaded: true", deleteA, .failed),
        ("a downloading", deleteA, .unknown),
        ("nothing listed", deleteA, .unknown),
        ("nothing loaded", unload, .succeeded),
        ("a loaded", unload, .unknown),
    ] as [(String, ActionIntent, ActionOutcome.Code)])
    func reconcilesAnOpenIntentAgainstAFreshSnapshot(state: String, intent: ActionIntent, code: ActionOutcome.Code) {
        var models: [Model] = []
        switch state {
        case "a downloaded: false": models = [SnapshotDiffTests.model("a", downloaded: false)]
        case "a downloaded: true", "nothing loaded": models = [SnapshotDiffTests.model("a")]
        case "a downloading":
            var model = SnapshotDiffTests.model("a", downloaded: false)
            model.downloading = true
            models = [model]
        case "a loaded": models = [SnapshotDiffTests.model("a", loaded: true)]
        default: models = []
        }
        let outcome = IntentReconciliation.outcome(of: intent, in: Models(iterable: models))
        #expect(outcome.code == code)
        #expect(outcome.note?.hasPrefix("closed at start: ") == true)
        #expect(outcome.freedBytes == (code == .succeeded && intent.kind == .deleteCache ? 4_000 : nil))
    }

    @Test func reconciliationClosesEveryOpenIntentAndOnlyThose() throws {
        let (journal, runID) = try Self.journalWithRun()
        let open = try journal.recordIntent(Self.deleteA, runID: runID, at: Self.t0)
        let closed = try journal.recordIntent(Self.unload, runID: runID, at: Self.t0)
        try journal.recordOutcome(ActionOutcome(.failed, httpStatus: 500), of: closed, at: Self.t0)
        let snapshot = Models(iterable: [SnapshotDiffTests.model("a", downloaded: false)])
        let results = try journal.reconcileOpenActions(with: snapshot, at: Self.t0.addingTimeInterval(60))
        #expect(results.map(\.0.id) == [open])
        #expect(results.map(\.1.code) == [.succeeded])
        #expect(try journal.openActions().isEmpty)
        let outcomes = try journal.writer.read { try String.fetchAll($0, sql: "SELECT outcome FROM action ORDER BY id") }
        #expect(outcomes == ["succeeded", "failed"])
    }
}

@Suite("Pruning the journal")
struct RetentionTests {
    static let day: TimeInterval = 86_400

    @Test func prunesOldRowsWithBoundedWorkAndKeepsOpenActions() throws {
        let journal = try JournalDatabase.inMemory()
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        // 300 daily passes, each changing one model, plus an action now and then.
        var openAction: Int64 = 0
        for day in 0..<300 {
            let at = start.addingTimeInterval(Double(day) * Self.day)
            let snapshot = Models(iterable: [SnapshotDiffTests.model("a", score: day), SnapshotDiffTests.model("b")])
            let run = try journal.recordSnapshot(snapshot, kind: .pass, piecesURL: "u", at: at)
            if day % 10 == 0 {
                let id = try journal.recordIntent(ActionLedgerTests.deleteA, runID: run.runID, at: at)
                if day == 20 { openAction = id } else { try journal.recordOutcome(ActionOutcome(.succeeded), of: id, at: at) }
            }
        }
        let now = start.addingTimeInterval(299 * Self.day)
        let cutoff = now.addingTimeInterval(-180 * Self.day)
        let first = try journal.prune(olderThan: cutoff, limit: 50)
        #expect(first.changes == 50)  // bounded
        var total = first
        while true {
            let more = try journal.prune(olderThan: cutoff, limit: 50)
            if more.total == 0 { break }
            total.changes += more.changes
            total.actions += more.actions
            total.runs += more.runs
        }
        let oldest = try journal.writer.read { db in
            (try Double.fetchOne(db, sql: "SELECT min(at) FROM model_change"), try Int.fetchOne(db, sql: "SELECT count(*) FROM run"))
        }
        #expect(oldest.0.map { $0 >= cutoff.timeIntervalSince1970 } == true)
        #expect(try journal.openActions().map(\.id) == [openAction])  // never pruned while open
        #expect(total.actions == 11)  // days 0…110 but the open one, day 20
        #expect(oldest.1 == 182)  // days 119…299 remain (181), plus day 20, whose open action refers to it
    }
}

@Suite("The pass lock")
struct PassLockTests {
    @Test func aSecondHolderIsRefusedAndNamedAndTheLockIsReleasedWithItsHolder() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("journal.sqlite.lock")
        var first: PassLock? = try PassLock(path: path)
        #expect(throws: PassLock.Failure.held(path: path, pid: getpid())) { try PassLock(path: path) }
        #expect(PassLock.Failure.held(path: path, pid: 42).category == .busy)
        #expect(PassLock.Failure.held(path: path, pid: 42).description.contains("pid 42"))
        withExtendedLifetime(first) {}
        first = nil
        #expect(throws: Never.self) { _ = try PassLock(path: path) }
    }

    @Test func anUnusableLockFileIsAJournalError() {
        let failure = PassLock.Failure.unusable(path: "/nonexistent/x.lock", cause: "No such file or directory")
        #expect(failure.category == .storageUnavailable)
        #expect(throws: PassLock.Failure.unusable(path: "/nonexistent/x.lock", cause: "cannot open or create the file: No such file or directory")) {
            try PassLock(path: "/nonexistent/x.lock")
        }
    }
}
