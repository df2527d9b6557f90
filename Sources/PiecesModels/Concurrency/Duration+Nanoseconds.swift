extension Duration {
    /// The duration in whole nanoseconds, saturating at `Int64`'s bounds instead of trapping:
    /// durations come from policies and schedules, and SwiftNIO's `TimeAmount` takes nanoseconds.
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (whole, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        guard !overflow else { return seconds < 0 ? .min : .max }
        let (sum, overflowAgain) = whole.addingReportingOverflow(attoseconds / 1_000_000_000)
        guard !overflowAgain else { return whole < 0 ? .min : .max }
        return sum
    }
}
