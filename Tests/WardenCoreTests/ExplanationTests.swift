import Foundation
import PiecesModels
import Testing
@testable import WardenCore

@Suite("The why trace: every rule, in order, and what it did")
struct ExplanationTests {
    typealias P = PlannerTests
    static let rules = """
            - name: pin-old
              match: { id: m }
              keep: true
              keep_until: "\(RFC3339.format(P.now.addingTimeInterval(-P.day)))"
            - name: big
              match: { min_size: 10GiB }
              stale_after: 7d
            - name: llamas
              match: { name: "Llama*" }
              stale_after: 14d
            - name: all
              stale_after: 30d

        """

    @Test(arguments: [
        ("m", "Model m", ["skipped: pin expired on", "skipped: size 4.00 GiB is under min_size", "skipped: name \"Model m\" does not match \"Llama*\"", "matched: stale_after 30d"]),
        ("x", "Llama 3", ["skipped: id \"x\" does not match \"m\"", "skipped: size 4.00 GiB is under min_size", "matched: stale_after 2w", "not_reached: an earlier rule matched"]),
    ])
    func eachRuleSaysWhatItDid(id: String, name: String, expected: [String]) throws {
        let loaded = try PolicyLoader.load(texts: [("p.yaml", "version: 1\nretention:\n  rules:\n" + Self.rules)])
        let steps = Explanation.trace(P.fixture(id, name: name).model, loaded.policy.retention.rules, origins: loaded.origins, now: P.now)
        #expect(steps.map { "\($0.verdict): \($0.detail)" }.enumerated().allSatisfy { $1.hasPrefix(expected[$0]) }, "\(steps)")
        #expect(steps.map(\.origin) == ["p.yaml:4:7", "p.yaml:8:7", "p.yaml:11:7", "p.yaml:14:7"])
    }

    @Test func theDecisionIsThePlans() throws {
        let loaded = try PolicyLoader.load(texts: [("p.yaml", "version: 1\nretention:\n  notice_before: 0s\n  rules:\n" + Self.rules)])
        let fixture = P.fixture("m", idle: 31)
        let plan = P.plan([fixture], policy: loaded.policy)
        let explanation = Explanation.of(
            fixture.model, plan: plan, loaded: loaded, usage: fixture.usage, notices: [], history: [], now: P.now)
        #expect(explanation.decision == "delete_cache" && explanation.reason == "stale" && explanation.rule == "all")
        #expect(explanation.pinExpiredAt == P.now.addingTimeInterval(-P.day))
        #expect(explanation.renderText().contains("Pin:       a pin expired on"))
        #expect(explanation.limits.last == "per-run limit: 5 deletion(s); this plan makes 1, this one 1 of them")
    }
}
