#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Parses and writes the ISO 8601 date-times of the Pieces API without locale machinery.
///
/// Accepted: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of 1–9 digits, and `Z`, `±HH:MM` or
/// no zone (taken as UTC, as pydantic does). A space may stand for the `T`.
public enum RFC3339 {
    /// The instant `text` names, or nil when it is not such a date-time.
    public static func parse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        var cursor = 0
        func digits(_ count: Int) -> Int? {
            guard cursor + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[cursor..<(cursor + count)] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            cursor += count
            return value
        }
        func expect(_ characters: Set<UInt8>) -> Bool {
            guard cursor < bytes.count, characters.contains(bytes[cursor]) else { return false }
            cursor += 1
            return true
        }
        guard let year = digits(4), expect([0x2D]), let month = digits(2), expect([0x2D]),
            let day = digits(2), expect([0x54, 0x74, 0x20]), let hour = digits(2), expect([0x3A]),
            let minute = digits(2), expect([0x3A]), let second = digits(2)
        else { return nil }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
            hour < 24, minute < 60, second < 61
        else { return nil }

        var fraction = 0.0
        if expect([0x2E]) {
            var scale = 0.1
            let start = cursor
            while cursor < bytes.count, (0x30...0x39).contains(bytes[cursor]), cursor - start < 9 {
                fraction += Double(bytes[cursor] - 0x30) * scale
                scale /= 10
                cursor += 1
            }
            guard cursor > start else { return nil }
        }

        var offsetSeconds = 0
        if expect([0x5A, 0x7A]) {
            offsetSeconds = 0
        } else if cursor < bytes.count, bytes[cursor] == 0x2B || bytes[cursor] == 0x2D {
            let sign = bytes[cursor] == 0x2D ? -1 : 1
            cursor += 1
            guard let offsetHours = digits(2), expect([0x3A]), let offsetMinutes = digits(2),
                offsetHours < 24, offsetMinutes < 60
            else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard cursor == bytes.count else { return nil }

        let days = daysFromCivil(year: year, month: month, day: day)
        let whole = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(whole) + fraction)
    }

    /// `date` in UTC with milliseconds, or microseconds when it has a finer fraction.
    public static func format(_ date: Date) -> String {
        // Held to years 0000–9999, so that no time (an infinite one included) can trap here.
        let interval = date.timeIntervalSince1970
        let clamped = interval.isNaN ? 0 : min(max(interval, -62_167_219_200), 253_402_300_799)
        let micros = Int64((clamped * 1_000_000).rounded())
        let seconds = Int(micros.floorDivided(by: 1_000_000))
        let fraction = Int(micros - Int64(seconds) * 1_000_000)
        let (year, month, day) = civilFromDays(seconds.floorDivided(by: 86_400))
        let secondOfDay = seconds - seconds.floorDivided(by: 86_400) * 86_400
        let fractionText = fraction % 1000 == 0 ? pad(fraction / 1000, 3) : pad(fraction, 6)
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):"
            + "\(pad(secondOfDay / 60 % 60, 2)):\(pad(secondOfDay % 60, 2)).\(fractionText)Z"
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days: exact proleptic Gregorian arithmetic.
    private static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = y.floorDivided(by: 400)
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = z.floorDivided(by: 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

extension BinaryInteger {
    fileprivate func floorDivided(by divisor: Self) -> Self {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }
}
