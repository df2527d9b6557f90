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
    /// Kept: MemAvailable, PSI and Pieces OS's RSS are within bounds.
    case noPressure = "no_pressure"
    /// Kept: under pressure, but no model reads `loaded: true`, so unloading frees nothing.
    case nothingLoaded = "nothing_loaded"
    /// Kept: under pressure for less than `sustain` (watch mode).
    case sustaining
    /// Kept: the sample could not be read.
    case noSample = "no_sample"
}

/// Which measurement showed memory pressure.
public enum PressureSignal: String, Sendable, Codable, CaseIterable {
    /// MemAvailable under `memory.unload_below`.
    case memAvailable = "memavailable"
    /// PSI `some avg10` above `memory.psi_some_avg10_above`.
    case psi
    /// Pieces OS's own RSS above `memory.pieces_rss_above`.
    case piecesRSS = "pieces_rss"
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
    /// What showed pressure, in ``PressureSignal`` order; empty without pressure.
    public var signals: [PressureSignal] = []

    /// Whether `sample` shows pressure under `memory`: some signal of ``signals(_:_:)``.
    public static func isPressure(_ sample: MemorySample, _ memory: Policy.Memory) -> Bool {
        !signals(sample, memory).isEmpty
    }

    /// What in `sample` shows pressure under `memory`: MemAvailable under `unload_below`, PSI
    /// `some avg10` above `psi_some_avg10_above`, Pieces OS's RSS above `pieces_rss_above`;
    /// a limit the policy leaves unset, or a figure the sample lacks, shows nothing.
    public static func signals(_ sample: MemorySample, _ memory: Policy.Memory) -> [PressureSignal] {
        let total = Double(sample.memInfo.totalBytes)
        var signals: [PressureSignal] = []
        if Double(sample.memInfo.availableBytes) < memory.unloadBelow.bytes(of: total) { signals.append(.memAvailable) }
        if let limit = memory.psiSomeAvg10Above, let stall = sample.stall, stall.some.avg10 > limit { signals.append(.psi) }
        if let limit = memory.piecesRSSAbove, let pieces = sample.pieces, Double(pieces.rssBytes) > limit.bytes(of: total) {
            signals.append(.piecesRSS)
        }
        return signals
    }

    /// Decides for one sample. `sustained` applies `memory.sustain` (the watcher); a one-shot
    /// pass acts on a single sample.
    public static func decide(
        sample: MemorySample, pressureSince prior: Date?, memory: Policy.Memory, now: Date,
        anyLoaded: Bool, lastUnload: Date?, sustained: Bool
    ) -> PressureDecision {
        let signals = signals(sample, memory)
        guard !signals.isEmpty else {
            return PressureDecision(pressure: false, unload: false, reason: .noPressure, pressureSince: nil)
        }
        let since = prior ?? now
        func keep(_ reason: MemoryReason) -> PressureDecision {
            PressureDecision(pressure: true, unload: false, reason: reason, pressureSince: since, signals: signals)
        }
        if sustained, now.timeIntervalSince(since) < memory.sustain.seconds { return keep(.sustaining) }
        if !anyLoaded { return keep(.nothingLoaded) }
        if let lastUnload, now.timeIntervalSince(lastUnload) < memory.cooldown.seconds { return keep(.cooldown) }
        return PressureDecision(pressure: true, unload: true, reason: .memoryPressure, pressureSince: since, signals: signals)
    }
}

extension Policy.Threshold {
    /// The threshold in bytes of a machine with `total` bytes of MemTotal.
    func bytes(of total: Double) -> Double {
        switch self {
        case .percent(let percent): total * percent / 100
        case .bytes(let bytes): Double(bytes.bytes)
        }
    }
}
