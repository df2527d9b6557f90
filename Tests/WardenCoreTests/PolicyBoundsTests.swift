import Foundation
import TestSupport
import Testing
@testable import WardenCore

/// Issue 12, findings 1, 2 and 5: hostile YAML is refused in time linear in its size, at its
/// place, and no diagnostic echoes more than a short excerpt of the file.
@Suite("Policy bounds: alias bombs, nesting, sizes, excerpts, 40,000 rules")
struct PolicyBoundsTests {
    /// The CPU time this thread spends in `body`, in seconds: load on the machine (parallel
    /// tests, two cores) stretches wall time, not this, so the bounds below prove "no blow-up"
    /// without timing the machine.
    static func cpuSeconds<T>(_ body: () throws -> T) rethrows -> (T, Double) {
        func now() -> Double {
            var time = timespec()
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
            return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
        }
        let start = now()
        let result = try body()
        return (result, now() - start)
    }

    /// The diagnostics of `text` as p.yaml, and the CPU seconds it took to get them.
    static func check(_ text: String) -> (diagnostics: [PolicyDiagnostic], seconds: Double) {
        cpuSeconds { () -> [PolicyDiagnostic] in
            do {
                _ = try PolicyLoader.load(texts: [("p.yaml", text)])
                return []
            } catch let error as PolicyError {
                if case .invalid(let diagnostics) = error { return diagnostics }
                return [PolicyDiagnostic(file: "?", line: 0, column: 0, message: "\(error)")]
            } catch {
                return [PolicyDiagnostic(file: "?", line: 0, column: 0, message: "\(error)")]
            }
        }
    }

    static let bomb = PolicyFuzzCorpus.laughs(depth: 9, fanout: 10)

    /// The hostile texts by name: test arguments stay short in the test log.
    static func hostile(_ name: String) -> String {
        switch name {
        case "billion laughs": return "version: 1\n" + bomb
        case "alias as a key": return bomb + "? *l9\n: x\nversion: 1\n"
        case "the same alias twice as a key": return "version: 1\nx: &a [1, 2]\ny: {*a: 1, *a: 2}\n"
        case "100 nested [": return "version: 1\nx: " + String(repeating: "[", count: 100)
        case "10,000 nested [": return "version: 1\nx: " + String(repeating: "[", count: 10_000)
        case "5,000 nested {a:": return "version: 1\nx: " + String(repeating: "{a: ", count: 5_000) + "1"
        default: return "version: 1\nmemory:\n  sustain: 1s\n  cooldown: 1m\n  sustain: 2s\n"
        }
    }

    @Test(arguments: [
        // The issue's 553-byte file used the bomb as a key: 417 s of CPU before.
        ("billion laughs", "p.yaml:6:45: aliases stand for more than 10000 nodes"),
        ("alias as a key", "p.yaml:5:45: aliases stand for more than 10000 nodes"),
        ("the same alias twice as a key", "p.yaml:3:12: duplicate key \"*a\" (first at line 3, column 5)"),
        // The document's mapping is the first level; libyaml itself stops at 1,000.
        ("100 nested [", "p.yaml:2:67: collections nest deeper than 64 levels"),
        ("5,000 nested {a:", "p.yaml:2:256: collections nest deeper than 64 levels"),
        ("10,000 nested [", "p.yaml:2:5: invalid YAML: Maximum nesting level reached"),
        ("a duplicate key", "p.yaml:5:3: duplicate key \"sustain\" (first at line 3, column 3)"),
    ])
    func hostileYAMLIsRefusedAtItsPlaceQuickly(name: String, expected: String) {
        let (diagnostics, seconds) = Self.check(Self.hostile(name))
        #expect(diagnostics.map(\.description).contains { $0.hasPrefix(expected) }, "\(name): \(diagnostics.map(\.description))")
        #expect(seconds < 2, "\(name) took \(seconds) s of CPU")
    }

    @Test func aFewAliasesStillWork() throws {
        let text = "version: 1\nmemory:\n  sustain: &s 45s\n  cooldown: *s\nretention:\n  rules:\n    - &rule { name: a, stale_after: 3d }\n"
        let policy = try PolicyLoader.load(texts: [("p.yaml", text)]).policy
        #expect(policy.memory.cooldown == .seconds(45))
        #expect(policy.retention.rules.map(\.name) == ["a"])
    }

