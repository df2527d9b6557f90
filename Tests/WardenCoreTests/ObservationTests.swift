import Foundation
import GRDB
import PiecesModels
import Testing
@testable import WardenCore

/// What the journal shows of a month of passes: the one source of the JSON and HTML reports
/// and the Prometheus textfile.
@Suite("Observations read from the journal")
struct ObservationTests {
    typealias S = ObservedScene

    @Test func aMonthOfPassesReadsAsItHappened() async throws {
        let observed = try await S.month().observations()
        #expect(observed.totals.actions.map { "\($0.kind)/\($0.outcome)=\($0.count)" } == ["delete_cache/succeeded=1", "unload_all/succeeded=1"])
        #expect(observed.totals.freedBytes == S.graniteBytes, "an unload's freed memory is not disk")
        #expect(observed.summary.freedBytes == S.graniteBytes)
        #expect(observed.days.count == 32, "from the first run's day, not the period's start")
        let freedDays = observed.days.filter { $0.freedBytes > 0 }
        #expect(freedDays.map(\.day) == [String(RFC3339.format(S.day(14)).prefix(10))])
        #expect(observed.days.last?.cumulativeFreedBytes == S.graniteBytes)
        #expect(observed.days.first { $0.day == freedDays.first?.day }?.actions == ["succeeded": 1])

        let unload = try #require(observed.pressureEvents.first)
        #expect(observed.pressureEvents.count == 1 && unload.at == S.day(11) && unload.outcome == "succeeded")
        #expect(unload.availableBeforeBytes == 1 << 30 && unload.availableAfterBytes == 1 << 30)
        #expect(unload.expectedBytes == 6_100_000_000)

        #expect(observed.upcomingDeletions.map(\.modelID) == [S.phi])
        #expect(observed.upcomingDeletions.first?.noticedAt == S.day(31) && observed.upcomingDeletions.first?.deletesAt == S.day(34))
        #expect(observed.pins.map(\.modelID) == [S.llama])
        #expect(observed.pins.first?.until == S.day(60) && observed.pins.first?.reason == "daily driver")
        #expect(observed.models == .init(loaded: 0, downloaded: 5, downloading: 1, cloud: 2, pinned: 1))
        #expect(observed.llmCacheBytes == 4_920_000_000 + 2_280_000_000)
        #expect(observed.lastPass?.at == S.day(31) && observed.lastPass?.success == true && observed.lastPass?.kind == "pass")
        #expect((observed.lastPass?.durationSeconds ?? -1) > 0)
        #expect(observed.piecesUp == true && observed.unresolvedActions == 0 && observed.journalBytes > 0)
        #expect(observed.lastUse.first?.lastUsed ?? .distantFuture <= observed.lastUse.last?.lastUsed ?? .distantPast)
    }

    @Test func anExpiredPinAndADeletionCarriedOutLeaveTheOutlook() async throws {
        let scene = try await S.month()
        // Day 61: Llama's pin has expired; a report then no longer counts it.
        let later = try scene.journal.observations(since: S.day(-1), until: S.day(61), host: "h")
        #expect(later.pins.isEmpty && later.models.pinned == 0)
        // Day 34: Phi goes, and with it its line in the outlook.
        _ = try await scene.twin.pass(at: S.day(34), yaml: S.policy)
        let done = try scene.journal.observations(since: S.day(-1), until: S.day(34), host: "h")
        #expect(done.upcomingDeletions.isEmpty)
        #expect(done.totals.freedBytes == S.graniteBytes + 2_280_000_000)
        // The pass's snapshot was taken before the deletion: what it deleted no longer counts.
        #expect(done.llmCacheBytes == 4_920_000_000 && done.models.downloaded == 4)
        #expect(done.lastUse.first { $0.modelID == S.phi }?.downloaded == false)
    }

    @Test func theCountersNeverGoDownWhenThePruneRemovesRowsOrTheJournalIsReopened() async throws {
        let scene = try await S.month()
        let before = try scene.observations()
        // Everything closed is older than this: the prune folds it into the tally.
        let pruned = try scene.journal.prune(olderThan: S.day(100))
        #expect(pruned.actions == 2)
        let reopened = try JournalDatabase.open(
            at: JournalLocation(path: scene.twin.directory.path("journal.sqlite"), createsDirectories: false))
        let after = try reopened.observations(since: S.day(-1), until: S.day(31), host: "test-host")
        #expect(after.totals == before.totals)
        #expect(after.summary.freedBytes == 0, "the period's own figures do go: their rows are gone")
        // A second prune of rows already folded adds nothing twice.
        try reopened.prune(olderThan: S.day(100))
        #expect(try reopened.observations(since: S.day(-1), until: S.day(31), host: "h").totals == before.totals)
    }

