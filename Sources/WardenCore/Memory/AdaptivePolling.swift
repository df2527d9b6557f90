#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How long the watcher waits before its next memory sample: earlyoom's sleep, in our units.
///
/// earlyoom estimates how soon memory could fall to its threshold at a worst-case fill rate and
/// sleeps that long. So does the watcher: every `memory_every` near the threshold, less often
/// the further MemAvailable is above it, never longer than `memory_every_max` (10 s by
/// default; at most `memory_every` turns adaptive polling off). Memory that falls
/// no faster than ``assumedFillBytesPerSecond`` is therefore seen at most `memory_every` after
/// it crosses, and an unload follows at most `sustain` plus one `memory_every` later. A faster
/// fall with real stalls wakes the watcher at once through the PSI trigger
/// (``MemoryPressureTrigger``) where the kernel grants one.
public enum AdaptivePolling {
    /// The fastest MemAvailable is assumed to fall: 1 GiB/s, a large model read into memory
    /// from a fast disk. (earlyoom assumes 6 GB/s, but it stops an OOM; the watcher unloads
    /// after `sustain`, 30 s by default, so a second more of sleep changes little.)
    public static let assumedFillBytesPerSecond: Double = 1_073_741_824
    /// `schedule.memory_every_max` by default: the longest wait between two samples.
    public static let defaultLongestWait: Duration = .seconds(10)
    /// The wait after `sample` under `policy`, between `memory_every` and `memory_every_max`.
    /// A policy that watches PSI averages or Pieces OS's RSS, pressure already seen, or no
    /// sample, gets `memory_every`: those signals can change faster than MemAvailable says.
    public static func interval(after sample: MemorySample?, policy: Policy, underPressure: Bool) -> TimeInterval {
        let every = policy.schedule.memoryEvery.seconds
        let longest = policy.schedule.memoryEveryMax.seconds
        let memory = policy.memory
        guard let sample, !underPressure, adapts(policy), longest > every else { return every }
        let threshold = memory.unloadBelow.bytes(of: Double(sample.memInfo.totalBytes))
        let headroom = Double(sample.memInfo.availableBytes) - threshold
        guard headroom.isFinite, headroom > 0 else { return every }
        return min(max(every, headroom / assumedFillBytesPerSecond), longest)
    }

    /// Whether the interval may grow under `policy`: `memory_every_max` is longer than
    /// `memory_every`, and only MemAvailable is watched.
    public static func adapts(_ policy: Policy) -> Bool {
        policy.schedule.memoryEveryMax > policy.schedule.memoryEvery
            && policy.memory.psiSomeAvg10Above == nil && policy.memory.piecesRSSAbove == nil
    }

    /// How the watcher watches memory under `policy`, for its status line and log:
    /// `adaptive polling 1s–10s` or `polling every 2s`, with the trigger when there is one.
    public static func mode(_ policy: Policy, trigger: String?) -> String {
        let every = policy.schedule.memoryEvery, longest = policy.schedule.memoryEveryMax
        let polling = adapts(policy)
            ? "adaptive polling \(PolicyUnits.describe(every))–\(PolicyUnits.describe(longest))"
            : "polling every \(PolicyUnits.describe(every))"
        return trigger.map { "\($0), \(polling)" } ?? polling
    }
}
