import Benchmark
import Foundation
import PiecesModels
import WardenCore

/// What the diff benchmark compares: the journal's rows and a newer snapshot of the same models.
struct SnapshotDiffFixture {
    /// The journal's rows, by model id, as of `previousAt`.
    let previous: [String: ModelUsage]
    /// The new snapshot.
    let snapshot: Models
    /// When the previous snapshot was taken.
    let previousAt = Date(timeIntervalSince1970: 1_767_225_600)
    /// When the new one is.
    let now = Date(timeIntervalSince1970: 1_767_229_200)

    /// `count` models of which one in a hundred changed since the previous snapshot: half of
    /// those were scored, the other half loaded or unloaded.
    init(count: Int) {
        let before = BenchCatalog.models(count: count)
        var after = before
        for index in stride(from: 0, to: count, by: 100) {
            if index % 200 == 0 {
                after.iterable[index].score = Score(manual: 1, automatic: 3)
            } else {
                after.iterable[index].loaded = !(after.iterable[index].loaded ?? false)
            }
        }
        let rows = SnapshotDiff.compare(previous: [:], snapshot: before, at: previousAt, previousSnapshotAt: nil).rows
        previous = Dictionary(rows.map { ($0.modelID, $0) }, uniquingKeysWith: { first, _ in first })
        snapshot = after
    }

    /// Compares once.
    func compare() -> SnapshotDiff.Result {
        SnapshotDiff.compare(previous: previous, snapshot: snapshot, at: now, previousSnapshotAt: previousAt)
    }
}

/// `SnapshotDiff.compare` of 10,000 models with 1% changed.
func registerSnapshotDiffBenchmarks() {
    let count = 10_000
    Benchmark("SnapshotDiff-\(count)", configuration: configuration(maxIterations: 100)) { (benchmark: Benchmark, fixture: SnapshotDiffFixture) in
        for _ in benchmark.scaledIterations {
            blackHole(fixture.compare())
        }
    } setup: {
        let fixture = SnapshotDiffFixture(count: count)
        let changed = fixture.compare().changedModels
        guard changed == count / 100 else {
            throw BenchmarkFixtureError.unexpected("\(changed) of \(count) models changed, expected \(count / 100)")
        }
        return fixture
    }
}
