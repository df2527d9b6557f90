import Foundation
import PiecesModels
import Testing
@testable import WardenCore

/// Pieces OS's own RSS as a pressure signal: the pure decision and the watch schedule.
@Suite("Pieces OS's RSS as memory pressure")
struct PiecesPressureTests {
    @Test(arguments: [
        // (available of 1000 bytes, psi avg10 (limit 40), Pieces OS's RSS, its limit, what shows pressure)
        (500, nil, 401, Policy.Threshold.percent(40), [PressureSignal.piecesRSS]),
        (500, nil, 400, .percent(40), []),  // exactly at the limit: not above it
        (500, nil, 401, .bytes(ByteCount(400)), [.piecesRSS]),
        (500, nil, 400, .bytes(ByteCount(400)), []),
        (500, nil, 999, nil, []),  // Pieces OS's RSS counts only when the policy sets a limit
        (500, nil, nil, .percent(40), []),  // a process that was not found shows nothing
        (500, nil, Int.max, .percent(100), [.piecesRSS]),  // no overflow at the extremes
        (50, 90.0, 999, .percent(40), [.memAvailable, .psi, .piecesRSS]),
        (50, nil, 10, .percent(40), [.memAvailable]),
        (500, 40.5, 10, .percent(40), [.psi]),
    ] as [(Int, Double?, Int?, Policy.Threshold?, [PressureSignal])])
    func knowsWhichSignalShowsPressure(available: Int, psi: Double?, piecesRSS: Int?, limit: Policy.Threshold?, signals: [PressureSignal]) throws {
        var memory = try MemoryTests.memory(psi: 40)
        memory.piecesRSSAbove = limit
        let sample = MemoryTests.sample(available: available, psi: psi, piecesRSS: piecesRSS)
        #expect(PressureDecision.signals(sample, memory) == signals)
        #expect(PressureDecision.isPressure(sample, memory) == !signals.isEmpty)
    }

    @Test(arguments: [
        // (seconds under pressure so far, any loaded, seconds since the last unload, sustained, reason)
        (nil, true, nil, true, MemoryReason.sustaining),
        (30.0, true, nil, true, .memoryPressure),
        (30.0, false, nil, true, .nothingLoaded),
        (30.0, true, 599.0, true, .cooldown),
        (nil, true, nil, false, .memoryPressure),
    ] as [(Double?, Bool, Double?, Bool, MemoryReason)])
    func piecesRSSAloneIsPressureUnderTheSameSustainAndCooldown(since: Double?, loaded: Bool, lastUnload: Double?, sustained: Bool, reason: MemoryReason) throws {
        var memory = try MemoryTests.memory()
        memory.piecesRSSAbove = .bytes(ByteCount(24 << 30))
        let decision = PressureDecision.decide(
            sample: MemoryTests.sample(available: 900, piecesRSS: 30 << 30), pressureSince: since.map { MemoryTests.now.addingTimeInterval(-$0) },
            memory: memory, now: MemoryTests.now, anyLoaded: loaded, lastUnload: lastUnload.map { MemoryTests.now.addingTimeInterval(-$0) },
            sustained: sustained)
        #expect(decision.reason == reason && decision.pressure && decision.signals == [.piecesRSS])
        #expect(decision.unload == (reason == .memoryPressure))
    }

    @Test func piecesRSSIsReadOnlyWhenThePolicyUsesItAndIsPressureLikeAnyOther() throws {
        var schedule = WatchScheduleTests.settled(try WatchScheduleTests.policy("memory: { pieces_rss_above: 24GiB, sustain: 0s }"))
        let now = WatchScheduleTests.t0.addingTimeInterval(2)
        #expect(schedule.handle(.tick, at: now) == [.sampleMemory(psi: false, pieces: true)])
        var sample = WatchScheduleTests.sample(availableGiB: 8)
        sample.pieces = PiecesProcess(pid: 4242, name: "pieces-os", rssBytes: 30 * WatchScheduleTests.gib, swapBytes: 0)
        #expect(schedule.handle(.memory(sample), at: now) == [.checkLoaded(readCooldown: true)])
        #expect(schedule.handle(.loaded(["m"], lastUnload: nil), at: now) == [
            .announcePressure(availableBytes: 8 * WatchScheduleTests.gib, reason: .memoryPressure, signals: [.piecesRSS]), .unload,
        ])
    }
}
