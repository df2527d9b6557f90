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

    /// A twin of the built-in catalog, a journal, and a meminfo file that the test writes, or
    /// that follows the twin's loaded models (`followsModels`).
    struct Scene {
        let directory: TemporaryDirectory
        let twin: InMemoryModelsAPI
        let events = RecordingEventSink()
        let followsModels: Bool

        init(followsModels: Bool = false) throws {
            let directory = try TemporaryDirectory()
            self.directory = directory
            self.followsModels = followsModels
            let meminfo = MeminfoFile(path: directory.path("meminfo"), total: ByteCount(16 << 30), base: ByteCount(9 << 30))
            twin = InMemoryModelsAPI(models: BuiltInCatalog.models, observer: { if followsModels { try? meminfo.write($0) } })
            if followsModels { try meminfo.write(Models(iterable: BuiltInCatalog.models, schema: .current)) }
        }

        func configuration(at now: Date, yaml: String = "", availableGiB: Int = 9) throws -> WardenConfiguration {
            let texts = [TestPolicy.noticesOff] + (yaml.isEmpty ? [] : [(file: "test.yaml", text: "version: 1\n" + yaml)])
            let meminfo = directory.path("meminfo")
            if !followsModels {
                try "MemTotal: \(16 << 20) kB\nMemAvailable: \(availableGiB << 20) kB\n".write(toFile: meminfo, atomically: true, encoding: .utf8)
            }
            var configuration = WardenConfiguration(
                policy: try PolicyLoader.load(texts: texts), piecesURL: nil,
                journal: JournalLocation(path: directory.path("journal.sqlite"), createsDirectories: false),
                memoryProbe: MemoryProbe(meminfoPath: meminfo, psiPath: directory.path("no-psi")), now: now)
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

    @Test func aReCheckThatHangsThroughItsRetriesFailsTheActionAndTheRestGoesOn() async throws {
        let scene = try await Scene().seen()
        for _ in 0...RetryingModelsAPI.getRetries { await scene.twin.inject(.hang, on: .model) }
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
        // Enough for every retry: a malformed body is not retried, the others are.
        for _ in 0...RetryingModelsAPI.getRetries { await scene.twin.inject(fault, on: .snapshot) }
        await #expect { try await scene.pass(at: Self.t0) } throws: { error in
            FailureCategory.of(error) == .piecesUnavailable
        }
        #expect(scene.events.sent.map(\.kind).last == .piecesUnreachable)
        let journal = try JournalDatabase.open(at: try scene.configuration(at: Self.t0).journal)
        #expect(try await journal.writer.read { try Int.fetchOne($0, sql: "SELECT exit_status FROM run") } == 69)
    }

    @Test func aSnapshotFaultOnceIsRetriedAwayAsAgainstARealPiecesOS() async throws {
        let scene = try Scene()
        await scene.twin.inject(.status(503), on: .snapshot)
        let report = try await scene.pass(at: Self.t0)
        #expect(report.models == BuiltInCatalog.models.count)
        #expect(await scene.twin.calls.prefix(2) == [.snapshot, .snapshot])
    }

    @Test func memoryPressureUnloadsEveryModelAndRecordsMemAvailableBeforeAndAfter() async throws {
        let scene = try Scene(followsModels: true)
        // 16 GiB less 9 GiB in use less the loaded Llama's RAM is available: under 25% of 16 GiB.
        let report = try await scene.pass(at: Self.t0, yaml: "memory: { unload_below: 25% }")
        let unload = try #require(report.memory?.unload)
        let before = try #require(report.memory?.sample?.memInfo.availableBytes)
        #expect(unload.outcome.code == .succeeded && unload.outcome.httpStatus == 204)
        #expect(unload.availableAfterBytes == 7 << 30)
        #expect(before < 7 << 30 && unload.outcome.freedBytes == (7 << 30) - before)
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
