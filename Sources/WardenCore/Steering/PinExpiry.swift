import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The command-line spellings of a pin's expiry and reason.
public enum PinExpiry {
    /// `2027-01-15` (midnight UTC), an ISO 8601 date-time, or `+DURATION` after `now`.
    public static func instant(_ text: String, after now: Date) -> Date? {
        if text.utf8.count == 10, let date = RFC3339.parse(text + "T00:00:00Z") { return date }
        return PolicyUnits.instant(text, after: now)
    }

    /// What is wrong with `reason` as a rule's `reason`, or nil: the policy's own check.
    public static func problem(withReason reason: String) -> String? {
        PolicyValueCheck<String?>.note.problem("", reason).map { String($0.drop { $0 == " " }) }
    }
}
