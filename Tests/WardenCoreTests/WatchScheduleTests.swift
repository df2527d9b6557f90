import Foundation
import Testing
@testable import WardenCore

/// The watcher's schedule, driven by events at fake times: no clock, no I/O, no sleeping.
@Suite("The watch schedule")
struct WatchScheduleTests {
    typealias Effect = WatchSchedule.Effect
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let gib = 1 << 30

    /// `yaml` over plain polling (`memory_every_max: 1s`), so that samples come every
    /// `memory_every` whatever the headroom; ``AdaptivePollingTests`` covers the adaptive wait.
    static func policy(_ yaml: String = "", adaptive: Bool = false) throws -> Policy {
        let plain = adaptive ? [] : [(file: "00-plain.yaml", text: "version: 1\nschedule: { memory_every_max: 1s }")]
        return try PolicyLoader.load(texts: plain + (yaml.isEmpty ? [] : [(file: "test.yaml", text: "version: 1\n" + yaml)])).policy
    }

    /// MemAvailable of 16 GiB: 1 GiB is pressure under the default 10%, 8 GiB is not.
    static func sample(availableGiB: Int) -> MemorySample {
        MemorySample(memInfo: MemInfo(totalBytes: 16 * gib, availableBytes: availableGiB * gib), stall: nil)
    }

    /// A schedule past its first pass and first loaded-models check, at t0 + 1 s.
    static func settled(_ policy: Policy, watchdog: Duration? = nil, loaded: [String] = ["m"]) -> WatchSchedule {
        var schedule = WatchSchedule(policy: policy, watchdogEvery: watchdog, publishesStatus: false)
        _ = schedule.handle(.started, at: t0)
        _ = schedule.handle(.passFinished(summary: "pass 1"), at: t0)
        _ = schedule.handle(.memory(sample(availableGiB: 8)), at: t0)
        _ = schedule.handle(.loaded(loaded, lastUnload: nil), at: t0)
        return schedule
    }

    /// Feeds `availableGiB` samples every `every` seconds from `start`, answering each check of
    /// the loaded models with `loaded`; returns the offsets at which an unload was asked for.
    static func unloads(
        _ schedule: inout WatchSchedule, samples: [Int], every: TimeInterval = 2, start: TimeInterval = 2,
        lastUnload: Date? = nil
    ) -> [TimeInterval] {
        var asked: [TimeInterval] = []
        var lastUnload = lastUnload  // as the journal would answer
        for (index, available) in samples.enumerated() {
            let offset = start + Double(index) * every
            let now = t0.addingTimeInterval(offset)
            #expect(schedule.handle(.tick, at: now) == [.sampleMemory(psi: false)])
            let effects = schedule.handle(.memory(sample(availableGiB: available)), at: now)
            guard effects.contains(where: { if case .checkLoaded = $0 { true } else { false } }) else { continue }
            if schedule.handle(.loaded(["m"], lastUnload: lastUnload), at: now).contains(.unload) {
                asked.append(offset)
                lastUnload = now
                _ = schedule.handle(.unloaded(.succeeded), at: now)
            }
        }
        return asked
    }

    @Test func startsWithAPassThenSamplesAndChecksTheLoadedModels() throws {
        var schedule = WatchSchedule(policy: try Self.policy(), watchdogEvery: nil, publishesStatus: false)
        #expect(schedule.handle(.started, at: Self.t0) == [.runPass])
        let (one, two) = (Self.t0.addingTimeInterval(1), Self.t0.addingTimeInterval(2))
        #expect(schedule.handle(.tick, at: one) == [.sampleMemory(psi: false)], "memory is watched while the pass runs")
        #expect(schedule.handle(.memory(Self.sample(availableGiB: 8)), at: one) == [], "Pieces OS is not asked meanwhile")
        #expect(schedule.handle(.passFinished(summary: "pass 1"), at: two) == [.sampleMemory(psi: false)])
        #expect(schedule.handle(.memory(Self.sample(availableGiB: 8)), at: two) == [.checkLoaded(readCooldown: false)])
        #expect(schedule.handle(.loaded(["m"], lastUnload: nil), at: two) == [.recordLoaded(loaded: ["m"], unloaded: [])])
    }