    static func long(_ name: String) -> String {
        let mebibyte = 1 << 20
        switch name {
        // An explicit key: libyaml refuses a plain one over 1,024 characters.
        case "key": return "version: 1\n? " + String(repeating: "k", count: mebibyte) + "\n: 1\n"
        case "rule name": return "version: 1\nretention:\n  rules:\n    - name: " + String(repeating: "n", count: mebibyte) + "\n      keep: maybe\n"
        case "value": return "version: 1\npieces:\n  timeout: " + String(repeating: "9", count: mebibyte) + "\n"
        case "path": return "version: 1\njournal:\n  database: \"rel/" + String(repeating: "\\e", count: 1 << 16) + "\"\n"
        default: return "version: 1\n" + String(repeating: "x: 1\n", count: 200_000)
        }
    }

    @Test(arguments: [
        ("key", "unknown key \"kkk"), ("rule name", "of rule \"nnn"), ("value", "pieces.timeout: \"999"),
        ("path", "journal.database: the path \"rel/\\u{1B}"), ("200,000 keys", "duplicate key \"x\""),
    ])
    func aDiagnosticQuotesAShortEscapedExcerptOfTheFile(name: String, expected: String) {
        let (diagnostics, seconds) = Self.check(Self.long(name))
        let printed = PolicyError.invalid(diagnostics).description
        #expect(printed.contains(expected), "\(printed.prefix(2_000))")
        #expect(printed.utf8.count < 2_000 * max(1, diagnostics.count), "\(printed.utf8.count) bytes for \(diagnostics.count) diagnostics")
        #expect(!printed.unicodeScalars.contains("\u{1B}"))
        #expect(seconds < 2, "\(seconds) s of CPU")
    }

    @Test func aTextOverTheSizeLimitIsRefusedUnread() {
        let (diagnostics, _) = Self.check("version: 1\n#" + String(repeating: "x", count: PolicyFileReader.maxBytes))
        #expect(diagnostics.map(\.description) == ["p.yaml:1:1: larger than 4 MiB (the limit of a policy file); nothing of it was read"])
    }

    /// 40,000 rules: 30 s for the first pass before (the Myers diff of the first revision
    /// against nothing was quadratic); that diff is linear now, and a one-line change
    /// still gives a minimal diff.
    @Test func fortyThousandRulesLoadAndDiffInLinearTime() throws {
        let rules = (0..<40_000).map { "    - name: r\($0)\n      match: { name: \"m\($0)*\" }\n      stale_after: \($0 % 90 + 1)d\n" }
        let text = "version: 1\nretention:\n  rules:\n" + rules.joined()
        let (loaded, loading) = try Self.cpuSeconds { try PolicyLoader.load(texts: [("p.yaml", text)]) }
        #expect(loaded.policy.retention.rules.count == 40_000)
        let canonical = loaded.policy.canonicalText
        let (diff, diffing) = Self.cpuSeconds { UnifiedDiff.make(old: "", new: canonical, oldName: "/dev/null", newName: "p") }
        #expect(diff.hasPrefix("--- /dev/null\n+++ p\n@@ -0,0 +1,"))
        let changed = canonical.replacingOccurrences(of: "name: \"r20000\"", with: "name: \"renamed\"")
        let (oneLine, _) = Self.cpuSeconds { UnifiedDiff.make(old: canonical, new: changed, oldName: "a", newName: "b") }
        #expect(oneLine.components(separatedBy: "\n").filter { $0.hasPrefix("-") || $0.hasPrefix("+") }.count == 4)
        // Loading was always linear (about 3.7 s of CPU in a debug build): bounded only
        // against a blow-up. The diff was the quadratic step: the standard library's Myers
        // diff of 120,000 lines against none would take about 75 s in a debug build (measured:
        // 4.7 s for 30,000 lines, and it grows with the square), 30 s in release; now 0.3 s.
        #expect(loading < 15, "loading took \(loading) s of CPU")
        #expect(diffing < 5, "the first revision's diff took \(diffing) s of CPU")
    }
}
