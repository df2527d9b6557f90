import Foundation
import Logging
import ModelsSimulator
import PiecesModels
import ServiceLifecycleTestKit
import Synchronization
import TestSupport
import Testing
@testable import WardenCore

/// The watcher's loop in-process, against the in-memory twin, as systemd would see it.
@Suite("The watch service, in-process")
struct WatchServiceTests {
    /// sd_notify in memory, as a stream the test reads in order.
    final class Notifications: ServiceNotifier {
        let watchdogInterval: Duration? = .milliseconds(200)
        let wantsStatus = true
        let stream: AsyncStream<String>
        private let continuation: AsyncStream<String>.Continuation

        init() { (stream, continuation) = AsyncStream.makeStream() }

        func notify(_ state: String) { continuation.yield(state) }
    }

    @Test(.timeLimit(.minutes(1)))
    func samplesMemoryAndPetsTheWatchdogWhileAStepWaitsOnPiecesOS() async throws {
        let directory = try TemporaryDirectory()
        let meminfo = directory.path("meminfo")
        try "MemTotal: 16777216 kB\nMemAvailable: 8388608 kB\n".write(toFile: meminfo, atomically: true, encoding: .utf8)
        let twin = InMemoryModelsAPI(models: BuiltInCatalog.models)
        // The first pass's snapshot hangs through every retry: about 9.5 s at a 3 s deadline.
        for _ in 0...RetryingModelsAPI.getRetries { await twin.inject(.hang, on: .snapshot) }
        let configuration = WardenConfiguration(
            policy: try PolicyLoader.load(texts: [(file: "t.yaml", text: "version: 1\npieces: { timeout: 3s }\nschedule: { memory_every: 1s }\n")]),
            journal: JournalLocation(path: directory.path("journal.sqlite"), createsDirectories: false),
            memoryProbe: MemoryProbe(meminfoPath: meminfo, psiPath: directory.path("no-psi")), now: Date())
        let notifier = Notifications()
        let world = OutsideWorld(pieces: twin, events: RecordingEventSink(), clock: { Date() }, logger: Logger(label: "test"))
        let service = try WatchService(configuration: configuration, reload: { configuration }, world: world, notifier: notifier)

        try await testGracefulShutdown { trigger in
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await service.run() }
                // STATUS= goes out with the first memory reading: while the pass still waits,
                // since a pass sets the last pass's part of it when it ends.
                var pets = 0
                for await state in notifier.stream {
                    if state == "WATCHDOG=1" { pets += 1 }
                    if state.hasPrefix("STATUS=") {
                        #expect(state.contains("8.00 GiB available") && state.contains("no pass yet"), "\(state)")
                        #expect(await twin.calls.filter { $0 == .snapshot }.count < 3, "the pass has not ended")
                        break
                    }
                }
                for await state in notifier.stream where state == "WATCHDOG=1" {
                    pets += 1
                    if pets >= 5 { break }
                }
                #expect(await twin.calls.filter { $0 == .snapshot }.count <= 3)
                trigger.triggerGracefulShutdown()
                try await group.waitForAll()
            }
        }
    }
}
