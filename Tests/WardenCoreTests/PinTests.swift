import Foundation
import PiecesModels
import Testing
@testable import WardenCore

@Suite("Pins written by keep, in the managed drop-in")
struct PinTests {
    static let until = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func keepWritesAPinThatLoadsWithItsExpiryAndReason() throws {
        let text = try ManagedDropIn.text(
            updating: nil, file: "90-local.yaml", pinning: [.init(modelID: "llama-3-8b", until: Self.until, reason: "demo \"Friday\"")])
        let loaded = try PolicyLoader.load(texts: [("90-local.yaml", text)])
        let rule = try #require(loaded.policy.retention.rules.first)
        #expect(rule.name == "keep-llama-3-8b")
        #expect(rule.keep && rule.keepUntil == Self.until && rule.reason == "demo \"Friday\"")
        #expect(rule.match.id == "llama-3-8b")
        #expect(loaded.origins["retention.rules[0]"]?.description == "90-local.yaml:6:7")
    }

    @Test func policySetKeepsThePinsAndKeepReplacesThem() throws {
        let pinned = try ManagedDropIn.text(updating: nil, file: "f", pinning: [.init(modelID: "a", until: nil, reason: nil)])
        let set = try ManagedDropIn.text(updating: pinned, file: "f", with: [.init(parsing: "memory.sustain=45s")])
        let again = try ManagedDropIn.text(updating: set, file: "f", pinning: [.init(modelID: "a", until: Self.until, reason: "r")])
        let policy = try PolicyLoader.load(texts: [("f", again)]).policy
        #expect(policy.memory.sustain == .seconds(45))
        #expect(policy.retention.rules.filter { $0.name == "keep-a" }.map(\.keepUntil) == [Self.until])
        let unpinned = try #require(try ManagedDropIn.text(updating: again, file: "f", unpinning: ["a"]))
        #expect(PolicyLayer(file: "f", text: unpinned).rules == nil)
        #expect(PolicyLayer(file: "f", text: unpinned).values["memory.sustain"]?.text == "45s")
    }

    @Test(arguments: ["a*b", "x?[1]", "back\\slash", "plain", "%41b", "-dash", "line\u{2028}sep", "a: b, {c}", "emoji😀", "'q\"", "#hash"])
    func aPinMatchesItsModelAndNoOther(id: String) throws {
        let text = try ManagedDropIn.text(updating: nil, file: "f", pinning: [.init(modelID: id, until: nil, reason: nil)])
        let rule = try #require(PolicyLoader.load(texts: [("f", text)]).policy.retention.rules.first)
        let model = PlannerTests.fixture(id).model
        let other = PlannerTests.fixture(id + "x").model
        #expect(StalenessPlanner.matches(rule.match, model))
        #expect(!StalenessPlanner.matches(rule.match, other))
    }

    /// The YAML reader drops a byte-order mark inside a scalar: such an id is refused, never
    /// written as a pin that would match another id.
    @Test func anIdTheFileCannotHoldIsRefusedNotChanged() {
        #expect(throws: ManagedDropInError.malformed("a value cannot be written so that f reads it back unchanged")) {
            try ManagedDropIn.text(updating: nil, file: "f", pinning: [.init(modelID: "\u{FEFF}bom", until: nil, reason: nil)])
        }
    }

    @Test func filesThatOnlyPinKeepTheBuiltInRules() throws {
        let pinOnly = try ManagedDropIn.text(updating: nil, file: "f", pinning: [.init(modelID: "a", until: nil, reason: nil)])
        let rules = try PolicyLoader.load(texts: [("f", pinOnly)]).policy.retention.rules.map(\.name)
        #expect(rules == ["keep-a", "everything-else"])
        let own = "version: 1\nretention:\n  rules:\n    - name: mine\n      stale_after: 9d\n"
        #expect(try PolicyLoader.load(texts: [("e", own), ("f", pinOnly)]).policy.retention.rules.map(\.name) == ["keep-a", "mine"])
        let none = "version: 1\nretention:\n  rules: []\n"
        #expect(try PolicyLoader.load(texts: [("e", none), ("f", pinOnly)]).policy.retention.rules.map(\.name) == ["keep-a"])
        #expect(try PolicyLoader.load(texts: [("e", "version: 1\ndry_run: true\n")]).policy.retention.rules.map(\.name) == ["everything-else"])
    }

    @Test(arguments: [
        ("keep_until: soon", "is not an ISO 8601 date-time"),
        ("stale_after: 3d\n      keep_until: \"2026-01-01T00:00:00Z\"", "keep_until without keep: true"),
    ])
    func badPinFieldsAreRefusedWithTheirPlace(field: String, message: String) {
        let text = "version: 1\nretention:\n  rules:\n    - name: p\n      " + (field.hasPrefix("stale") ? "" : "keep: true\n      ") + field + "\n"
        do {
            _ = try PolicyLoader.load(texts: [("p.yaml", text)])
            Issue.record("accepted \(text)")
        } catch {
            #expect(String(describing: error).contains(message) && String(describing: error).contains("p.yaml:6:"))
        }
    }
}

@Suite("Naming models on the command line")
struct ModelSelectorTests {
    static let models = [("llama-3-8b", "Llama 3 8B"), ("llama-3-70b", "Llama 3 70B"), ("phi-3", "Phi-3 Mini"), ("x", "Llama 3 8B")]
        .map { PlannerTests.fixture($0.0, name: $0.1).model }

    @Test(arguments: [
        ("llama-3-8b", ["llama-3-8b"]),
        ("Phi-3 Mini", ["phi-3"]),
        ("phi-3 mini", ["phi-3"]),
        ("Llama 3 8B", ["llama-3-8b", "x"]),
        ("llama-3-*", ["llama-3-8b", "llama-3-70b"]),
        ("*70B", ["llama-3-70b"]),
        ("mistral", []),
    ])
    func selectsByIdThenNameThenGlob(pattern: String, ids: [String]) {
        #expect(ModelSelector.select(pattern, in: Self.models).map(\.id) == ids)
    }

    @Test func noMatchListsCloseNamesAndSeveralNeedAll() throws {
        #expect(throws: SelectionError.noMatch(pattern: "lama-3-8b", close: ["llama-3-8b", "Llama 3 8B", "llama-3-70b"])) {
            try ModelSelector.resolve("lama-3-8b", in: Self.models, all: false)
        }
        #expect(throws: SelectionError.self) { try ModelSelector.resolve("llama-3-*", in: Self.models, all: false) }
        #expect(try ModelSelector.resolve("llama-3-*", in: Self.models, all: true).count == 2)
        #expect(SelectionError.noMatch(pattern: "q", close: []).category.journalCode == 1)
        #expect(SelectionError.ambiguous(pattern: "q", models: []).category.journalCode == 64)
    }
}

@Suite("The times --at and --until take")
struct InstantSpellingTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: [
        ("2027-01-15", RFC3339.parse("2027-01-15T00:00:00Z")),
        ("2027-01-15T08:30:00Z", RFC3339.parse("2027-01-15T08:30:00Z")),
        ("+14d", now.addingTimeInterval(14 * 86_400)),
        ("2027-13-01", nil), ("14d", nil), ("+", nil), ("", nil),
    ] as [(String, Date?)])
    func aDateADateTimeOrADurationFromNow(text: String, expected: Date?) {
        #expect(PolicyUnits.instant(text, after: Self.now) == expected)
    }
}
