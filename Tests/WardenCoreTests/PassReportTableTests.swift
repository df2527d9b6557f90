import Foundation
import PiecesModels
import Testing
@testable import WardenCore

/// The pass report as a person reads it: a plan says what it would do, a pass what it did.
@Suite("The pass report's table")
struct PassReportTableTests {
    @Test(arguments: [true, false])
    func aPlanSaysWhatItWouldFreeAndAPassWhatItFreed(dryRun: Bool) async throws {
        let scene = try await TwinPassTests.Scene().seen()
        let report = try await scene.pass(at: TwinPassTests.month, dryRun: dryRun)
        let text = report.renderTable()
        let markdown = report.renderMarkdown()
        #expect(text.contains("OUTCOME") == !dryRun)
        #expect(markdown.contains("| Outcome |") == !dryRun)
        #expect(!text.contains("planned") && !markdown.contains("planned"), "no row says planned")
        if dryRun {
            #expect(text.hasSuffix("Would free 6.41 GiB.\n"), "\(text)")
            #expect(markdown.contains("Would free **6.41 GiB**."))
        } else {
            #expect(text.contains("Expected to free 6.41 GiB; freed 6.41 GiB; 0 failed."), "\(text)")
        }
    }
}

extension PassReportTableTests {
    /// A stale model the deletion limit held back is due now, not "going stale soon": the kept
    /// table shows it with `limit_reached`, and the soon table keeps only dates still ahead.
    @Test func aModelHeldBackByTheLimitIsKeptNotGoingStaleSoon() throws {
        let fixtures = [
            PlannerTests.fixture("held", idle: 40), PlannerTests.fixture("gone", idle: 100),
            PlannerTests.fixture("soon", idle: 27),
        ]
        var plan = PlannerTests.plan(fixtures, policy: try PlannerTests.policy(limit: 1))
        // Stale two days ago, and its notice's deletion a day ahead: due in a day.
        let staleAt = PlannerTests.now.addingTimeInterval(-2 * PlannerTests.day), due = PlannerTests.now.addingTimeInterval(PlannerTests.day)
        plan.kept.append(KeptModel(
            modelID: "noticed", modelName: "Model noticed", reason: .noticePeriod, rule: "all", staleAt: staleAt, bytes: 1 << 30, deletesAt: due))
        let report = PassReport(
            runID: nil, dryRun: false, at: PlannerTests.now, piecesURL: "http://127.0.0.1:1000", policyDigest: "sha256:0",
            plan: plan, results: [], memory: nil, models: fixtures.count, changedModels: 0, reconciled: [],
            pruned: PruneCounts(), journald: true)
        for text in [report.renderTable(), report.renderMarkdown()] {
            let soon = try #require(text.range(of: "oing stale soon"), "\(text)")
            let kept = try #require(text.range(of: "Kept"), "\(text)")
            let held = try #require(text.range(of: "Model held"), "\(text)")
            let comingSoon = try #require(text.range(of: "Model soon"), "\(text)")
            #expect(soon.lowerBound < comingSoon.lowerBound && comingSoon.lowerBound < kept.lowerBound, "\(text)")
            #expect(held.lowerBound > kept.lowerBound, "\(text)")
            #expect(text[held.lowerBound...].prefix(60).contains("limit_reached"), "\(text)")
            let noticed = try #require(text.range(of: "Model noticed"), "\(text)")
            #expect(noticed.lowerBound < kept.lowerBound && text.ranges(of: "Model noticed").count == 1, "\(text)")
        }
        let row = try #require(report.renderTable().split(separator: "\n").first { $0.contains("Model noticed") })
        #expect(row.contains(HumanTime.describe(due)) && !row.contains(HumanTime.describe(staleAt)), "\(row)")
        let markdownRow = try #require(report.renderMarkdown().split(separator: "\n").first { $0.contains("Model noticed") })
        #expect(markdownRow.contains(RFC3339.format(due)), "\(markdownRow)")
    }
}
