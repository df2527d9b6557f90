import Benchmark
import Foundation
import PiecesModels
import WardenCore

/// What one planner benchmark plans: a snapshot, the journal's usage of it, a policy and a time.
struct PlannerFixture {
    /// The snapshot.
    let snapshot: Models
    /// The journal's usage history, by model id.
    let usage: [String: ModelUsage]
    /// The policy: stale after 30 days, at most 5 deletions, no notice, no minimum age.
    let policy: Policy
    /// When the pass runs.
    let now: Date

    /// The policy the planner benchmarks load, as a drop-in over the built-in default.
    static let policyText = """
        version: 1
        retention:
          min_age: 0s
          max_deletions_per_run: 5
          notice_before: 0s
          rules:
            - name: stale-llms
              stale_after: 30d
        """

    /// A fixed time, so every run plans the same: 2026-01-01T00:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_767_225_600)

    /// `count` models of the bench catalog (one in ten each not downloaded, downloading, cloud
    /// and OCR; one in a hundred loaded; the rest idle local LLMs), all first seen 40 days ago
    /// and never used since, so that most are stale.
    init(count: Int) throws {
        var snapshot = BenchCatalog.models(count: count)
        for index in stride(from: 50, to: count, by: 100) { snapshot.iterable[index].loaded = true }
        let firstSeen = Self.now.addingTimeInterval(-40 * 86_400)
        // The journal's rows are what the journal would have written on first seeing them.
        let rows = SnapshotDiff.compare(previous: [:], snapshot: snapshot, at: firstSeen, previousSnapshotAt: nil).rows
        self.snapshot = snapshot
        usage = Dictionary(rows.map { ($0.modelID, $0) }, uniquingKeysWith: { first, _ in first })
        policy = try PolicyLoader.load(texts: [(file: "bench-planner.yaml", text: Self.policyText)]).policy
        now = Self.now
    }

    /// Plans once.
    func plan() -> Plan {
        StalenessPlanner.plan(snapshot: snapshot, usage: usage, disk: nil, policy: policy, now: now)
    }
}

/// `StalenessPlanner.plan` at 1,000, 10,000 and 100,000 models.
func registerPlannerBenchmarks() {
    for (count, iterations) in [(1_000, 200), (10_000, 50), (100_000, 10)] {
        Benchmark("Planner-\(count)", configuration: configuration(maxIterations: iterations)) { (benchmark: Benchmark, fixture: PlannerFixture) in
            for _ in benchmark.scaledIterations {
                blackHole(fixture.plan())
            }
        } setup: {
            let fixture = try PlannerFixture(count: count)
            // A plan that deletes nothing measures nothing: the mix must make the planner work.
            let plan = fixture.plan()
            guard plan.actions.count == 5 else {
                throw BenchmarkFixtureError.unexpected("planner deletes \(plan.actions.count) of \(count), expected 5")
            }
            return fixture
        }
    }
}

/// A fixture that does not hold what its benchmark needs.
enum BenchmarkFixtureError: Error, CustomStringConvertible {
    /// What is wrong.
    case unexpected(String)

    /// The message.
    var description: String {
        switch self {
        case .unexpected(let message): message
        }
    }
}
