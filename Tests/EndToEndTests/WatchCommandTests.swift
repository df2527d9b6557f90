import Foundation
import GRDB
import TestSupport
import Testing

/// `modelwarden watch` as systemd runs it: sd_notify, memory pressure, signals.
@Suite("modelwarden watch end to end", .serialized)
struct WatchCommandTests {
    static let llama = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b01"
    static let policy = """
        version: 1
        retention:
          rules:
            - name: all
              stale_after: 30d
        memory:
          unload_below: 10%
          sustain: 2s
          cooldown: 10m
        schedule:
          memory_every: 1s
          memory_every_max: 1s
          retention_every: 1h

        """

    /// A watcher against a simulator under memory pressure (Llama loaded, about 8% available).
    final class Scene: @unchecked Sendable {
        let directory: TemporaryDirectory
        let simulator: SimulatorProcess
        let notify: NotifyListener
        let watcher = Process()
        let stderr = Pipe()
        let meminfo: String

        init(meminfo custom: String? = nil, policy: String = WatchCommandTests.policy, environment extra: [String: String] = [:]) throws {
            directory = try TemporaryDirectory()
            let policies = directory.path("policies.d")
            try FileManager.default.createDirectory(atPath: policies, withIntermediateDirectories: true)
            try policy.write(toFile: policies + "/50-watch.yaml", atomically: true, encoding: .utf8)
            let simulated = directory.path("meminfo")
            simulator = try SimulatorProcess(["--meminfo-out", simulated, "--mem-total", "16GiB", "--mem-base", "9GiB"])
            meminfo = custom ?? simulated
            notify = try NotifyListener(path: directory.path("notify"))
            watcher.executableURL = Binaries.url("modelwarden")
            watcher.arguments = ["watch", "--meminfo", meminfo, "--psi", directory.path("no-psi")]
            watcher.environment = [
                "PATH": "/usr/bin:/bin", "NOTIFY_SOCKET": notify.path, "MODELWARDEN_PIECES_URL": simulator.url,
                "MODELWARDEN_DB": directory.path("journal.sqlite"), "MODELWARDEN_POLICY_DIR": policies,
                "MODELWARDEN_LOG_LEVEL": "notice",
            ].merging(extra) { $1 }
            watcher.standardOutput = FileHandle.nullDevice
            watcher.standardError = stderr
            try watcher.run()
        }

        func unloads() throws -> [String] {
            try DatabaseQueue(path: directory.path("journal.sqlite")).read { db in
                try String.fetchAll(db, sql: "SELECT outcome FROM action WHERE kind = 'unload_all' ORDER BY id")
            }
        }

        /// The watcher's threads from libdispatch: named after a root queue such as
        /// "com.apple.root.default-qos" or its ".overcommit" twin, which the manager thread
        /// also runs on (cut to 15 bytes). Its tasks run on SwiftNIO's loops, and it takes its
        /// signals with sigwait, so libdispatch never starts a thread.
        func dispatchThreads() -> [String] {
            let tasks = "/proc/\(watcher.processIdentifier)/task"
            let threads = (try? FileManager.default.contentsOfDirectory(atPath: tasks)) ?? []
            return threads.compactMap { try? String(contentsOfFile: "\(tasks)/\($0)/comm", encoding: .utf8) }
                .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
                .filter { $0.hasSuffix("-qos") || $0.hasSuffix("-qos.overcommit") }
        }

        /// Standard error read so far.
        private(set) var logSoFar = ""

        /// Reads standard error until it holds `text`; false if the watcher exits first.
        func awaitLog(_ text: String) -> Bool {
            while !logSoFar.contains(text) {
                let data = stderr.fileHandleForReading.availableData
                if data.isEmpty { return false }
                logSoFar += String(decoding: data, as: UTF8.self)
            }
            return true
        }

        /// Stops the watcher with `signal` and returns its exit status and standard error.
        func stop(_ signal: Int32 = SIGTERM) -> (Int32, String) {
            kill(watcher.processIdentifier, signal)
            let text = logSoFar + String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            watcher.waitUntilExit()
            return (watcher.terminationStatus, text)
        }

        deinit { if watcher.isRunning { kill(watcher.processIdentifier, SIGKILL) } }
    }

    @Test func unloadsAfterSustainedPressureOnceThenRespectsTheCooldown() async throws {
        let scene = try Scene()
        #expect(scene.notify.next() == "READY=1")
        let unloaded = scene.notify.first { $0.contains("unload succeeded") }
        #expect(unloaded != nil, "no STATUS reported the unload")
        #expect(try await SimulatorControl.requests(scene.simulator.url).contains("POST /models/unload 204"))
        #expect(try scene.unloads() == ["succeeded"])

        // Loaded again: pressure again, but the cooldown holds, and the status says so.
        #expect(try await SimulatorControl.post(scene.simulator.url + "/model/\(Self.llama)/load") == 200)
        #expect(scene.notify.first { $0.contains("cooldown") } != nil)
        #expect(try scene.unloads() == ["succeeded"])
        // A retention pass, snapshots, an unload and its settle: none of it woke
        // libdispatch, whose worker pool's monitor would wake the watcher every second from then on.
        #expect(scene.dispatchThreads().isEmpty, "\(scene.dispatchThreads())")

        let (status, log) = scene.stop()
        #expect(status == 0, "\(log)")
        #expect(log.contains("unloaded every model"))
    }

