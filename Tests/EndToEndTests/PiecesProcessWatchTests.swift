import Foundation
import GRDB
import TestSupport
import Testing

/// `modelwarden watch` with `memory.pieces_rss_above`: Pieces OS's own RSS is sampled with
/// memory, shown in the status line, and unloads the models like any other pressure.
@Suite("Pieces OS's RSS in the watcher", .serialized)
struct PiecesProcessWatchTests {
    @Test func aPiecesOSOverItsRSSLimitIsUnloadedByTheWatcher() async throws {
        let directory = try TemporaryDirectory()
        let policies = directory.path("policies.d")
        try FileManager.default.createDirectory(atPath: policies, withIntermediateDirectories: true)
        let policy = "version: 1\nmemory: { pieces_rss_above: 40%, sustain: 0s }\nschedule: { memory_every: 1s }\n"
        try policy.write(toFile: policies + "/50-watch.yaml", atomically: true, encoding: .utf8)
        try "MemTotal: 67108864 kB\nMemAvailable: 50331648 kB\n".write(toFile: directory.path("meminfo"), atomically: true, encoding: .utf8)
        let simulator = try SimulatorProcess()
        let proc = try FakeProc(in: directory, port: simulator.port, rssKB: 30 << 20)
        let notify = try NotifyListener(path: directory.path("notify"))
        let watcher = Process()
        watcher.executableURL = Binaries.url("modelwarden")
        watcher.arguments = ["watch", "--meminfo", directory.path("meminfo"), "--psi", directory.path("no-psi"), "--proc-root", proc.root]
        watcher.environment = [
            "PATH": "/usr/bin:/bin", "NOTIFY_SOCKET": notify.path, "MODELWARDEN_PIECES_URL": simulator.url,
            "MODELWARDEN_DB": directory.path("journal.sqlite"), "MODELWARDEN_POLICY_DIR": policies,
        ]
        watcher.standardOutput = FileHandle.nullDevice
        watcher.standardError = FileHandle.nullDevice
        try watcher.run()
        defer { if watcher.isRunning { kill(watcher.processIdentifier, SIGKILL) } }

        #expect(notify.next() == "READY=1")
        // 30 GiB is above 40% of 64 GiB, while 48 GiB of MemAvailable is plenty.
        #expect(notify.first { $0.contains("Pieces OS 30.00 GiB") } != nil, "the status line shows Pieces OS's RSS")
        #expect(notify.first { $0.contains("unload succeeded") } != nil)
        #expect(try await SimulatorControl.requests(simulator.url).contains("POST /models/unload 204"))
        kill(watcher.processIdentifier, SIGTERM)
        watcher.waitUntilExit()
        #expect(watcher.terminationStatus == 0)
        let rows = try await DatabaseQueue(path: directory.path("journal.sqlite")).read { db in
            try Row.fetchAll(db, sql: "SELECT outcome, pieces_rss_before_bytes, pieces_rss_after_bytes FROM action WHERE kind = 'unload_all'")
        }
        #expect(rows.count == 1)
        #expect(rows.first?[0] as String? == "succeeded" && rows.first?[1] as Int? == 30 << 30 && rows.first?[2] as Int? == 30 << 30)
        let recorded = try await DatabaseQueue(path: directory.path("journal.sqlite")).read { db in
            try Int.fetchOne(db, sql: "SELECT pieces_pid FROM run WHERE kind = 'pass'")
        }
        #expect(recorded == Int(proc.pid), "the watcher's retention pass records the process too")
    }
}
