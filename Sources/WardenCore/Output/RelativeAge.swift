import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How long ago something happened, as a person reads it in a table: `just now`, `5m ago`,
/// `3h ago`, `12d ago`.
public enum RelativeAge {
    /// The age of `date` at `now`.
    public static func describe(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        switch seconds {
        case ..<0: return "in the future"
        case ..<60: return "just now"
        case ..<3600: return "\(seconds / 60)m ago"
        case ..<86_400: return "\(seconds / 3600)h ago"
        default: return "\(seconds / 86_400)d ago"
        }
    }
}

/// An instant as a person reads it in a report: `2026-11-29 03:00:47 UTC`.
public enum HumanTime {
    /// `date` to the second, in UTC.
    public static func describe(_ date: Date) -> String {
        let text = RFC3339.format(date)
        return String(text.prefix(10)) + " " + String(text.dropFirst(11).prefix(8)) + " UTC"
    }
}
