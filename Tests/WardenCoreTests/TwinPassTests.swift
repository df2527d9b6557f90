import Foundation
import GRDB
import ModelsSimulator
import PiecesModels
import TestSupport
import Testing
@testable import WardenCore

/// Whole passes, retention and memory, dry and live, against the in-memory twin of Pieces OS:
/// no socket, no server, faults scripted per call.
@Suite("Whole passes against the in-memory twin")
struct TwinPassTests {
    static let t0 = PassRunnerTests.t0
    static let month = t0.addingTimeInterval(31 * 86_400)
    static let loadedLLM = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b01"

    /// A twin of the built-in catalog, a journal that first saw it a month ago, and a meminfo
    /// file that the test writes.
    struct Scene {
        let directory: TemporaryDirectory
        let twin = InMemoryModelsAPI(models: BuiltInCatalog.models)
        let events = RecordingEventSink()

        init() throws { directory = try TemporaryDirectory() }

        func configuration(at now: Date, yaml: String = "", availableGiB: Int = 9) throws -> WardenConfiguration {
            let texts = yaml.isEmpty ? [] : [(file: "test.yaml", text: "version: 1\n" + yaml)]
            var configuration = WardenConfiguration(
                policy: try PolicyLoader.load(texts: texts), piecesURL: nil,
                journal: JournalLocation(path: directory.path("journal.sqlite"), createsDirectories: false), now: now)
            let meminfo = directory.path("meminfo")
            try "MemTotal: \(16 << 20) kB\nMemAvailable: \(availableGiB << 20) kB\n".write(toFile: meminfo, atomically: true, encoding: .utf8)
            configuration.memoryProbe = MemoryProbe(meminfoPath: meminfo, psiPath: directory.path("no-psi"))
            configuration.settle = .zero
            return configuration
        }

        func pass(at now: Date, dryRun: Bool = false, yaml: String = "", availableGiB: Int = 9) async throws -> PassReport {
            try await PassRunner(
                configuration: try configuration(at: now, yaml: yaml, availableGiB: availableGiB),
                world: .testing(pieces: twin, events: events, at: now)
            ).run(dryRun: dryRun)
        }

        /// The first pass, a month before the one under test, so that idle LLMs are stale.
        func seen() async throws -> Scene {
            _ = try await pass(at: TwinPassTests.t0)
            return self
        }

        func model(_ id: String) async throws -> Model { try await twin.catalog.model(id: id) }
    }

    @Test func aLivePassDeletesTheStaleCachesAndVerifiesEachWithOneModel() async throws {
        let scene = try await Scene().seen()
        let before = await scene.twin.calls.count
        let report = try await scene.pass(at: Self.month)
        #expect(report.results.map(\.outcome.code) == [.succeeded, .succeeded])
        for result in report.results {
            #expect(try await scene.model(result.action.modelID).downloaded == false)
        }
        // One snapshot, then GET /model/{id}, delete, GET /model/{id} per deletion: no full snapshot per action.
        let calls = await scene.twin.calls.dropFirst(before)
        #expect(Array(calls) == [.snapshot, .model, .deleteCache, .model, .model, .deleteCache, .model])
        #expect(report.failure == nil)
    }

    @Test func aDryRunPlansTheSameAndCallsNothingDestructive() async throws {
        let scene = try await Scene().seen()
        let report = try await scene.pass(at: Self.month, dryRun: true, availableGiB: 1)
        #expect(report.results.map(\.outcome.code) == [.planned, .planned])
        #expect(report.memory?.unload?.outcome.code == .planned)
        let calls = await scene.twin.calls
        #expect(!calls.contains(.deleteCache) && !calls.contains(.unloadAll))
        #expect(try await scene.model(Self.loadedLLM).loaded == true)
    }

