import Benchmark

/// The metrics every benchmark reports: wall clock for people, and the count of allocations.
/// Only `mallocCountTotal` is checked (`script/bench-functions --update` writes only it to
/// `Thresholds/`): it is the same from run to run, where time is not. `.instructions` is left
/// out: it needs hardware performance counters, which these machines do not expose.
let reportedMetrics: [BenchmarkMetric] = [.wallClock, .mallocCountTotal]

/// The configuration of every benchmark: a regression of more than 5% of the allocations fails
/// the threshold check, while a few allocations of runtime noise pass.
func configuration(maxIterations: Int = 200) -> Benchmark.Configuration {
    .init(
        metrics: reportedMetrics,
        units: [.mallocCountTotal: .count],
        warmupIterations: 1,
        maxDuration: .seconds(2),
        maxIterations: maxIterations,
        thresholds: [.mallocCountTotal: BenchmarkThresholds(relative: [.p90: 5.0])]
    )
}

/// Every benchmark of modelwarden's functions, registered by the benchmark plugin's runner.
let benchmarks: @Sendable () -> Void = {
    registerPlannerBenchmarks()
    registerSnapshotDecodingBenchmarks()
    registerSnapshotDiffBenchmarks()
    registerPolicyLoadingBenchmarks()
}
