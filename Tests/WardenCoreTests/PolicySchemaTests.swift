import Foundation
import PiecesModels
import Testing
import Yams
@testable import WardenCore

@Suite("The policy schema: each key declared once")
struct PolicySchemaTests {
    /// Journals hold digests of the canonical text: it must not change when the code does (the
    /// README's demo shows the same digest, from before the schema was one table).
    @Test func theCanonicalTextOfTheBuiltInDefaultIsUnchanged() throws {
        let loaded = try PolicyLoader.load(texts: [])
        #expect(loaded.policy.canonicalText == """
            version: 1
            pieces:
              url: auto
              timeout: 5s
              allow_remote: false
            retention:
              min_age: 1w
              max_deletions_per_run: 5
              notice_before: 3d
              rules:
                - name: "everything-else"
                  stale_after: 30d
            memory:
              unload_below: 10.0%
              sustain: 30s
              cooldown: 10m
            schedule:
              memory_every: 2s
              retention_every: 1h
            journal:
              database: auto
              keep: 180d
            dry_run: false

            """)
        #expect(loaded.digest == "sha256:3ae4daccd5852b722cecb07aaca4bb7af4ef321f7fe5f3eeb3b452b248dc5f71")
    }

    /// A quoted value reads back as itself, a quote or backslash before a combining mark too
    /// (a Character-wise replace left that quote bare, which ended the YAML string).
    @Test(arguments: ["plain", #"say "hi""#, #"C:\models\"#, "a\"\u{301}b", "a\\\u{301}b", "ünïcode ✓"])
    func aQuotedTextValueReadsBackAsItself(value: String) throws {
        let rendered = try #require(PolicyValueType<String>.text.render(value))
        let node = try Yams.compose(yaml: "key: \(rendered)\n")
        #expect(node?.mapping?["key"]?.string == value, "\(rendered)")
    }

    @Test func theCanonicalTextOfEveryKindOfValueIsUnchanged() throws {
        let path = PolicyTests.packageRoot.appendingPathComponent("policies/laptop-small-disk.yaml").path
        let policy = try PolicyLoader.load(files: [path]).policy
        #expect(policy.canonicalText.contains("""
              rules:
                - name: "pin-daily-driver"
                  match: { name: "Llama-3*" }
                  keep: true
                - name: "big-models"
                  match: { min_size: 4294967296B }
                  stale_after: 1w
                - name: "everything-else"
                  stale_after: 2w
            disk:
              path: "/home"
              high_watermark: 90.0%
              low_watermark: 80.0%
              max_llm_cache: 12884901888B
            memory:
              unload_below: 15.0%
            """))
    }

    @Test func everyDefaultIsWhatTheBuiltInTextSays() {
        let layer = PolicyLayer(file: BuiltInPolicy.origin, text: BuiltInPolicy.text)
        #expect(layer.diagnostics.isEmpty)
        let defaults = PolicySchema.keys.filter { $0.defaultText != nil }
        #expect(layer.values.mapValues(\.text) == Dictionary(uniqueKeysWithValues: defaults.map { ($0.path, $0.defaultText ?? "") }))
        #expect(layer.rules?.count == 1)
    }

    @Test func keysAreUniqueAndEachSectionIsInOnePiece() {
        let paths = PolicySchema.keys.map(\.path)
        #expect(Set(paths).count == paths.count)
        #expect(PolicySchema.sections == ["pieces", "retention", "disk", "memory", "schedule", "journal", "metrics"])
        #expect(PolicySchema.children(of: "") == ["disk", "dry_run", "journal", "memory", "metrics", "pieces", "retention", "schedule", "version"])
        #expect(PolicySchema.children(of: "retention") == ["max_deletions_per_run", "min_age", "notice_before", "rules"])
        #expect(PolicySchema.keys.allSatisfy { !$0.doc.isEmpty && !$0.doc.contains("\n") })
    }

    @Test func docsPolicyKeysIsGeneratedFromTheSchema() throws {
        let url = PolicyTests.packageRoot.appendingPathComponent("docs/policy-keys.md")
        // MODELWARDEN_UPDATE_GOLDEN=1 rewrites it, as for the golden JSON files.
        if ProcessInfo.processInfo.environment["MODELWARDEN_UPDATE_GOLDEN"] == "1" {
            try PolicySchema.markdown.write(to: url, atomically: true, encoding: .utf8)
        }
        let file = try String(contentsOf: url, encoding: .utf8)
        #expect(file == PolicySchema.markdown, "regenerate docs/policy-keys.md from PolicySchema.markdown")
        for key in PolicySchema.keys { #expect(file.contains("| `\(key.path)` |")) }
        for key in RuleField.allCases { #expect(file.contains("| `\(key.rawValue)` |")) }
    }

    @Test(arguments: PolicySchema.keys.filter(\.isSettable))
    func policySetWritesEveryKeyBackAsTheSameValue(key: PolicyKey) throws {
        let value = key.defaultText ?? Self.sample[key.path] ?? ""
        var assignments = [try ManagedDropIn.Assignment(parsing: "\(key.path)=\(value)")]
        if key.section == "disk", key.path != "disk.path" { assignments.append(try .init(parsing: "disk.path=/")) }
        if key.path.hasSuffix("_watermark") {
            assignments.append(try .init(parsing: key.path.hasPrefix("disk.high") ? "disk.low_watermark=1%" : "disk.high_watermark=99%"))
        }
        let text = try ManagedDropIn.text(updating: nil, file: "90-local.yaml", with: assignments)
        let loaded = try PolicyLoader.load(texts: [("90-local.yaml", text)])
        #expect(loaded.origins[key.path]?.file == "90-local.yaml")
        #expect(PolicyLayer(file: "90-local.yaml", text: text).values[key.path]?.text == value)
    }

    /// Values for the keys the built-in default leaves unset.
    static let sample = [
        "disk.path": "/srv/pieces", "disk.high_watermark": "90%", "disk.low_watermark": "80%",
        "disk.max_llm_cache": "12GiB", "memory.psi_some_avg10_above": "40", "memory.pieces_rss_above": "24GiB",
        "metrics.textfile": "/var/lib/prometheus/node-exporter/modelwarden.prom",
    ]
}

extension PolicyKey: CustomTestStringConvertible {
    public var testDescription: String { path }
}
