import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The watcher's decisions: a value that takes events with their time and returns effects.
///
/// It owns every cadence (memory samples, the loaded-models check, retention passes, the
/// watchdog, `last_loaded` writes) and the pressure state (`sustain`, with the journal's
/// last unload for `cooldown`). It does no I/O and reads no clock, so it is tested
/// table-driven with a fake clock; ``WatchService`` only carries out its effects.
public struct WatchSchedule: Sendable {
    /// What happened.
    public enum Event: Sendable {
        /// The watcher started: a retention pass first.
        case started
        /// Time passed; the loop wakes at least every second, a step in flight included.
        case tick
        /// The PSI trigger fired: memory is sampled at once (at most every
        /// ``pressureWakeEvery``, however often it fires).
        case pressureWake
        /// How memory is watched now (``AdaptivePolling/mode(_:trigger:)``), for `STATUS=`.
        case watching(String)
        /// A memory sample, or nil when it could not be read.
        case memory(MemorySample?)
        /// The ids of the loaded models (nil when Pieces OS did not answer), and the journal's
        /// last real unload, read when the sample showed pressure.
        case loaded([String]?, lastUnload: Date?)
        /// An unload ended with this outcome (nil when it could not be attempted).
        case unloaded(ActionOutcome.Code?)
        /// A retention pass ended; `summary` is for the status line (nil: it failed, keep the last).
        case passFinished(summary: String?)
        /// SIGHUP.
        case reloadRequested
        /// A reloaded policy now applies.
        case reloaded(Policy)
        /// SIGTERM or SIGINT.
        case stopRequested
    }

    /// What to do.
    public enum Effect: Hashable, Sendable {
        /// Read meminfo, PSI when `psi` and Pieces OS's process when `pieces` (the policy uses
        /// them); answer with `.memory`.
        case sampleMemory(psi: Bool, pieces: Bool = false)
        /// Ask Pieces OS which models are loaded; answer with `.loaded`. `readCooldown`: read
        /// the journal's last unload too.
        case checkLoaded(readCooldown: Bool)
        /// Write `last_loaded` of `loaded`, and of `unloaded` (which left memory since).
        case recordLoaded(loaded: Set<String>, unloaded: Set<String>)
        /// Journal that pressure began, with MemAvailable, what showed it, and what the decision was.
        case announcePressure(availableBytes: Int, reason: MemoryReason, signals: [PressureSignal])
        /// Unload every model under the action protocol; answer with `.unloaded`.
        case unload
        /// Run a retention pass; answer with `.passFinished`.
        case runPass
        /// Load the policy again; answer with `.reloaded` (or nothing when it is rejected).
        case reload
        /// Send `STATUS=` with this text.
        case publish(String)
        /// Send `WATCHDOG=1`.
        case petWatchdog
        /// Write the metrics textfile from the journal and the latest sample.
        case writeMetrics
        /// Leave the loop.
        case stop
    }

    /// How often an idle watcher asks Pieces OS which models are loaded.
    public static let snapshotEvery: TimeInterval = 60
    /// How often an unchanged set of loaded models is written to the journal.
    public static let loadedWriteEvery: TimeInterval = 300
    /// How often the metrics textfile is written, at most (and, while the watcher runs, at least).
    public static let metricsEvery: TimeInterval = 15
    /// The shortest time between two samples a PSI trigger asks for.
    public static let pressureWakeEvery: TimeInterval = 0.25

    var policy: Policy
    let watchdogEvery: TimeInterval?
    let publishesStatus: Bool
    var nextSample = Date.distantPast
    var nextSnapshot = Date.distantPast
    var nextRetention = Date.distantFuture
    var nextWatchdog = Date.distantPast
    /// The first write waits for the first pass, so that the file never lacks a pass the
    /// journal is about to hold.
    var nextMetrics = Date.distantFuture
    var lastMetrics = Date.distantPast
    /// `--metrics-file` was given: metrics are written whatever the policy says.
    let metricsFlag: Bool
    var pressureSince: Date?
    var sample: MemorySample?
    var lastSampled = Date.distantPast
    var written: (ids: Set<String>, at: Date) = ([], .distantPast)
    var busy = false
    var stopping = false
    var status = Status()

    /// Creates a schedule for `policy`; `watchdogEvery` is half the manager's watchdog interval.
    public init(policy: Policy, watchdogEvery: Duration?, publishesStatus: Bool, metricsFlag: Bool = false) {
        self.policy = policy
        self.metricsFlag = metricsFlag
        self.watchdogEvery = watchdogEvery?.seconds
        self.publishesStatus = publishesStatus
        self.nextWatchdog = watchdogEvery == nil ? .distantFuture : .distantPast
    }

    /// When the loop must wake at the latest, whatever happens.
    public var nextWake: Date { min(nextSample, nextSnapshot, nextRetention, nextWatchdog, writesMetrics ? nextMetrics : .distantFuture) }

    /// Whether a textfile is set, by `--metrics-file` or the policy.
    var writesMetrics: Bool { metricsFlag || policy.metrics.textfile != nil }

    /// How often a step may be asked of the watchdog: the loop pets it this often while it waits.
    public var heartbeatEvery: Duration? { watchdogEvery.map { .milliseconds(Int64($0 * 1000)) } }

    /// Takes `event` at `now`; returns what to do, in order.
    public mutating func handle(_ event: Event, at now: Date) -> [Effect] {
        var effects = react(to: event, at: now)
        if let every = watchdogEvery, now >= nextWatchdog {
            nextWatchdog = now.addingTimeInterval(every)
            effects.append(.petWatchdog)
        }
        if writesMetrics, !stopping, now >= nextMetrics {
            lastMetrics = now
            nextMetrics = now.addingTimeInterval(Self.metricsEvery)
            effects.append(.writeMetrics)
        }
        // The first line goes out with the first memory reading, then each change.
        if publishesStatus, status.memory != Status.unknownMemory, status.text != status.published {
            status.published = status.text
            effects.append(.publish(status.text))
        }
        return stopping && !effects.contains(.stop) ? effects.filter { $0 != .runPass && $0 != .unload } : effects
    }
}
