import Foundation
import PiecesModels
import TestSupport
import Testing
@testable import WardenCore

@Suite("Memory probes and the pressure decision")
struct MemoryTests {
    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures/proc")?.path ?? "/nonexistent/\(name)"
    }

    @Test(arguments: [
        ("meminfo-6.1", 16_318_452 * 1024, 9_824_512 * 1024, false),
        ("meminfo-3.10-no-memavailable", 8_062_360 * 1024, (512_000 + 102_400 + 2_048_000) * 1024, true),
    ])
    func readsMeminfo(file: String, total: Int, available: Int, estimated: Bool) throws {
        let sample = try MemoryProbe(meminfoPath: Self.fixture(file), psiPath: "/nonexistent").sample()
        #expect(sample.memInfo == MemInfo(totalBytes: total, availableBytes: available, estimated: estimated))
        #expect(sample.stall == nil)  // a missing PSI file means no PSI, not an error
    }

    @Test(arguments: [
        ("meminfo-empty", "the file is empty"),
        ("meminfo-garbage", "line 1: expected \"Name: value kB\", got \"this is not meminfo\""),
        ("meminfo-junk-number", "line 2: MemAvailable: expected a number of kB, got \"98245xx kB\""),
        ("meminfo-trailing-junk", "line 2: MemAvailable: expected a number of kB, got \"9824512 kB trailing\""),
        ("meminfo-no-total", "MemTotal is missing"),
    ])
    func refusesBadMeminfo(file: String, message: String) {
        #expect(throws: MemoryProbe.Failure(path: Self.fixture(file), message: message)) {
            try MemoryProbe(meminfoPath: Self.fixture(file), psiPath: "/nonexistent").sample()
        }
    }

    @Test func readsPSI() throws {
        let sample = try MemoryProbe(meminfoPath: Self.fixture("meminfo-6.1"), psiPath: Self.fixture("psi-5.15")).sample()
        #expect(sample.stall?.some == .init(avg10: 12.5, avg60: 3.2, avg300: 0.8, total: 123_456_789))
        #expect(sample.stall?.full?.avg10 == 4)
        let someOnly = try MemoryProbe(meminfoPath: Self.fixture("meminfo-6.1"), psiPath: Self.fixture("psi-some-only")).sample()
        #expect(someOnly.stall?.full == nil)
        #expect(throws: MemoryProbe.Failure.self) {
            try MemoryProbe(meminfoPath: Self.fixture("meminfo-6.1"), psiPath: Self.fixture("psi-garbage")).sample()
        }
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func memory(_ threshold: Policy.Threshold = .percent(10), psi: Double? = nil) throws -> Policy.Memory {
        var memory = try PolicyLoader.load(texts: []).policy.memory  // sustain 30s, cooldown 10m
        memory.unloadBelow = threshold
        memory.psiSomeAvg10Above = psi
        return memory
    }

    static func sample(available: Int, total: Int = 1000, psi: Double? = nil, piecesRSS: Int? = nil) -> MemorySample {
        MemorySample(
            memInfo: MemInfo(totalBytes: total, availableBytes: available),
            stall: psi.map { MemoryPressureStall(some: .init(avg10: $0, avg60: 0, avg300: 0, total: 0), full: nil) },
            pieces: piecesRSS.map { PiecesProcess(pid: 4242, name: "pieces-os", rssBytes: $0, swapBytes: 0) })
    }

    @Test(arguments: [
        // (available of 1000 bytes, threshold, psi avg10, psi limit, pressure)
        (99, Policy.Threshold.percent(10), nil, nil, true),
        (100, .percent(10), nil, nil, false),  // exactly at the threshold: not under it
        (101, .percent(10), nil, nil, false),
        (499, .bytes(ByteCount(500)), nil, nil, true),
        (500, .bytes(ByteCount(500)), nil, nil, false),
        (900, .percent(10), 40.01, 40.0, true),
        (900, .percent(10), 40.0, 40.0, false),  // exactly at the PSI limit: not above it
        (900, .percent(10), 90.0, nil, false),  // PSI counts only when the policy sets a limit
    ] as [(Int, Policy.Threshold, Double?, Double?, Bool)])
    func knowsPressure(available: Int, threshold: Policy.Threshold, psi: Double?, limit: Double?, pressure: Bool) throws {
        #expect(PressureDecision.isPressure(Self.sample(available: available, psi: psi), try Self.memory(threshold, psi: limit)) == pressure)
    }

    @Test(arguments: [
        // (pressure, seconds under pressure so far, any loaded, seconds since the last unload, sustained, reason)
        (false, nil, true, nil, true, MemoryReason.noPressure),
        (true, nil, true, nil, true, .sustaining),
        (true, 29.0, true, nil, true, .sustaining),
        (true, 30.0, true, nil, true, .memoryPressure),  // exactly sustain: acts
        (true, 30.0, false, nil, true, .nothingLoaded),
        (true, 30.0, true, 599.0, true, .cooldown),
        (true, 30.0, true, 600.0, true, .memoryPressure),  // exactly at the end of the cooldown
        (true, nil, true, nil, false, .memoryPressure),  // a one-shot pass does not wait for sustain
    ] as [(Bool, Double?, Bool, Double?, Bool, MemoryReason)])
    func decides(pressure: Bool, since: Double?, loaded: Bool, lastUnload: Double?, sustained: Bool, reason: MemoryReason) throws {
        let decision = PressureDecision.decide(
            sample: Self.sample(available: pressure ? 50 : 500), pressureSince: since.map { Self.now.addingTimeInterval(-$0) },
            memory: try Self.memory(), now: Self.now, anyLoaded: loaded,
            lastUnload: lastUnload.map { Self.now.addingTimeInterval(-$0) }, sustained: sustained)
        #expect(decision.reason == reason)
        #expect(decision.unload == (reason == .memoryPressure))
        #expect(decision.pressure == pressure)
    }

    @Test func aFlappingSignalNeverSustainsAndUnloadsAtMostOncePerCooldown() throws {
        let memory = try Self.memory()
        var since: Date?
        var lastUnload: Date?
        var unloads: [Date] = []
        // Pressure toggles every 2 s sample for 10 minutes: never 30 s in a row.
        for tick in 0..<300 {
            let now = Self.now.addingTimeInterval(Double(tick) * 2)
            let decision = PressureDecision.decide(
                sample: Self.sample(available: tick % 2 == 0 ? 50 : 500), pressureSince: since, memory: memory, now: now,
                anyLoaded: true, lastUnload: lastUnload, sustained: true)
            since = decision.pressureSince
            if decision.unload { unloads.append(now); lastUnload = now }
        }
        #expect(unloads.isEmpty)
        // Sustained pressure for 30 minutes: one unload per 10-minute cooldown.
        since = nil
        for tick in 0..<900 {
            let now = Self.now.addingTimeInterval(Double(tick) * 2)
            let decision = PressureDecision.decide(
                sample: Self.sample(available: 50), pressureSince: since, memory: memory, now: now,
                anyLoaded: true, lastUnload: lastUnload, sustained: true)
            since = decision.pressureSince
            if decision.unload { unloads.append(now); lastUnload = now }
        }
        #expect(unloads.count == 3)
        #expect(zip(unloads, unloads.dropFirst()).allSatisfy { $1.timeIntervalSince($0) >= 600 })
    }
}