    @Test(arguments: [
        ("sustain 30s: the 16th sample, 30 s after the first", "", [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], [32.0]),
        ("sustain 0s acts on the first sample", "memory: { sustain: 0s }", [1, 1], [2.0]),
        ("flapping restarts the sustain", "memory: { sustain: 10s }", [1, 1, 1, 8, 1, 1, 1, 1, 1, 1, 1], [20.0]),
        ("no pressure, no unload", "", [8, 8, 8, 8], []),
        ("cooldown 0s allows an unload on every sustained sample", "memory: { sustain: 0s, cooldown: 0s }", [1, 1, 1], [2.0, 4.0, 6.0]),
    ] as [(String, String, [Int], [Double])])
    func sustainAndFlapping(_ name: String, yaml: String, samples: [Int], expected: [Double]) throws {
        var schedule = Self.settled(try Self.policy(yaml))
        #expect(Self.unloads(&schedule, samples: samples) == expected, "\(name)")
    }

    @Test(arguments: [(300.0, false), (599.0, false), (600.0, true), (3600.0, true)])
    func cooldownComesFromTheJournalsLastUnload(ago: TimeInterval, unloads: Bool) throws {
        var schedule = Self.settled(try Self.policy("memory: { sustain: 0s }"))
        let last = Self.t0.addingTimeInterval(2 - ago)
        #expect(Self.unloads(&schedule, samples: [1], lastUnload: last) == (unloads ? [2] : []))
    }