    @Test func oneRefusedDeletionFailsAloneAndThePassEndsWith1() async throws {
        let scene = try await Scene().seen()
        await scene.twin.inject(.status(500), on: .deleteCache)
        let report = try await scene.pass(at: Self.month)
        #expect(report.results.map(\.outcome.code) == [.failed, .succeeded])
        #expect(report.results.first?.outcome.httpStatus == 500)
        #expect(report.failure == .actionFailed)
        #expect(await scene.twin.calls.filter { $0 == .deleteCache }.count == 2, "a POST is never retried")
    }

    @Test func aModelLoadedJustBeforeTheCallIsSkippedAtTheReCheck() async throws {
        let scene = try await Scene().seen()
        let plan = try await scene.pass(at: Self.month, dryRun: true)
        let first = try #require(plan.results.first?.action.modelID)
        await scene.twin.inject(.change({ models in
            if let index = models.firstIndex(where: { $0.id == first }) { models[index].loaded = true }
        }), on: .model)
        let report = try await scene.pass(at: Self.month)
        #expect(report.results.first?.outcome.code == .skipped)
        #expect(report.results.first?.outcome.note == "no longer eligible at the re-check: it is loaded")
        #expect(try await scene.model(first).downloaded == true)
        #expect(report.results.last?.outcome.code == .succeeded)
    }

    @Test func aHungReCheckFailsTheActionAfterTheTimeoutAndTheRestGoesOn() async throws {
        let scene = try await Scene().seen()
        await scene.twin.inject(.hang, on: .model)
        let report = try await scene.pass(at: Self.month, yaml: """
            pieces: { timeout: 1s }
            retention:
              rules: [{ name: everything-else, stale_after: 30d }]
            """)
        #expect(report.results.first?.outcome.code == .failed)
        #expect(report.results.first?.outcome.error?.hasPrefix("re-check failed: Pieces OS is unreachable") == true)
        #expect(report.results.last?.outcome.code == .succeeded)
    }

    @Test(arguments: [InMemoryModelsAPI.Fault.malformedBody, .status(503), .refused])
    func aBadSnapshotEndsThePassAsUnreachableAndJournalsIt(fault: InMemoryModelsAPI.Fault) async throws {
        let scene = try Scene()
        await scene.twin.inject(fault, on: .snapshot)
        await #expect { try await scene.pass(at: Self.t0) } throws: { error in
            FailureCategory.of(error) == .piecesUnavailable
        }
        #expect(scene.events.sent.map(\.kind).last == .piecesUnreachable)
        let journal = try JournalDatabase.open(at: try scene.configuration(at: Self.t0).journal)
        #expect(try await journal.writer.read { try Int.fetchOne($0, sql: "SELECT exit_status FROM run") } == 69)
    }

    @Test func memoryPressureUnloadsEveryModelAndRecordsMemAvailable() async throws {
        let scene = try Scene()
        let report = try await scene.pass(at: Self.t0, availableGiB: 1)
        let unload = try #require(report.memory?.unload)
        #expect(unload.outcome.code == .succeeded && unload.outcome.httpStatus == 204)
        #expect(unload.availableAfterBytes == 1 << 30)
        #expect(try await scene.model(Self.loadedLLM).loaded == false)
        #expect(scene.events.sent.map(\.kind).contains(.modelsUnloaded))
    }

    @Test func aRefusedUnloadFailsWithItsStatus() async throws {
        let scene = try Scene()
        await scene.twin.inject(.status(500), on: .unloadAll)
        let report = try await scene.pass(at: Self.t0, availableGiB: 1)
        #expect(report.memory?.unload?.outcome.code == .failed)
        #expect(report.memory?.unload?.outcome.httpStatus == 500)
        #expect(report.failure == .actionFailed)
    }

    @Test func anUnloadWithNothingLoadedAnyMoreIsSkippedAtTheReCheck() async throws {
        let scene = try Scene()
        await scene.twin.inject(.change({ models in
            for index in models.indices { models[index].loaded = false }
        }), on: .loadStates)
        let report = try await scene.pass(at: Self.t0, availableGiB: 1)
        #expect(report.memory?.unload?.outcome.code == .skipped)
        #expect(!(await scene.twin.calls.contains(.unloadAll)))
    }
}