@Suite("Reading probe files again and again")
struct ProbeFileTests {
    @Test func seesAFileReplacedByRename() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("meminfo")
        try "first\n".write(toFile: path, atomically: true, encoding: .utf8)
        let file = ProbeFile(path)
        #expect(file.withContents { String(decoding: $0, as: UTF8.self) } == "first\n")
        try "second, longer\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(file.withContents { String(decoding: $0, as: UTF8.self) } == "second, longer\n")
    }

    @Test func readsAFileLargerThanItsBufferWhole() throws {
        let directory = try TemporaryDirectory()
        let text = String(repeating: "MemTotal:       16318452 kB\n", count: 1000)
        try text.write(toFile: directory.path("big"), atomically: true, encoding: .utf8)
        #expect(ProbeFile(directory.path("big")).withContents { $0.count } == text.utf8.count)
    }

    @Test func rereadsProcMeminfoThroughOneDescriptor() throws {
        let file = ProbeFile("/proc/meminfo")
        for _ in 0..<3 {
            let total = try file.withContents { bytes throws(MemInfo.ParseError) in try MemInfo.parse(bytes).totalBytes }
            #expect((total ?? 0) > 0)
        }
    }

    @Test func saysNilForAMissingFile() {
        #expect(ProbeFile("/nonexistent/meminfo").withContents { $0.count } == nil)
    }
}
