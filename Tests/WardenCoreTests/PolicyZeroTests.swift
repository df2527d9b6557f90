import Foundation
import PiecesModels
import Testing
@testable import WardenCore

@Suite("Zero where zero means something, an error where it means nothing")
struct PolicyZeroTests {
    /// A policy setting `key` (a dotted path of one section) to `value`; the value is on line 3.
    static func policy(_ key: String, _ value: String) -> String {
        let parts = key.split(separator: ".")
        return "version: 1\n\(parts[0]):\n  \(parts[1]): \(value)\n"
    }

    static let durationKeys = PolicySchema.keys.filter { $0.field?.typeName.hasPrefix("duration") == true }

    @Test func everyDurationKeyIsCovered() {
        #expect(Set(Self.durationKeys.map(\.path)) == [
            "pieces.timeout", "retention.min_age", "retention.notice_before", "memory.sustain", "memory.cooldown",
            "schedule.memory_every", "schedule.memory_every_max", "schedule.retention_every", "journal.keep",
        ])
    }

    @Test(arguments: [
        ("retention.min_age", nil),
        ("retention.notice_before", nil),
        ("memory.sustain", nil),
        ("memory.cooldown", nil),
        ("pieces.timeout", "p.yaml:3:12: pieces.timeout must be greater than 0s"),
        ("schedule.memory_every", "p.yaml:3:17: schedule.memory_every must be greater than 0s"),
        ("schedule.memory_every_max", "p.yaml:3:21: schedule.memory_every_max must be greater than 0s"),
        ("schedule.retention_every", "p.yaml:3:20: schedule.retention_every must be greater than 0s"),
        ("journal.keep", "p.yaml:3:9: journal.keep must be greater than 0s; 0s would prune every row at once"),
    ] as [(String, String?)])
    func zeroSecondsIsValidOrSaysWhyNot(key: String, diagnostic: String?) throws {
        let text = Self.policy(key, "0s")
        let found = PolicyTests.diagnostics(text)
        #expect(found == (diagnostic.map { [$0] } ?? []))
        #expect((diagnostic == nil) == (PolicySchema.byPath[key]?.field?.checkSummary == "0s allowed"))
        if diagnostic == nil {
            let policy = try PolicyTests.load(text)
            #expect(policy.canonicalLines.first { $0.key == key }?.text.hasSuffix(": 0s") == true)
        }
    }

    @Test func zeroLandsInTheTypedValues() throws {
        let policy = try PolicyTests.load("version: 1\nretention:\n  min_age: 0m\nmemory:\n  sustain: 0s\n  cooldown: 0h\n")
        #expect(policy.retention.minAge == .zero && policy.memory.sustain == .zero && policy.memory.cooldown == .zero)
    }

    @Test(arguments: ["0s", "0m", "0h", "0d", "0w", "00s"])
    func zeroIsADuration(text: String) {
        #expect(PolicyUnits.duration(text) == .zero)
        #expect(PolicyUnits.describe(.zero) == "0s")
    }

    @Test(arguments: [
        ("0s", "p.yaml:5:20: stale_after of rule \"x\" must be greater than 0s; 0s would make every model the rule matches stale at once"),
        ("soon", "p.yaml:5:20: stale_after of rule \"x\": \"soon\" is not a duration such as 90s, 15m, 12h, 30d or 2w"),
    ])
    func aRuleNeedsAStaleAfterOverZero(value: String, diagnostic: String) {
        let text = "version: 1\nretention:\n  rules:\n    - name: x\n      stale_after: \(value)\n"
        #expect(PolicyTests.diagnostics(text) == [diagnostic])
    }

    @Test func zeroDeletionsIsValidANegativeDurationIsNot() {
        #expect(PolicyTests.diagnostics(Self.policy("retention.max_deletions_per_run", "0")).isEmpty)
        #expect(PolicyTests.diagnostics(Self.policy("pieces.timeout", "-1s")) == [
            "p.yaml:3:12: pieces.timeout: \"-1s\" is not a duration such as 90s, 15m, 12h, 30d or 2w",
        ])
    }
}
