/// A number of bytes, with the parsing and display modelwarden uses everywhere.
///
/// Units: `B`, decimal `kB MB GB TB` (powers of 1000) and binary `KiB MiB GiB TiB` (powers of
/// 1024). A fraction is allowed (`1.5GB`); a bare number is bytes.
public struct ByteCount: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The count.
    public var bytes: Int

    /// Wraps a count of bytes.
    public init(_ bytes: Int) { self.bytes = bytes }

    private static let units: [(suffix: String, factor: Double)] = [
        ("TiB", 1_099_511_627_776), ("GiB", 1_073_741_824), ("MiB", 1_048_576), ("KiB", 1024),
        ("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3), ("KB", 1e3), ("B", 1),
    ]

    /// Parses `512MiB`, `40GiB`, `1.5GB`, `4096`; nil when the text is not a size.
    public init?(parsing text: String) {
        let trimmed = text.trimmingWhitespace
        let unit = Self.units.first { trimmed.hasSuffix($0.suffix) } ?? ("", 1)
        let number = String(trimmed.dropLast(unit.suffix.count)).trimmingWhitespace
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(number), value.isFinite
        else { return nil }
        let bytes = (value * unit.factor).rounded()
        guard bytes < Double(Int.max) else { return nil }
        self.bytes = Int(bytes)
    }

    /// Binary units, as an admin reads sizes: `3.8 GiB`.
    public var description: String { Self.render(bytes, base: 1024, suffixes: ["B", "KiB", "MiB", "GiB", "TiB"]) }

    /// Decimal units, as Pieces OS writes `readable`: `4.21 GB`.
    public var decimalDescription: String { Self.render(bytes, base: 1000, suffixes: ["B", "KB", "MB", "GB", "TB"]) }

    /// The sum of `counts`, held at `Int.max` rather than trapping: sizes come from Pieces OS,
    /// and a hostile or broken peer must not crash the agent with them.
    public static func sum(_ counts: [Int]) -> Int {
        counts.reduce(0) { total, count in
            let (sum, overflow) = total.addingReportingOverflow(max(0, count))
            return overflow ? Int.max : sum
        }
    }

    public static func < (lhs: ByteCount, rhs: ByteCount) -> Bool { lhs.bytes < rhs.bytes }

    private static func render(_ bytes: Int, base: Double, suffixes: [String]) -> String {
        var value = Double(bytes)
        var index = 0
        while abs(value) >= base, index < suffixes.count - 1 {
            value /= base
            index += 1
        }
        if index == 0 { return "\(bytes) B" }
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        let fractionText = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        return "\(hundredths / 100).\(fractionText) \(suffixes[index])"
    }
}

extension String {
    /// The text without the whitespace characters at either end.
    var trimmingWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }), let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
