#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension KeptModel {
    /// What a person should know beyond the reason code: the pin's expiry and reason, a pin that
    /// expired, the deletion a notice announced.
    public var note: String? {
        var parts: [String] = []
        if pinned {
            var pin = pinnedUntil.map { "pinned until \(HumanTime.describe($0))" } ?? "pinned for good"
            if let pinReason { pin += " (\(pinReason))" }
            parts.append(pin)
        }
        if let pinExpiredAt { parts.append("pin expired on \(HumanTime.describe(pinExpiredAt))") }
        if let deletesAt { parts.append("deletes on \(HumanTime.describe(deletesAt))") }
        return parts.isEmpty ? nil : parts.joined(separator: "; ")
    }

    /// When the cache goes, or would go without a later use: the announced date, else the stale date.
    var comesDueAt: Date? { deletesAt ?? staleAt }
}

extension PlannedAction {
    /// A pin that expired, the one thing about a deletion that a reason code does not say.
    public var note: String? {
        pinExpiredAt.map { "pin expired on \(HumanTime.describe($0))" }
    }
}
