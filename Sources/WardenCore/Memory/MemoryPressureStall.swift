/// What `/proc/pressure/memory` (PSI) says: the share of time tasks stalled on memory.
public struct MemoryPressureStall: Hashable, Sendable {
    /// One line: `some` (at least one task stalled) or `full` (all non-idle tasks stalled).
    public struct Line: Hashable, Sendable {
        /// Percent of the last 10 s.
        public var avg10: Double
        /// Percent of the last 60 s.
        public var avg60: Double
        /// Percent of the last 300 s.
        public var avg300: Double
        /// Total stall time, in microseconds.
        public var total: UInt64
    }

    /// The `some` line.
    public var some: Line
    /// The `full` line, absent on kernels before 5.13 for some cgroups.
    public var full: Line?

    /// Parses the text of `/proc/pressure/memory`:
    /// `some avg10=0.00 avg60=0.00 avg300=0.00 total=0`, then a `full` line.
    public static func parse(_ text: String) throws(MemInfo.ParseError) -> MemoryPressureStall {
        var some: Line?
        var full: Line?
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.isEmpty { continue }
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let kind = words.first, kind == "some" || kind == "full" else {
                throw MemInfo.ParseError(line: lineNumber, message: "expected a \"some\" or \"full\" line, got \"\(line.prefix(60))\"")
            }
            var values: [Substring: Substring] = [:]
            for word in words.dropFirst() {
                let pair = word.split(separator: "=", maxSplits: 1)
                guard pair.count == 2 else {
                    throw MemInfo.ParseError(line: lineNumber, message: "expected key=value, got \"\(word)\"")
                }
                values[pair[0]] = pair[1]
            }
            guard let avg10 = values["avg10"].flatMap(Self.percentage), let avg60 = values["avg60"].flatMap(Self.percentage),
                let avg300 = values["avg300"].flatMap(Self.percentage), let total = values["total"].flatMap({ UInt64($0) }),
                values.count == 4
            else {
                throw MemInfo.ParseError(
                    line: lineNumber,
                    message: "expected avg10=, avg60=, avg300= (percentages, 0 to 100) and total=, got \"\(line.prefix(80))\"")
            }
            let parsed = Line(avg10: avg10, avg60: avg60, avg300: avg300, total: total)
            if kind == "some" { some = parsed } else { full = parsed }
        }
        guard let some else { throw MemInfo.ParseError(line: 0, message: "the \"some\" line is missing") }
        return MemoryPressureStall(some: some, full: full)
    }

    /// A share of time as the kernel writes it (`12.50`): digits and a point, 0 to 100. Anything
    /// else (`inf`, `nan`, `1e999`, `0x10`) is forged, and must not trigger an unload.
    private static func percentage(_ text: Substring) -> Double? {
        guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) || $0 == 0x2E }), let value = Double(text),
            value.isFinite, (0...100).contains(value)
        else { return nil }
        return value
    }
}
