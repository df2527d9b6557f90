#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the latest plan foresees for one model: a pin, or a deletion to come.
///
/// The journal keeps the outlook of the last run that planned, so `report` and the metrics
/// show pins and coming deletions without contacting Pieces OS or reading the policy.
public struct OutlookEntry: Hashable, Sendable {
    /// The model.
    public var modelID: String
    /// Its name.
    public var modelName: String
    /// The rule that decided.
    public var rule: String?
    /// Why: `pinned`, or the reason of the deletion to come.
    public var reason: String
    /// Its size on disk.
    public var bytes: Int?
    /// Whether a pin keeps it.
    public var pinned: Bool
    /// Until when the pin holds; nil for good.
    public var pinnedUntil: Date?
    /// The pin's reason, in the owner's words.
    public var pinReason: String?
    /// The stale date its notice is for.
    public var staleAt: Date?
    /// When its cache goes, for a deletion to come.
    public var deletesAt: Date?
}

extension Plan {
    /// The pins and the deletions still to come of a plan made at `now`: kept models whose
    /// notice gives a date, and planned deletions that did not succeed (`done` did; a dry run
    /// did none, so its deletions are due now).
    public func outlook(at now: Date, done: Set<String>) -> [OutlookEntry] {
        let pins = kept.filter(\.pinned).map {
            OutlookEntry(
                modelID: $0.modelID, modelName: $0.modelName, rule: $0.rule, reason: $0.reason.rawValue, bytes: $0.bytes,
                pinned: true, pinnedUntil: $0.pinnedUntil, pinReason: $0.pinReason)
        }
        let noticed = kept.filter { !$0.pinned && $0.deletesAt != nil }.map {
            OutlookEntry(
                modelID: $0.modelID, modelName: $0.modelName, rule: $0.rule, reason: $0.reason.rawValue, bytes: $0.bytes,
                pinned: false, staleAt: $0.staleAt, deletesAt: $0.deletesAt)
        }
        let due = actions.filter { !done.contains($0.modelID) }.map {
            OutlookEntry(
                modelID: $0.modelID, modelName: $0.modelName, rule: $0.rule, reason: $0.reason.rawValue, bytes: $0.expectedBytes,
                pinned: false, staleAt: $0.staleAt, deletesAt: now)
        }
        return pins + noticed + due
    }
}
