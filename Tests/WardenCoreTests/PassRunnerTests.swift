import Foundation
import GRDB
import ModelsSimulator
import PiecesModels
import TestSupport
import Testing
@testable import WardenCore

@Suite("A pass against the simulator")
struct PassRunnerTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// A configuration over a journal in `directory` and a calm meminfo file (8 of 16 GiB).
    static func configuration(_ directory: TemporaryDirectory, url: String?, at now: Date = t0) throws -> WardenConfiguration {
        let meminfo = directory.path("calm-meminfo")
        try "MemTotal: 16777216 kB\nMemAvailable: 8388608 kB\n".write(toFile: meminfo, atomically: true, encoding: .utf8)
        return WardenConfiguration(
            policy: try PolicyLoader.load(texts: [TestPolicy.noticesOff]), piecesURL: url,
            journal: JournalLocation(path: directory.path("journal.sqlite"), createsDirectories: false),
            memoryProbe: MemoryProbe(meminfoPath: meminfo, psiPath: directory.path("no-psi")), now: now)
    }

    @Test func recordsTheSnapshotClosesOpenIntentsAndReportsToTheJournal() async throws {
        let directory = try TemporaryDirectory()
        try await withSimulator { endpoint in
            let events = RecordingEventSink()
            let first = try await PassRunner(configuration: try Self.configuration(directory, url: endpoint.baseURL), world: .testing(events: events)).run()
            #expect(first.models == BuiltInCatalog.models.count && first.changedModels == BuiltInCatalog.models.count)
            #expect(first.results.isEmpty)  // nothing is stale on the first day

            // A crash after the intent of a cache deletion that did happen.
            let journal = try JournalDatabase.open(at: JournalLocation(path: directory.path("journal.sqlite"), createsDirectories: false))
            let idle = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02"
            _ = try journal.recordIntent(ActionIntent(kind: .deleteCache, modelID: idle, reason: "stale", expectedBytes: 2_280_000_000), runID: try #require(first.runID), at: Self.t0)
            _ = try await PiecesHTTPClient(endpoint: endpoint, timeout: TestDeadline.patient).deleteCache(modelID: idle)

            let later = Self.t0.addingTimeInterval(3600)
            let second = try await PassRunner(configuration: try Self.configuration(directory, url: endpoint.baseURL, at: later), world: .testing(events: events)).run()
            #expect(second.changedModels == 1)
            #expect(second.reconciled.map(\.outcome) == ["succeeded"])
            #expect(try journal.openActions().isEmpty)
            // The first pass also records the policy's baseline revision.
            #expect(events.sent.map(\.kind) == [.policyChanged, .passFinished, .passFinished])
            #expect(events.sent.last?.fields[.runID] == second.runID.map(String.init))
        }
    }

    @Test func anUnreachablePiecesOSIsJournaledAndExits69() async throws {
        let directory = try TemporaryDirectory()
        let events = RecordingEventSink()
        let url = "http://127.0.0.1:\(try LoopbackPort.unused())"
        await #expect {
            _ = try await PassRunner(configuration: try Self.configuration(directory, url: url), world: .testing(events: events)).run()
        } throws: { error in
            FailureCategory.of(error) == .piecesUnavailable
        }
        #expect(events.sent.map(\.kind) == [.policyChanged, .piecesUnreachable])
        #expect(events.sent.last?.message.contains(url) == true)
        let journal = try JournalDatabase.open(at: JournalLocation(path: directory.path("journal.sqlite"), createsDirectories: false))
        let exit = try await journal.writer.read { try Int.fetchOne($0, sql: "SELECT exit_status FROM run") }
        #expect(exit == 69)
    }

    @Test func aHeldLockStopsASecondPassBeforeItContactsPiecesOS() async throws {
        let directory = try TemporaryDirectory()
        let lock = try PassLock(path: directory.path("journal.sqlite.lock"))
        let events = RecordingEventSink()
        await #expect(throws: PassLock.Failure.held(path: lock.path, pid: getpid())) {
            _ = try await PassRunner(configuration: try Self.configuration(directory, url: "http://127.0.0.1:9"), world: .testing(events: events)).run()
        }
        #expect(events.sent.isEmpty)
    }

    @Test func withoutJournaldThePassNotesItInTheDatabase() async throws {
        let directory = try TemporaryDirectory()
        try await withSimulator { endpoint in
            let absent = SystemdJournal(socketPath: directory.path("no-socket"))
            let report = try await PassRunner(configuration: try Self.configuration(directory, url: endpoint.baseURL), world: .testing(events: absent)).run()
            #expect(!report.journald)
            let journal = try JournalDatabase.open(at: JournalLocation(path: directory.path("journal.sqlite"), createsDirectories: false))
            let row = try #require(try await journal.writer.read { try Row.fetchOne($0, sql: "SELECT journald, note FROM run") })
            let journald: Bool = row["journald"]
            let note: String? = row["note"]
            #expect(!journald)
            #expect(note?.contains("journald socket missing") == true)
        }
    }

    @Test func aLivePassJournalsEveryActionAndThePass() async throws {
        let directory = try TemporaryDirectory()
        try await withSimulator { endpoint in
            _ = try await PassRunner(configuration: try Self.configuration(directory, url: endpoint.baseURL), world: .testing(events: RecordingEventSink())).run()
            let events = RecordingEventSink()
            let later = Self.t0.addingTimeInterval(31 * 86_400)
            let report = try await PassRunner(configuration: try Self.configuration(directory, url: endpoint.baseURL, at: later), world: .testing(events: events)).run()
            #expect(report.results.map(\.outcome.code) == [.succeeded, .succeeded])
            #expect(events.sent.map(\.kind) == [.cacheDeleted, .cacheDeleted, .passFinished])
            let first = try #require(events.sent.first)
            #expect(first.fields[.action] == "delete_cache" && first.fields[.reason] == "stale" && first.fields[.outcome] == "succeeded")
            #expect(first.fields[.modelID] == report.results.first?.action.modelID)
            #expect(first.fields[.bytes] == "2280000000" && first.fields[.dryRun] == "0")
            #expect(events.sent.last?.fields[.bytes] == String(report.freedBytes))
        }
    }

    @Test(arguments: [
        ("idle", nil), ("loaded", "it is loaded"), ("downloading", "it is downloading"),
        ("not downloaded", "it is not downloaded"), ("cloud", "it runs in the cloud"), ("ocr", "it is not an LLM"),
    ] as [(String, String?)])
    func theReCheckRefusesWhatBecameIneligible(state: String, reason: String?) {
        var model = SnapshotDiffTests.model("m", loaded: state == "loaded", downloaded: state != "not downloaded" && state != "downloading")
        model.downloading = state == "downloading"
        model.cloud = state == "cloud"
        if state == "ocr" { model.usage = .ocr }
        #expect(CacheEligibility.refusal(of: model).map(CacheEligibility.explanation) == reason)
    }

    @Test func memoryPressureInAPassIsJournaledWithTheUnload() async throws {
        let directory = try TemporaryDirectory()
        let meminfo = MeminfoFile(path: directory.path("meminfo"), total: ByteCount(16 << 30), base: ByteCount(9 << 30))
        try await withSimulator(SimulatorConfiguration(port: 0, meminfo: meminfo)) { endpoint in
            var configuration = try Self.configuration(directory, url: endpoint.baseURL)
            configuration.memoryProbe = MemoryProbe(meminfoPath: meminfo.path, psiPath: directory.path("no-psi"))
            configuration.settle = .zero
            let events = RecordingEventSink()
            let report = try await PassRunner(configuration: configuration, world: .testing(events: events)).run()
            #expect(report.memory?.decision?.reason == .memoryPressure)
            #expect(report.memory?.unload?.outcome.code == .succeeded)
            #expect(events.sent.map(\.kind) == [.policyChanged, .memoryPressure, .modelsUnloaded, .passFinished])
            #expect(events.sent[2].fields[.action] == "unload_all")
            #expect(try await PiecesHTTPClient(endpoint: endpoint, timeout: TestDeadline.patient).snapshot().iterable.allSatisfy { $0.loaded != true })
        }
    }
}
