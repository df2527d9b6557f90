#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Why the memory step did or did not unload.
public enum MemoryReason: String, Sendable, Codable {
    /// Unload: memory is under pressure, and nothing forbids acting.
    case memoryPressure = "memory_pressure"
    /// Kept: an unload happened within `cooldown`.
    case cooldown
    /// Kept: MemAvailable and PSI are within bounds.
    case noPressure = "no_pressure"
    /// Kept: under pressure, but no model reads `loaded: true`, so unloading frees nothing.
    case nothingLoaded = "nothing_loaded"
    /// Kept: under pressure for less than `sustain` (watch mode).
    case sustaining
    /// Kept: the sample could not be read.
    case noSample = "no_sample"
}

/// The memory decision: a pure function of the sample, the prior pressure state, the policy,
/// the time, whether any model is loaded, and when the journal saw the last unload.
public struct PressureDecision: Hashable, Sendable {
    /// Whether memory is under pressure now.
    public var pressure: Bool
    /// Whether to unload every model.
    public var unload: Bool
    /// Why.
    public var reason: MemoryReason
    /// Since when pressure has lasted, to carry to the next sample.
    public var pressureSince: Date?

    /// Whether `sample` shows pressure under `memory`: MemAvailable under `unload_below`, or
    /// PSI `some avg10` above `psi_some_avg10_above` when that is set.
    public static func isPressure(_ sample: MemorySample, _ memory: Policy.Memory) -> Bool {
        let available = Double(sample.memInfo.availableBytes)
        let below: Bool
        switch memory.unloadBelow {
        case .percent(let percent): below = available < Double(sample.memInfo.totalBytes) * percent / 100
        case .bytes(let bytes): below = available < Double(bytes.bytes)
        }
        let stalled = memory.psiSomeAvg10Above.flatMap { limit in sample.stall.map { $0.some.avg10 > limit } } ?? false
        return below || stalled
    }

    /// Decides for one sample. `sustained` applies `memory.sustain` (the watcher); a one-shot
    /// pass acts on a single sample.
    public static func decide(
        sample: MemorySample, pressureSince prior: Date?, memory: Policy.Memory, now: Date,
        anyLoaded: Bool, lastUnload: Date?, sustained: Bool
    ) -> PressureDecision {
        guard isPressure(sample, memory) else {
            return PressureDecision(pressure: false, unload: false, reason: .noPressure, pressureSince: nil)
        }
        let since = prior ?? now
        func keep(_ reason: MemoryReason) -> PressureDecision {
            PressureDecision(pressure: true, unload: false, reason: reason, pressureSince: since)
        }
        if sustained, now.timeIntervalSince(since) < memory.sustain.seconds { return keep(.sustaining) }
        if !anyLoaded { return keep(.nothingLoaded) }
        if let lastUnload, now.timeIntervalSince(lastUnload) < memory.cooldown.seconds { return keep(.cooldown) }
        return PressureDecision(pressure: true, unload: true, reason: .memoryPressure, pressureSince: since)
    }
}
