import Foundation
import GRDB
import TestSupport
import Testing

/// SIGHUP rebuilds the watcher's whole configuration: a new Pieces OS URL and deadline apply
/// at once; a new journal path is refused while the rest applies.
@Suite("modelwarden watch reload end to end", .serialized)
struct WatchReloadTests {
    static func policy(url: String, timeout: String, journal: String) -> String {
        """
        version: 1
        pieces:
          url: \(url)
          timeout: \(timeout)
        memory:
          unload_below: 10%
          sustain: 1s
          cooldown: 10m
        schedule:
          memory_every: 1s
          retention_every: 1h
        journal:
          database: \(journal)

        """
    }

    @Test(.timeLimit(.minutes(1)))
    func aNewURLAndTimeoutTakeEffectAtOnceAndANewJournalIsRefused() async throws {
        let first = try SimulatorProcess(["--mem-total", "16GiB"])
        let second = try SimulatorProcess(["--mem-total", "16GiB"])
        let directory = try TemporaryDirectory()
        let meminfo = directory.path("meminfo")
        try "MemTotal: 16777216 kB\nMemAvailable: 12582912 kB\n".write(toFile: meminfo, atomically: true, encoding: .utf8)
        let journal = directory.path("journal.sqlite")
        // The URL and the journal come from the policy: the environment must not override them.
        let watch = try WatchCommandTests.Scene(
            meminfo: meminfo, policy: Self.policy(url: first.url, timeout: "5s", journal: journal),
            environment: ["MODELWARDEN_PIECES_URL": "", "MODELWARDEN_DB": ""])
        #expect(watch.notify.next() == "READY=1")
        #expect(watch.notify.first { $0.contains("action(s)") } != nil, "no first pass")

        // The second answers its next GET /models (and both retries) after 3 s: within the old
        // 5 s deadline, not the new 1 s.
        let fault = #"{"method": "GET", "path": "/models", "delay_ms": 3000, "times": 3}"#
        #expect(try await SimulatorControl.post(second.url + "/_sim/faults", body: fault) == 201)
        let moved = Self.policy(url: second.url, timeout: "1s", journal: directory.path("elsewhere.sqlite"))
        try moved.write(toFile: watch.directory.path("policies.d") + "/50-watch.yaml", atomically: true, encoding: .utf8)
        kill(watch.watcher.processIdentifier, SIGHUP)
        #expect(watch.awaitLog("policy reloaded"))

        // Pressure now: the loaded-models check and the unload go to the second simulator.
        try "MemTotal: 16777216 kB\nMemAvailable: 1048576 kB\n".write(toFile: meminfo, atomically: true, encoding: .utf8)
        #expect(watch.notify.first { $0.contains("unload succeeded") } != nil, "no unload")
        #expect(try await SimulatorControl.requests(second.url).contains("POST /models/unload 204"))
        let toFirst = try await SimulatorControl.requests(first.url)
        #expect(!toFirst.contains { $0.hasPrefix("POST /models/unload") })
        let unloads = try await DatabaseQueue(path: journal).read { db in
            try String.fetchAll(db, sql: "SELECT outcome FROM action WHERE kind = 'unload_all'")
        }
        #expect(unloads == ["succeeded"], "the unload is in the journal that was open")
        #expect(!FileManager.default.fileExists(atPath: directory.path("elsewhere.sqlite")))

        let (status, log) = watch.stop()
        #expect(status == 0, "\(log)")
        #expect(log.contains("timed out after 1 s"), "the held request was not cut at the new deadline: \(log)")
        #expect(log.contains("journal.database change refused until a restart"), "\(log)")
        _ = first.stop()
        _ = second.stop()
    }
}