    @Test func pressureIsAnnouncedOnceAndTheCooldownIsReadOnlyUnderPressure() throws {
        var schedule = Self.settled(try Self.policy())
        let now = Self.t0.addingTimeInterval(2)
        _ = schedule.handle(.tick, at: now)
        #expect(schedule.handle(.memory(Self.sample(availableGiB: 1)), at: now) == [.checkLoaded(readCooldown: true)])
        #expect(schedule.handle(.loaded(["m"], lastUnload: nil), at: now) == [
            .announcePressure(availableBytes: Self.gib, reason: .sustaining, signals: [.memAvailable]),
        ])
        let later = Self.t0.addingTimeInterval(4)
        _ = schedule.handle(.tick, at: later)
        _ = schedule.handle(.memory(Self.sample(availableGiB: 1)), at: later)
        #expect(schedule.handle(.loaded(["m"], lastUnload: nil), at: later) == [], "still the same episode")
    }

    @Test func calmSamplesAskPiecesOSOnlyEveryMinute() throws {
        var schedule = Self.settled(try Self.policy())
        var checks: [TimeInterval] = []
        for offset in stride(from: 2.0, through: 130, by: 2) {
            let now = Self.t0.addingTimeInterval(offset)
            #expect(schedule.handle(.tick, at: now) == [.sampleMemory(psi: false)])
            if !schedule.handle(.memory(Self.sample(availableGiB: 8)), at: now).isEmpty {
                checks.append(offset)
                _ = schedule.handle(.loaded(["m"], lastUnload: nil), at: now)
            }
        }
        #expect(checks == [60, 120])
    }

    @Test func samplesFollowMemoryEveryAndPassesRetentionEvery() throws {
        var schedule = Self.settled(try Self.policy("schedule: { memory_every: 5s, retention_every: 1h }"))
        #expect(schedule.handle(.tick, at: Self.t0.addingTimeInterval(4)) == [])
        #expect(schedule.handle(.tick, at: Self.t0.addingTimeInterval(5)) == [.sampleMemory(psi: false)])
        #expect(schedule.nextWake == Self.t0.addingTimeInterval(10))
        _ = schedule.handle(.memory(Self.sample(availableGiB: 8)), at: Self.t0.addingTimeInterval(5))
        #expect(schedule.handle(.tick, at: Self.t0.addingTimeInterval(3600)) == [.runPass])
        #expect(schedule.handle(.tick, at: Self.t0.addingTimeInterval(3610)) == [.sampleMemory(psi: false)], "samples go on while the pass runs")
        #expect(schedule.handle(.memory(Self.sample(availableGiB: 8)), at: Self.t0.addingTimeInterval(3610)) == [])
        let later = Self.t0.addingTimeInterval(3620)
        #expect(schedule.handle(.passFinished(summary: "pass 2"), at: later) == [.sampleMemory(psi: false)])
        #expect(schedule.handle(.memory(Self.sample(availableGiB: 8)), at: later) == [.checkLoaded(readCooldown: false)], "overdue")
        _ = schedule.handle(.loaded(["m"], lastUnload: nil), at: later)
        #expect(schedule.nextWake == Self.t0.addingTimeInterval(3625))
    }

    @Test func theLoadedModelsAreCheckedEveryMinuteEvenWhenMemoryIsSampledLessOften() throws {
        var schedule = Self.settled(try Self.policy("schedule: { memory_every: 5m }"))
        #expect(schedule.nextWake == Self.t0.addingTimeInterval(60))
        #expect(schedule.handle(.tick, at: Self.t0.addingTimeInterval(60)) == [.sampleMemory(psi: false)])
        let effects = schedule.handle(.memory(Self.sample(availableGiB: 8)), at: Self.t0.addingTimeInterval(60))
        #expect(effects == [.checkLoaded(readCooldown: false)])
    }

    @Test func anUnreadableSampleDefersTheCheckToTheNextSampleInsteadOfSpinning() throws {
        var schedule = Self.settled(try Self.policy())
        let minute = Self.t0.addingTimeInterval(60)
        #expect(schedule.handle(.tick, at: minute) == [.sampleMemory(psi: false)])
        #expect(schedule.handle(.memory(nil), at: minute) == [])
        #expect(schedule.nextWake == minute.addingTimeInterval(2))
        #expect(schedule.handle(.tick, at: minute.addingTimeInterval(1)) == [])
    }

    @Test func theLoadedModelsAreWrittenOnChangeOrEveryFiveMinutes() throws {
        var schedule = Self.settled(try Self.policy())
        func check(_ ids: [String], at offset: TimeInterval) -> [Effect] {
            let now = Self.t0.addingTimeInterval(offset)
            _ = schedule.handle(.tick, at: now)
            _ = schedule.handle(.memory(Self.sample(availableGiB: 8)), at: now)
            return schedule.handle(.loaded(ids, lastUnload: nil), at: now)
        }
        #expect(check(["m"], at: 60) == [])
        #expect(check(["m", "n"], at: 120) == [.recordLoaded(loaded: ["m", "n"], unloaded: [])])
        #expect(check(["n"], at: 180) == [.recordLoaded(loaded: ["n"], unloaded: ["m"])])
        #expect(check(["n"], at: 240) == [])
        #expect(check(["n"], at: 480) == [.recordLoaded(loaded: ["n"], unloaded: [])])
    }

    @Test func aStepInFlightStillSamplesMemoryAndPetsTheWatchdogButAsksNothingOfPiecesOS() throws {
        var schedule = WatchSchedule(
            policy: try Self.policy("schedule: { memory_every: 4s }\nmemory: { unload_below: 25% }"),
            watchdogEvery: .seconds(10), publishesStatus: false)
        func at(_ seconds: Double) -> Date { Self.t0.addingTimeInterval(seconds) }
        #expect(schedule.handle(.started, at: at(0)) == [.runPass, .petWatchdog])
        // The pass waits on Pieces OS from here on.
        #expect(schedule.handle(.tick, at: at(1)) == [.sampleMemory(psi: false)])
        #expect(schedule.handle(.memory(Self.sample(availableGiB: 8)), at: at(1)) == [])
        #expect(schedule.handle(.tick, at: at(3)) == [])
        #expect(schedule.handle(.tick, at: at(5)) == [.sampleMemory(psi: false)])
        #expect(schedule.handle(.memory(Self.sample(availableGiB: 1)), at: at(5)) == [], "pressure waits for the step")
        #expect(schedule.handle(.tick, at: at(10)) == [.sampleMemory(psi: false), .petWatchdog])
        #expect(schedule.handle(.memory(Self.sample(availableGiB: 1)), at: at(10)) == [])
        #expect(schedule.handle(.tick, at: at(10)) == [], "once per cadence")
        // The pass ends: the pressure seen meanwhile is acted on at once.
        #expect(schedule.handle(.passFinished(summary: nil), at: at(11)) == [.sampleMemory(psi: false)])
        #expect(schedule.handle(.memory(Self.sample(availableGiB: 1)), at: at(11)) == [.checkLoaded(readCooldown: true)])
    }

    @Test func pressureSeenWhileAPassRunsIsCheckedTheMomentItEnds() throws {
        var schedule = Self.settled(try Self.policy("schedule: { memory_every: 30s, retention_every: 1h }"))
        func at(_ seconds: Double) -> Date { Self.t0.addingTimeInterval(seconds) }
        #expect(schedule.handle(.tick, at: at(3600)) == [.runPass])
        #expect(schedule.handle(.tick, at: at(3601)) == [.sampleMemory(psi: false)])
        #expect(schedule.handle(.memory(Self.sample(availableGiB: 1)), at: at(3601)) == [])
        // The next sample is 30 s away and the loaded models were checked a minute ago: only
        // the pressure seen meanwhile makes the check due now.
        #expect(schedule.handle(.passFinished(summary: "pass 2"), at: at(3602)) == [.sampleMemory(psi: false)])
        #expect(schedule.handle(.memory(Self.sample(availableGiB: 1)), at: at(3602)) == [.checkLoaded(readCooldown: true)])
    }

    @Test func calmSamplesWhileAPassRunsLeaveTheChecksOnTheirCadence() throws {
        var schedule = Self.settled(try Self.policy("schedule: { memory_every: 30s, retention_every: 1h }"))
        func at(_ seconds: Double) -> Date { Self.t0.addingTimeInterval(seconds) }
        _ = schedule.handle(.loaded(["m"], lastUnload: nil), at: at(3590))
        #expect(schedule.handle(.tick, at: at(3600)) == [.runPass])
        #expect(schedule.handle(.tick, at: at(3601)) == [.sampleMemory(psi: false)])
        #expect(schedule.handle(.memory(Self.sample(availableGiB: 8)), at: at(3601)) == [])
        #expect(schedule.handle(.passFinished(summary: "pass 2"), at: at(3602)) == [])
    }

    @Test func aReloadAppliesTheNewScheduleAtOnce() throws {
        var schedule = Self.settled(try Self.policy("schedule: { memory_every: 30s, retention_every: 6h }"))
        #expect(schedule.handle(.reloadRequested, at: Self.t0.addingTimeInterval(1)) == [.reload])
        let faster = try Self.policy("schedule: { memory_every: 2s, retention_every: 1h }")
        #expect(schedule.handle(.reloaded(faster), at: Self.t0.addingTimeInterval(1)) == [])
        #expect(schedule.nextWake == Self.t0.addingTimeInterval(3))
        #expect(schedule.handle(.tick, at: Self.t0.addingTimeInterval(3601)) == [.runPass])
    }

    @Test func aStopEndsTheLoopAndStartsNothingAfterIt() throws {
        var schedule = Self.settled(try Self.policy())
        #expect(schedule.handle(.stopRequested, at: Self.t0.addingTimeInterval(1)) == [.stop])
        #expect(schedule.handle(.tick, at: Self.t0.addingTimeInterval(7200)) == [])
        #expect(schedule.handle(.reloadRequested, at: Self.t0.addingTimeInterval(7200)) == [])
    }

    @Test func statusIsPublishedFromTheFirstMemoryReadingAndOnlyWhenItChanges() throws {
        var schedule = WatchSchedule(policy: try Self.policy(), watchdogEvery: nil, publishesStatus: true)
        #expect(schedule.handle(.started, at: Self.t0) == [.runPass])
        #expect(schedule.handle(.passFinished(summary: "pass 1: 0 action(s), 0 failed"), at: Self.t0) == [.sampleMemory(psi: false)])
        _ = schedule.handle(.memory(Self.sample(availableGiB: 8)), at: Self.t0)
        #expect(schedule.handle(.loaded([], lastUnload: nil), at: Self.t0) == [
            .publish("memory: 8.00 GiB available, no_pressure; pass 1: 0 action(s), 0 failed; no unload yet")
        ])
        #expect(schedule.handle(.tick, at: Self.t0.addingTimeInterval(2)) == [.sampleMemory(psi: false)])
        #expect(schedule.handle(.memory(Self.sample(availableGiB: 8)), at: Self.t0.addingTimeInterval(2)) == [])
        #expect(schedule.handle(.memory(Self.sample(availableGiB: 7)), at: Self.t0.addingTimeInterval(4)) == [
            .publish("memory: 7.00 GiB available, no_pressure; pass 1: 0 action(s), 0 failed; no unload yet")
        ])
    }
}
