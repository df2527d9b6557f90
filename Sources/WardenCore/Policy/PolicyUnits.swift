import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The units of policy values: durations `90s 15m 12h 30d 2w` and percentages `10%`.
public enum PolicyUnits {
    /// Parses a duration; nil when the text is not one.
    public static func duration(_ text: String) -> Duration? {
        let factor: Int64
        switch text.last {
        case "s": factor = 1
        case "m": factor = 60
        case "h": factor = 3600
        case "d": factor = 86_400
        case "w": factor = 604_800
        default: return nil
        }
        let number = text.dropLast()
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Int64(number),
            value <= Int64.max / factor / 1_000_000_000
        else { return nil }
        return .seconds(value * factor)
    }

    /// Writes a duration in the largest unit that divides it: `30d`, `90s`.
    public static func describe(_ duration: Duration) -> String {
        let seconds = duration.components.seconds
        for (unit, factor) in [("w", Int64(604_800)), ("d", 86_400), ("h", 3600), ("m", 60)] where seconds != 0 && seconds % factor == 0 {
            return "\(seconds / factor)\(unit)"
        }
        return "\(seconds)s"
    }

    /// Parses `10%` or `12.5%` to 10 or 12.5; nil when the text is not a percentage.
    public static func percent(_ text: String) -> Double? {
        guard text.hasSuffix("%") else { return nil }
        let number = text.dropLast()
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        return Double(number)
    }

    /// Parses `--at` and `--until`: a date (`2027-01-15`, midnight UTC), an ISO 8601 date-time,
    /// or `+DURATION` after `now` (e.g. `+31d`).
    public static func instant(_ text: String, after now: Date) -> Date? {
        if text.utf8.count == 10, let date = RFC3339.parse(text + "T00:00:00Z") { return date }
        if text.hasPrefix("+") {
            return duration(String(text.dropFirst())).map { now.addingTimeInterval($0.seconds) }
        }
        return RFC3339.parse(text)
    }
}
