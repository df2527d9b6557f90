import Foundation
import GRDB
import Glibc
import TestSupport
import Testing

/// How soon the built watcher reacts to pressure under adaptive polling, with and without a
/// pressure trigger: at most `sustain` plus one interval. Part of the serialized watcher suite:
/// these tests block a thread while they wait, and two such suites at once would take both of a
/// 2-core machine's concurrency threads from the in-process tests beside them.
extension WatchCommandTests {
    /// sustain 2s, memory_every 1s, memory_every_max left at its default (10 s).
    static let adaptivePolicy = WatchCommandTests.policy.replacingOccurrences(of: "  memory_every_max: 1s\n", with: "")
    static let total = 16 * 1_048_576

    /// A meminfo file of 16 GiB with `available` KiB available, replaced whole as the kernel's is read whole.
    static func write(availableKiB: Int, to path: String) throws {
        try "MemTotal: \(total) kB\nMemAvailable: \(availableKiB) kB\n".write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    /// Seconds from `written` to the unload's intent row (its `POST /models/unload` follows at
    /// once; the settle and the verification come after, so the STATUS line is later).
    static func reaction(_ scene: Scene, since written: Date) throws -> Double? {
        try DatabaseQueue(path: scene.directory.path("journal.sqlite")).read { db in
            try Double.fetchOne(db, sql: "SELECT intent_at FROM action WHERE kind = 'unload_all' ORDER BY id LIMIT 1")
        }.map { $0 - written.timeIntervalSince1970 }
    }

    /// Near the threshold the watcher samples every memory_every: memory that falls past it is
    /// unloaded within sustain (2 s) plus one interval (1 s), plus the unload's own requests.
    @Test func nearTheThresholdAnUnloadFollowsWithinSustainPlusOneInterval() throws {
        let directory = try TemporaryDirectory()
        let meminfo = directory.path("meminfo")
        try Self.write(availableKiB: 2 * 1_048_576, to: meminfo)  // 0.4 GiB above 10%
        let scene = try Scene(meminfo: meminfo, policy: Self.adaptivePolicy)
        #expect(scene.notify.next() == "READY=1")
        #expect(scene.notify.first {
            $0.contains("2.00 GiB available") && $0.contains("action(s)") && $0.contains("watching: adaptive polling 1s–10s")
        } != nil)
        let written = Date()
        try Self.write(availableKiB: 1_048_576, to: meminfo)
        #expect(scene.notify.first { $0.contains("unload succeeded") } != nil)
        let reaction = try #require(try Self.reaction(scene, since: written))
        #expect(reaction <= 2 + 1 + 0.5, "reacted in \(reaction) s")
        #expect(reaction >= 2, "sustain was not waited for: \(reaction) s")
        #expect(scene.stop().0 == 0)
    }

    /// Far above the threshold the watcher waits 10 s between samples; a pressure trigger (here
    /// systemd's MEMORY_PRESSURE_WATCH, a FIFO the test writes to) wakes it at once.
    @Test func farAboveTheThresholdAPressureTriggerWakesTheWatcherAtOnce() throws {
        let directory = try TemporaryDirectory()
        let meminfo = directory.path("meminfo"), fifo = directory.path("pressure")
        try Self.write(availableKiB: 12 * 1_048_576, to: meminfo)
        #expect(mkfifo(fifo, 0o600) == 0)
        let scene = try Scene(meminfo: meminfo, policy: Self.adaptivePolicy, environment: ["MEMORY_PRESSURE_WATCH": fifo])
        #expect(scene.notify.next() == "READY=1")
        #expect(scene.notify.first { $0.contains("12.00 GiB available") && $0.contains("action(s)") } != nil)
        let written = Date()
        try Self.write(availableKiB: 1_048_576, to: meminfo)
        let writer = open(fifo, O_WRONLY | O_NONBLOCK)
        #expect(writer >= 0, "the watcher holds no reader on the FIFO")
        defer { close(writer) }
        let start = ContinuousClock.now
        #expect(Glibc.write(writer, "p", 1) == 1)
        #expect(scene.notify.first { $0.contains("1.00 GiB available") } != nil)
        let seen = Self.seconds(since: start)
        #expect(seen < 1, "the wake took \(seen) s; a 10 s sleep was not cut short")
        #expect(scene.notify.first { $0.contains("unload succeeded") } != nil)
        let reaction = try #require(try Self.reaction(scene, since: written))
        #expect(reaction <= 2 + 1 + 0.5, "reacted in \(reaction) s")
        let (status, log) = scene.stop()
        #expect(status == 0)
        #expect(log.contains("waiting on a PSI trigger between memory samples"))
    }
}
