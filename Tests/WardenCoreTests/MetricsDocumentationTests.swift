import Foundation
import Testing
@testable import WardenCore

/// docs/metrics.md and the alerting rules name the metrics the textfile has, and no other.
@Suite("The metrics' documentation and rules")
struct MetricsDocumentationTests {
    static let begin = "<!-- generated from WardenMetric: begin -->\n"
    static let end = "<!-- generated from WardenMetric: end -->\n"

    @Test func docsMetricsHoldsTheGeneratedTable() throws {
        let url = PolicyTests.packageRoot.appendingPathComponent("docs/metrics.md")
        var file = try String(contentsOf: url, encoding: .utf8)
        let generated = Self.begin + WardenMetric.markdownTable + Self.end
        // MODELWARDEN_UPDATE_GOLDEN=1 rewrites the table, as for the other generated docs.
        if ProcessInfo.processInfo.environment["MODELWARDEN_UPDATE_GOLDEN"] == "1",
            let start = file.range(of: Self.begin), let stop = file.range(of: Self.end) {
            file.replaceSubrange(start.lowerBound..<stop.upperBound, with: generated)
            try file.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(file.contains(generated), "regenerate docs/metrics.md with MODELWARDEN_UPDATE_GOLDEN=1")
    }

    @Test func theAlertingRulesUseOnlyMetricsTheTextfileHas() throws {
        let rules = try String(
            contentsOf: PolicyTests.packageRoot.appendingPathComponent("contrib/prometheus/modelwarden.rules.yml"), encoding: .utf8)
        let used = Set(rules.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_") }).filter { $0.hasPrefix("modelwarden_") }.map(String.init))
        let known = Set(WardenMetric.allCases.map(\.rawValue))
        #expect(!used.isEmpty && used.isSubset(of: known), "unknown: \(used.subtracting(known))")
        let exposition = MetricsExposition.render(
            Observations(
                summary: .init(since: .now, passes: 0, dryRuns: 0, statusChecks: 0, failedRuns: 0, interruptedRuns: 0, actions: [:], freedBytes: 0, failures: []),
                until: .now, host: "h", lastPass: .init(at: .now, kind: "pass", durationSeconds: 1, success: true), piecesUp: true,
                piecesRSSBytes: 1, totals: .init(actions: [], freedBytes: 0), unresolvedActions: 0,
                models: .init(loaded: 0, downloaded: 0, downloading: 0, cloud: 0, pinned: 0), llmCacheBytes: 0, days: [],
                pressureEvents: [], lastUse: [], upcomingDeletions: [], pins: [], revisions: [], journalBytes: 1),
            live: .init(availableBytes: 1, pressure: false))
        for metric in WardenMetric.allCases { #expect(exposition.contains("# TYPE \(metric.rawValue) \(metric.isCounter ? "counter" : "gauge")\n")) }
    }
}
