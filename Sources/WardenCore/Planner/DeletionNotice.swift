#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A notice that a model's cache is to be deleted, as a pass plans it or the journal holds it.
///
/// There is one notice per model and stale date: a model used again, or a policy that moves its
/// stale date, needs a new one.
public struct DeletionNotice: Hashable, Sendable, Encodable {
    /// The model.
    public var modelID: String
    /// Its name when the notice was given.
    public var modelName: String
    /// The rule that made it a candidate.
    public var rule: String?
    /// `stale`, or `disk_watermark`/`cache_quota` for a deletion that does not wait.
    public var reason: ReasonCode
    /// The stale date the notice is about.
    public var staleAt: Date
    /// When the cache is deleted, at the earliest.
    public var deletesAt: Date
    /// When the notice was (or, in a forecast, would have been) given.
    public var noticedAt: Date
    /// The cache's size.
    public var bytes: Int

    /// Creates a notice.
    public init(
        modelID: String, modelName: String, rule: String?, reason: ReasonCode, staleAt: Date, deletesAt: Date,
        noticedAt: Date, bytes: Int
    ) {
        self.modelID = modelID
        self.modelName = modelName
        self.rule = rule
        self.reason = reason
        self.staleAt = staleAt
        self.deletesAt = deletesAt
        self.noticedAt = noticedAt
        self.bytes = bytes
    }
}
