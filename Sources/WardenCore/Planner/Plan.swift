import PiecesModels
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Stable reason codes, in JSON output and the journal.
public enum ReasonCode: String, Sendable, Codable, CaseIterable {
    // Actions.
    case stale, diskWatermark = "disk_watermark", cacheQuota = "cache_quota", memoryPressure = "memory_pressure"
    // Kept.
    case pinned, loaded, downloading, cloud, notDownloaded = "not_downloaded", notLLM = "not_llm"
    case tooYoung = "too_young", recentlyUsed = "recently_used", noRule = "no_rule"
    case limitReached = "limit_reached", cooldown
    // Kept: stale, but its notice has not yet stood for `notice_before`.
    case noticePeriod = "notice_period"
    // Kept, because Pieces OS's answer cannot be trusted to name the model.
    case duplicateID = "duplicate_id", unaddressableID = "unaddressable_id"
}

/// A cache deletion the plan calls for.
public struct PlannedAction: Hashable, Sendable {
    /// The model.
    public var modelID: String
    /// Its name.
    public var modelName: String
    /// Why: `stale`, `disk_watermark` or `cache_quota`.
    public var reason: ReasonCode
    /// The rule that matched the model.
    public var rule: String?
    /// The bytes the deletion should free.
    public var expectedBytes: Int
    /// When a pin on the model expired, if one matched it and no longer protects it.
    public var pinExpiredAt: Date? = nil
    /// When it went (or, for an eviction, would go) stale.
    public var staleAt: Date? = nil
}

/// A model the plan keeps, and why.
public struct KeptModel: Hashable, Sendable {
    /// The model.
    public var modelID: String
    /// Its name.
    public var modelName: String
    /// Why it is kept.
    public var reason: ReasonCode
    /// The rule that matched it, if any.
    public var rule: String?
    /// When it becomes eligible for deletion, if it ever does.
    public var staleAt: Date?
    /// Its size on disk, when it is downloaded.
    public var bytes: Int?
    /// When its cache is deleted, once a notice announces it (recorded, or recorded this pass).
    public var deletesAt: Date? = nil
    /// Whether a pin protects it; the reason may still be another (`loaded`, `downloading`).
    public var pinned = false
    /// Until when its pin protects it; nil for a pin for good, or no pin.
    public var pinnedUntil: Date? = nil
    /// Why it is pinned, in the owner's words.
    public var pinReason: String? = nil
    /// When a pin on the model expired, if one matched it and no longer protects it.
    public var pinExpiredAt: Date? = nil
}

/// Everything one pass would do: every model gets exactly one decision.
public struct Plan: Hashable, Sendable {
    /// Deletions, in the order they run (least recently used first within each reason).
    public var actions: [PlannedAction]
    /// Every other model.
    public var kept: [KeptModel]
    /// The disk as sampled, when the policy watches one.
    public var disk: DiskSample?
    /// Notices of deletion due now, which a live pass records before it acts.
    public var notices: [DeletionNotice] = []

    /// The bytes the actions should free.
    public var expectedFreedBytes: Int { ByteCount.sum(actions.map(\.expectedBytes)) }
}

/// One `statvfs` sample of the policy's `disk.path`.
public struct DiskSample: Hashable, Sendable {
    /// The path sampled.
    public var path: String
    /// The file system's size.
    public var totalBytes: Int
    /// Bytes available to unprivileged users.
    public var availableBytes: Int

    /// Creates a sample.
    public init(path: String, totalBytes: Int, availableBytes: Int) {
        self.path = path
        self.totalBytes = totalBytes
        self.availableBytes = availableBytes
    }

    /// Used space as a percentage, as `df` reports it.
    public var usedPercent: Double {
        totalBytes > 0 ? Double(totalBytes - availableBytes) / Double(totalBytes) * 100 : 0
    }
}
