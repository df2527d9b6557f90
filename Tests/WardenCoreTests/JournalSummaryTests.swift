import Foundation
import Testing
import WardenCore

/// `modelwarden report`'s counts (issue 12, E): a run that never finished is counted.
@Suite("The report's summary of runs")
struct JournalSummaryTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: [
        // (exit status of each run, nil: never finished) -> (failed, interrupted)
        ([0, 0], 0, 0),
        ([0, 69, 75], 2, 0),
        ([nil], 0, 1),
        ([0, nil, 1, nil], 1, 2),
    ] as [([Int32?], Int, Int)])
    func countsFailedAndInterruptedRunsApart(statuses: [Int32?], failed: Int, interrupted: Int) throws {
        let journal = try JournalDatabase.inMemory()
        for status in statuses {
            let run = try journal.recordRunWithoutSnapshot(kind: .pass, at: Self.t0)
            guard let status else { continue }  // killed: no exit status, no finish time
            let failure = FailureCategory.allCases.first { $0.journalCode == status }
            try journal.finishRun(run, at: Self.t0, failure: failure, journald: true)
        }
        let summary = try journal.summary(since: Self.t0.addingTimeInterval(-60))
        #expect(summary.passes == statuses.count)
        #expect(summary.failedRuns == failed)
        #expect(summary.interruptedRuns == interrupted)
        #expect(summary.renderTable().contains("(\(failed) ended in failure, \(interrupted) interrupted)"))
    }

    @Test func theJSONCarriesTheInterruptedCount() throws {
        let journal = try JournalDatabase.inMemory()
        _ = try journal.recordRunWithoutSnapshot(kind: .pass, at: Self.t0)
        let json = try JSONOutput.render(try journal.summary(since: Self.t0))
        #expect(json.contains("\"interrupted_runs\" : 1"))
    }
}
