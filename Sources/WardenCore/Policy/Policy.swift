import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// An effective retention policy: typed, validated and immutable.
///
/// It comes from YAML files through ``PolicyLoader``; see `policies/default.yaml` for the format.
public struct Policy: Hashable, Sendable {
    /// How Pieces OS is reached.
    public struct Pieces: Hashable, Sendable {
        /// The base URL, or nil for `auto` (discovery).
        public var url: String?
        /// The deadline of each request.
        public var timeout: Duration
        /// Whether a non-loopback URL is accepted.
        public var allowRemote: Bool
    }

    /// Which LLM caches may go, and when.
    public struct Retention: Hashable, Sendable {
        /// A cache first seen less than this long ago is never deleted.
        public var minAge: Duration
        /// At most this many deletions per pass.
        public var maxDeletionsPerRun: Int
        /// A stale cache is deleted no sooner than this after its notice; zero: no notices.
        public var noticeBefore: Duration
        /// Evaluated in order; the first match decides; a model no rule matches is kept.
        public var rules: [PolicyRule]
    }

    /// Disk limits, evicting least-recently-used caches.
    public struct Disk: Hashable, Sendable {
        /// The file system to watch.
        public var path: String
        /// Above this used percentage, evict…
        public var highWatermark: Double?
        /// …until the expected used percentage is at or below this.
        public var lowWatermark: Double?
        /// A cap on the bytes of downloaded local LLMs.
        public var maxLLMCache: ByteCount?
    }

    /// A memory threshold: a percentage of MemTotal, or a size.
    public enum Threshold: Hashable, Sendable {
        /// Percent of MemTotal.
        case percent(Double)
        /// Bytes.
        case bytes(ByteCount)
    }

    /// When memory counts as under pressure.
    public struct Memory: Hashable, Sendable {
        /// MemAvailable under this is pressure.
        public var unloadBelow: Threshold
        /// PSI `some avg10` above this percentage is pressure too, when set.
        public var psiSomeAvg10Above: Double?
        /// Pieces OS's own resident memory above this is pressure too, when set.
        public var piecesRSSAbove: Threshold?
        /// Watch mode: pressure must last this long.
        public var sustain: Duration
        /// Never unload twice within this window.
        public var cooldown: Duration
    }

    /// How often the watcher acts.
    public struct Schedule: Hashable, Sendable {
        /// Memory sampling interval near the threshold.
        public var memoryEvery: Duration
        /// The longest wait between memory samples far above the threshold (adaptive polling).
        public var memoryEveryMax: Duration
        /// Retention pass interval.
        public var retentionEvery: Duration
    }

    /// The journal database.
    public struct Journal: Hashable, Sendable {
        /// The database path, or nil for `auto`.
        public var database: String?
        /// How long rows are kept.
        public var keep: Duration
    }

    /// What modelwarden exports for monitoring.
    public struct Metrics: Hashable, Sendable {
        /// The Prometheus textfile `run` and `watch` write, when set.
        public var textfile: String?
    }

    /// The format version; only 1 exists.
    public var version: Int
    /// How Pieces OS is reached.
    public var pieces: Pieces
    /// Cache retention.
    public var retention: Retention
    /// Disk limits, when configured.
    public var disk: Disk?
    /// Memory pressure.
    public var memory: Memory
    /// The watcher's schedule.
    public var schedule: Schedule
    /// The journal.
    public var journal: Journal
    /// Every pass is a dry run (observe-only rollout).
    public var dryRun: Bool
    /// Metrics.
    public var metrics = Metrics()
}

/// One retention rule.
public struct PolicyRule: Hashable, Sendable {
    /// What a rule matches; every given condition must hold.
    public struct Match: Hashable, Sendable {
        /// Glob on the model name.
        public var name: String?
        /// Glob on the id.
        public var id: String?
        /// Glob on `unique`.
        public var unique: String?
        /// Glob on the foundation's raw value.
        public var foundation: String?
        /// Glob on the provider's raw value.
        public var provider: String?
        /// At least this big on disk.
        public var minSize: ByteCount?
        /// At most this big on disk.
        public var maxSize: ByteCount?
        /// Custom or not.
        public var custom: Bool?

        /// Matches everything.
        public static let any = Match()
    }

    /// The rule's name, used in reports and the journal.
    public var name: String
    /// The condition.
    public var match: Match
    /// Pin: never delete what this rule matches.
    public var keep: Bool
    /// Stale when last used longer ago than this.
    public var staleAfter: Duration?
    /// A pin protects until this instant, and no longer; nil: for good.
    public var keepUntil: Date? = nil
    /// Why the rule exists, in the owner's words.
    public var reason: String? = nil

    /// Whether the rule is a pin that still protects at `now`.
    public func pins(at now: Date) -> Bool {
        keep && pinExpiry(at: now) == nil
    }

    /// When the rule's pin stopped protecting, if it is a pin that expired by `now`.
    public func pinExpiry(at now: Date) -> Date? {
        guard keep, let keepUntil, now >= keepUntil else { return nil }
        return keepUntil
    }
}
