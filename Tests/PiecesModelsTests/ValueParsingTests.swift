import Foundation
import PiecesModels
import Testing

@Suite("Timestamps and sizes")
struct ValueParsingTests {
    @Test(arguments: [
        ("2024-03-05T17:02:11.123Z", 1_709_658_131.123),
        ("2024-03-05T17:02:11.123456Z", 1_709_658_131.123456),
        ("2024-03-05T17:02:11Z", 1_709_658_131),
        ("2024-03-05T17:02:11", 1_709_658_131),
        ("2024-03-05 17:02:11z", 1_709_658_131),
        ("2024-03-05T18:02:11+01:00", 1_709_658_131),
        ("2024-03-05T12:02:11.5-05:00", 1_709_658_131.5),
        ("2024-02-29T00:00:00Z", 1_709_164_800),
        ("1970-01-01T00:00:00Z", 0),
        ("1969-12-31T23:59:59Z", -1),
        ("2024-03-05T17:02:11.123456789Z", 1_709_658_131.123456789),
    ])
    func parsesISO8601(text: String, seconds: Double) throws {
        let date = try #require(RFC3339.parse(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 1e-6)
    }

    @Test(arguments: [
        "", "2024-03-05", "2024-03-05T17:02", "2024-13-05T17:02:11Z", "2023-02-29T00:00:00Z",
        "2024-03-05T25:00:00Z", "2024-03-05T17:02:11.Z", "2024-03-05T17:02:11Zjunk", "2024-03-05T17:02:11+0100",
        "24-03-05T17:02:11Z", "yesterday",
    ])
    func refusesWhatIsNotADateTime(text: String) {
        #expect(RFC3339.parse(text) == nil)
    }

    @Test(arguments: [
        (1_709_658_131.123, "2024-03-05T17:02:11.123Z"),
        (1_709_658_131.123456, "2024-03-05T17:02:11.123456Z"),
        (0, "1970-01-01T00:00:00.000Z"),
        (-0.5, "1969-12-31T23:59:59.500Z"),
        (951_782_400, "2000-02-29T00:00:00.000Z"),
    ])
    func formatsInUTC(seconds: Double, text: String) {
        #expect(RFC3339.format(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test(arguments: [
        ("512MiB", 536_870_912), ("40GiB", 42_949_672_960), ("1.5GB", 1_500_000_000), ("4096", 4096),
        ("10 kB", 10_000), ("2TiB", 2_199_023_255_552), ("0B", 0), (" 7 MB ", 7_000_000),
    ])
    func parsesSizes(text: String, bytes: Int) {
        #expect(ByteCount(parsing: text)?.bytes == bytes)
    }

    @Test(arguments: ["", "GiB", "-1GiB", "1.2.3GB", "12 parsecs", "1e3", "10 gib", "nan"])
    func refusesWhatIsNotASize(text: String) {
        #expect(ByteCount(parsing: text) == nil)
    }

    @Test(arguments: [
        (0, "0 B", "0 B"), (1023, "1023 B", "1.02 KB"), (1536, "1.50 KiB", "1.54 KB"),
        (4_920_000_000, "4.58 GiB", "4.92 GB"), (1_099_511_627_776, "1.00 TiB", "1.10 TB"),
    ])
    func formatsSizes(bytes: Int, binary: String, decimal: String) {
        #expect(ByteCount(bytes).description == binary)
        #expect(ByteCount(bytes).decimalDescription == decimal)
    }
}
