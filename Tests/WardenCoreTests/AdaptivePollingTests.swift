import Foundation
import Testing
@testable import WardenCore

/// The watcher's adaptive wait between memory samples (earlyoom's sleep), and the PSI wake.
@Suite("Adaptive polling")
struct AdaptivePollingTests {
    typealias Effect = WatchSchedule.Effect
    static let t0 = WatchScheduleTests.t0

    static func policy(_ yaml: String) throws -> Policy {
        try WatchScheduleTests.policy(yaml, adaptive: true)
    }

    /// 16 GiB of MemTotal, so the default threshold (10%) is 1.6 GiB.
    @Test(arguments: [
        ("far above: the longest wait", "schedule: { memory_every: 1s }", 12, false, 10.0),
        ("2.4 GiB above: 2.4 s at 1 GiB/s", "schedule: { memory_every: 1s }", 4, false, 2.4),
        ("0.4 GiB above: memory_every", "schedule: { memory_every: 1s }", 2, false, 1.0),
        ("under the threshold: memory_every", "schedule: { memory_every: 1s }", 1, false, 1.0),
        ("pressure already seen: memory_every", "schedule: { memory_every: 1s }", 12, true, 1.0),
        ("a PSI average in the policy: memory_every", "memory: { psi_some_avg10_above: 20 }\nschedule: { memory_every: 1s }", 12, false, 1.0),
        ("Pieces OS's RSS in the policy: memory_every", "memory: { pieces_rss_above: 20% }\nschedule: { memory_every: 1s }", 12, false, 1.0),
        ("memory_every_max at memory_every: plain polling", "schedule: { memory_every: 2s, memory_every_max: 2s }", 12, false, 2.0),
        ("memory_every longer than the maximum wins", "schedule: { memory_every: 30s }", 12, false, 30.0),
        ("a shorter maximum", "schedule: { memory_every: 1s, memory_every_max: 5s }", 12, false, 5.0),
    ] as [(String, String, Int, Bool, Double)])
    func theWaitGrowsWithTheHeadroom(_ name: String, yaml: String, availableGiB: Int, pressure: Bool, expected: Double) throws {
        let sample = WatchScheduleTests.sample(availableGiB: availableGiB)
        let wait = AdaptivePolling.interval(after: sample, policy: try Self.policy(yaml), underPressure: pressure)
        #expect(abs(wait - expected) < 0.05, "\(name): \(wait)")
    }

    @Test func theModeSaysHowMemoryIsWatched() throws {
        #expect(AdaptivePolling.mode(try Self.policy("schedule: { memory_every: 1s }"), trigger: nil) == "adaptive polling 1s–10s")
        #expect(AdaptivePolling.mode(try Self.policy("schedule: { memory_every_max: 1s }"), trigger: "a PSI trigger on /proc/pressure/memory")
            == "a PSI trigger on /proc/pressure/memory, polling every 2s")
    }

    /// Far from the threshold a sample waits 10 s; memory falling to the threshold's
    /// neighbourhood brings memory_every back, and an unload follows within sustain plus one.
    @Test func farFromTheThresholdSamplesWaitAndNearItTheyComeEveryInterval() throws {
        var schedule = WatchScheduleTests.settled(try Self.policy("memory: { sustain: 3s }\nschedule: { memory_every: 1s }"))
        func at(_ offset: Double) -> Date { Self.t0.addingTimeInterval(offset) }
        _ = schedule.handle(.memory(WatchScheduleTests.sample(availableGiB: 12)), at: at(1))
        #expect(schedule.handle(.tick, at: at(2)) == [])
        #expect(schedule.handle(.tick, at: at(10.9)) == [])
        #expect(schedule.handle(.tick, at: at(11)) == [.sampleMemory(psi: false)])
        // 2 GiB: 0.4 GiB above the threshold, so every second from now on.
        #expect(schedule.handle(.memory(WatchScheduleTests.sample(availableGiB: 2)), at: at(11)) == [])
        #expect(schedule.handle(.tick, at: at(12)) == [.sampleMemory(psi: false)])
        var unloadAt: Double?
        for offset in stride(from: 12.0, through: 20, by: 1) {
            if offset > 12 { #expect(schedule.handle(.tick, at: at(offset)) == [.sampleMemory(psi: false)]) }
            let effects = schedule.handle(.memory(WatchScheduleTests.sample(availableGiB: 1)), at: at(offset))
            guard effects.contains(.checkLoaded(readCooldown: true)) else { continue }
            if schedule.handle(.loaded(["m"], lastUnload: nil), at: at(offset)).contains(.unload) {
                unloadAt = offset
                break
            }
        }
        #expect(unloadAt == 15, "pressure first seen at 12 s, sustain 3 s")
    }

    @Test func aPressureWakeSamplesAtOnceButNotMoreThanFourTimesASecond() throws {
        var schedule = WatchScheduleTests.settled(try Self.policy("schedule: { memory_every: 1s }"))
        func at(_ offset: Double) -> Date { Self.t0.addingTimeInterval(offset) }
        _ = schedule.handle(.memory(WatchScheduleTests.sample(availableGiB: 12)), at: at(1))
        #expect(schedule.handle(.pressureWake, at: at(3)) == [.sampleMemory(psi: false)])
        _ = schedule.handle(.memory(WatchScheduleTests.sample(availableGiB: 12)), at: at(3))
        #expect(schedule.handle(.pressureWake, at: at(3.1)) == [])
        #expect(schedule.handle(.tick, at: at(3.25)) == [.sampleMemory(psi: false)])
    }

    @Test func theStatusLineNamesTheMode() throws {
        var schedule = WatchSchedule(policy: try Self.policy(""), watchdogEvery: nil, publishesStatus: true)
        _ = schedule.handle(.watching("adaptive polling 2s–10s"), at: Self.t0)
        _ = schedule.handle(.started, at: Self.t0)
        let effects = schedule.handle(.tick, at: Self.t0) + schedule.handle(.memory(WatchScheduleTests.sample(availableGiB: 8)), at: Self.t0)
        #expect(effects.contains(.publish("memory: 8.00 GiB available, no_pressure; no pass yet; no unload yet; watching: adaptive polling 2s–10s")))
    }
}