    @Test func aPinOnALoadedModelCountsAndAnEmptyJournalHasNoSnapshotYet() async throws {
        let twin = try TwinPassTests.Scene()
        let journal = try JournalDatabase.open(at: JournalLocation(path: twin.directory.path("journal.sqlite"), createsDirectories: true))
        #expect(try journal.observations(since: S.t0, until: S.t0, host: "h").piecesUp == nil)
        let report = try await twin.pass(at: S.t0, yaml: S.policy)
        #expect(report.plan.kept.first { $0.modelID == S.llama }?.reason == .loaded)
        let observed = try journal.observations(since: S.t0, until: S.t0, host: "h")
        #expect(observed.pins.map(\.modelID) == [S.llama] && observed.models.pinned == 1 && observed.models.loaded == 1)
        #expect(report.plan.kept.first { $0.modelID == S.llama }?.note == "pinned until \(HumanTime.describe(S.day(60))) (daily driver)")
    }

    @Test func whatAPassDidAfterItsSnapshotCountsEvenWhenTheClockWentBack() async throws {
        let twin = try TwinPassTests.Scene()
        let journal = try JournalDatabase.open(at: JournalLocation(path: twin.directory.path("journal.sqlite"), createsDirectories: true))
        _ = try await twin.pass(at: S.day(0), yaml: S.policy)
        // Day 11: Llama is unloaded under pressure after the snapshot that saw it loaded.
        _ = try await twin.pass(at: S.day(11), yaml: S.policy, availableGiB: 1)
        #expect(try journal.observations(since: S.t0, until: S.day(11), host: "h").models.loaded == 0)
        // Day 14 deletes Granite; it is downloaded again, and the next pass is dated day 12 (a
        // clock stepped back): its snapshot, the latest, shows Granite on disk.
        _ = try await twin.pass(at: S.day(14), yaml: S.policy)
        #expect(try journal.observations(since: S.t0, until: S.day(14), host: "h").lastUse.first { $0.modelID == S.granite }?.downloaded == false)
        _ = try await twin.twin.catalog.download(modelID: S.granite)
        _ = try await twin.pass(at: S.day(12), yaml: S.policy)
        let earlier = try journal.observations(since: S.t0, until: S.day(12), host: "h")
        #expect(earlier.lastUse.first { $0.modelID == S.granite }?.downloaded == true)
        #expect(earlier.llmCacheBytes == 4_920_000_000 + 2_280_000_000 + S.graniteBytes)
    }

    @Test func anUnchangedOutlookIsNotWrittenAgain() throws {
        let journal = try JournalDatabase.inMemory()
        let pin = OutlookEntry(modelID: "m", modelName: "M", rule: "keep-m", reason: "pinned", bytes: 1, pinned: true, pinnedUntil: S.day(9))
        try journal.recordOutlook([pin], runID: 1)
        try journal.recordOutlook([pin], runID: 2)
        #expect(try journal.writer.read { try Int.fetchAll($0, sql: "SELECT run_id FROM outlook") } == [1])
        var later = pin
        later.pinnedUntil = S.day(10)
        try journal.recordOutlook([later], runID: 3)
        let rows = try journal.writer.read { try Row.fetchAll($0, sql: "SELECT run_id, pinned_until FROM outlook") }
        #expect(rows.map { [$0["run_id"], $0["pinned_until"]] as [Double?] } == [[3, S.day(10).timeIntervalSince1970]])
    }

    @Test func anUnverifiedActionIsCountedOnceAPassJudgesIt() throws {
        let journal = try JournalDatabase.inMemory()
        let run = try journal.recordRunWithoutSnapshot(kind: .pass, at: S.t0)
        let action = try journal.recordIntent(ActionIntent(kind: .deleteCache, modelID: "m", reason: "stale"), runID: run, at: S.t0)
        try journal.recordOutcome(ActionOutcome(.unknown), of: action, at: S.t0)
        let open = try journal.observations(since: S.t0, until: S.t0, host: "h")
        #expect(open.unresolvedActions == 1 && open.totals.actions.isEmpty)
        try journal.recordOutcome(ActionOutcome(.succeeded, freedBytes: 5), of: action, at: S.t0)
        let judged = try journal.observations(since: S.t0, until: S.t0, host: "h")
        #expect(judged.unresolvedActions == 0 && judged.totals.actions.map(\.count) == [1] && judged.totals.freedBytes == 5)
    }
}