    @Test func stopsWithin5sWhileARequestToPiecesOSHangs() async throws {
        // Requests may take 15 s; the one the fault holds answers after 16: far longer than the
        // 4 s stop grace plus however late a loaded machine runs this test, so the step is
        // still waiting when the stop cuts it short.
        let scene = try Scene(policy: Self.policy + "pieces:\n  timeout: 15s\n")
        #expect(scene.notify.next() == "READY=1")
        let fault = #"{"method": "GET", "path": "/models", "delay_ms": 16000, "times": 1}"#
        #expect(try await SimulatorControl.post(scene.simulator.url + "/_sim/faults", body: fault) == 201)
        // Under pressure the watcher asks for the loaded models every second; the fault is
        // gone from the plan once a request has taken it.
        var waiting = true
        for _ in 0..<500 where waiting {
            waiting = try await SimulatorControl.get(scene.simulator.url + "/_sim/faults") != "[]"
            if waiting { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(!waiting, "no request took the fault")
        let clock = ContinuousClock()
        let start = clock.now
        let (status, log) = scene.stop()
        #expect(clock.now - start < .seconds(5))
        #expect(status == 0, "\(log)")
        #expect(log.contains("step cut short to stop in time"), "\(log)")
    }

    @Test func petsTheWatchdogAtHalfItsInterval() throws {
        let scene = try Scene(environment: ["WATCHDOG_USEC": "1000000"])
        #expect(scene.notify.next() == "READY=1")
        #expect(scene.notify.first { $0 == "WATCHDOG=1" } != nil)
        #expect(scene.notify.first { $0 == "WATCHDOG=1" } != nil)
        #expect(scene.stop().0 == 0)
    }

    @Test func aFlappingSignalNeverUnloads() throws {
        let directory = try TemporaryDirectory()
        let meminfo = directory.path("flapping-meminfo")
        let low = "MemTotal: 16777216 kB\nMemAvailable: 1048576 kB\n"
        let high = "MemTotal: 16777216 kB\nMemAvailable: 8388608 kB\n"
        try low.write(toFile: meminfo, atomically: true, encoding: .utf8)
        let scene = try Scene(meminfo: meminfo)
        #expect(scene.notify.next() == "READY=1")
        // Flip the signal after every sample the watcher reports: pressure never lasts 2 s.
        var samples = 0
        var pressured = true
        while samples < 8, let status = scene.notify.next() {
            guard status.hasPrefix("STATUS=memory: ") else { continue }
            samples += 1
            pressured.toggle()
            try (pressured ? low : high).write(toFile: meminfo, atomically: true, encoding: .utf8)
        }
        #expect(samples == 8)
        #expect(try scene.unloads().isEmpty)
        #expect(scene.stop().0 == 0)
    }

    @Test func reloadsThePolicyOnSIGHUPAndRejectsAnInvalidOne() throws {
        let scene = try Scene()
        #expect(scene.notify.next() == "READY=1")
        let file = scene.directory.path("policies.d/50-watch.yaml")
        try "version: 9\n".write(toFile: file, atomically: true, encoding: .utf8)
        kill(scene.watcher.processIdentifier, SIGHUP)
        // The watcher keeps working on the old policy: it still reports samples.
        #expect(scene.notify.first { $0.hasPrefix("STATUS=memory: ") } != nil)
        #expect(scene.notify.first { $0.hasPrefix("STATUS=memory: ") } != nil)
        // The signal thread took SIGHUP; libdispatch's signal sources would have started its pool.
        #expect(scene.dispatchThreads().isEmpty, "\(scene.dispatchThreads())")
        let (status, log) = scene.stop(SIGINT)
        #expect(status == 0)
        #expect(log.contains("new policy rejected; keeping the old one"), "\(log)")
        #expect(log.contains("unknown policy version 9"))
    }

    @Test func keepsRunningWhenPiecesOSGoesAwayOrMeminfoIsGarbage() throws {
        let directory = try TemporaryDirectory()
        let meminfo = directory.path("custom-meminfo")
        try "MemTotal: 16777216 kB\nMemAvailable: 1048576 kB\n".write(toFile: meminfo, atomically: true, encoding: .utf8)
        let scene = try Scene(meminfo: meminfo)
        #expect(scene.notify.next() == "READY=1")
        scene.simulator.stop()
        #expect(scene.notify.first { $0.contains("Pieces OS or the journal unavailable") } != nil)
        try "garbage\n".write(toFile: meminfo, atomically: true, encoding: .utf8)
        #expect(scene.notify.first { $0.contains("memory unreadable") } != nil)
        let (status, log) = scene.stop()
        #expect(status == 0)
        #expect(log.contains("cannot read memory; retrying on schedule"))
        #expect(log.contains("memory step failed; retrying on schedule"))
    }
}
