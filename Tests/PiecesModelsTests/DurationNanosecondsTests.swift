import PiecesModels
import Testing

@Suite("Durations in nanoseconds")
struct DurationNanosecondsTests {
    @Test(
        "whole nanoseconds, saturating instead of trapping",
        arguments: [
            (Duration.zero, Int64(0)),
            (.milliseconds(1500), 1_500_000_000),
            (.nanoseconds(7), 7),
            (.seconds(-2), -2_000_000_000),
            (.seconds(Int64.max), Int64.max),
            (.seconds(Int64.min), Int64.min),
            (.seconds(9_223_372_036) + .nanoseconds(999_999_999), Int64.max),
        ] as [(Duration, Int64)])
    func nanoseconds(duration: Duration, expected: Int64) {
        #expect(duration.nanoseconds == expected)
    }
}
