import Foundation
import PiecesModels
import TestSupport
import Testing
import WardenCore

@Suite("Policies: format, validation, merging, security")
struct PolicyTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let examples = ["default.yaml", "laptop-small-disk.yaml", "workstation.yaml", "observe-only.yaml"]

    static func load(_ text: String, file: String = "p.yaml") throws -> Policy {
        try PolicyLoader.load(texts: [(file, text)]).policy
    }

    static func diagnostics(_ text: String) -> [String] {
        do {
            _ = try PolicyLoader.load(texts: [("p.yaml", text)])
            return []
        } catch .invalid(let diagnostics) {
            return diagnostics.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func theBuiltInDefaultIsPoliciesDefaultYAML() throws {
        let file = try String(contentsOf: Self.packageRoot.appendingPathComponent("policies/default.yaml"), encoding: .utf8)
        #expect(file == BuiltInPolicy.text)
        let fromFile = try PolicyLoader.load(texts: [("default.yaml", file)])
        let builtIn = try PolicyLoader.load(texts: [])
        #expect(fromFile.policy == builtIn.policy && fromFile.digest == builtIn.digest)
        #expect(builtIn.policy.retention.rules.map(\.name) == ["everything-else"])
        #expect(builtIn.policy.retention.minAge == .seconds(7 * 86_400))
    }

    @Test(arguments: examples)
    func everyExampleIsValid(name: String) throws {
        let path = Self.packageRoot.appendingPathComponent("policies/\(name)").path
        let loaded = try PolicyLoader.load(files: [path])
        #expect(loaded.files == [path])
        #expect(loaded.digest.hasPrefix("sha256:") && loaded.digest.count == 71)
    }

    @Test func readsEveryKeyIntoTypedValues() throws {
        let policy = try Self.load(String(contentsOf: Self.packageRoot.appendingPathComponent("policies/laptop-small-disk.yaml"), encoding: .utf8))
        #expect(policy.retention.minAge == .seconds(3 * 86_400))
        #expect(policy.retention.maxDeletionsPerRun == 3)
        #expect(policy.retention.rules.map(\.name) == ["pin-daily-driver", "big-models", "everything-else"])
        #expect(policy.retention.rules[0].keep && policy.retention.rules[0].match.name == "Llama-3*")
        #expect(policy.retention.rules[1].match.minSize == ByteCount(4 << 30))
        #expect(policy.disk?.path == "/home" && policy.disk?.highWatermark == 90 && policy.disk?.lowWatermark == 80)
        #expect(policy.disk?.maxLLMCache == ByteCount(12 << 30))
        #expect(policy.memory.unloadBelow == .percent(15))
        #expect(policy.memory.cooldown == .seconds(600))
        #expect(policy.schedule.memoryEvery == .seconds(2))  // from the built-in default
        let workstation = try Self.load(String(contentsOf: Self.packageRoot.appendingPathComponent("policies/workstation.yaml"), encoding: .utf8))
        #expect(workstation.memory.unloadBelow == .bytes(ByteCount(4 << 30)) && workstation.memory.psiSomeAvg10Above == 40)
    }

    @Test(arguments: [
        ("version: 1\nretention:\n  min_agee: 3d\n", "p.yaml:3:3: unknown key \"min_agee\" in retention; did you mean \"min_age\"?"),
        ("version: 1\ndry-run: true\n", "p.yaml:2:1: unknown key \"dry-run\" at the top level; did you mean \"dry_run\"?"),
        ("version: 1\nretention:\n  rules:\n    - name: x\n      stale_afer: 3d\n", "p.yaml:5:7: unknown key \"stale_afer\" in retention.rules[0]; did you mean \"stale_after\"?"),
        ("version: 1\nretention:\n  rules:\n    - name: x\n      keep: true\n      stale_after: 3d\n", "p.yaml:4:7: rule \"x\" has both keep: true and stale_after; a rule either pins or expires"),
        ("version: 1\ndisk:\n  path: /\n  high_watermark: 80%\n  low_watermark: 80%\n", "p.yaml:5:18: disk.low_watermark (80.0%) must be below disk.high_watermark (80.0%)"),
        ("version: 1\ndisk:\n  path: /\n  high_watermark: 120%\n  low_watermark: 80%\n", "p.yaml:4:19: disk.high_watermark: \"120%\" is not a percentage from 0% to 100%"),
        ("version: 1\nretention:\n  max_deletions_per_run: -1\n", "p.yaml:3:26: retention.max_deletions_per_run must not be negative"),
        ("version: 2\n", "p.yaml:1:10: unknown policy version 2; this modelwarden reads version 1"),
        ("retention:\n  min_age: 3d\n", "p.yaml:1:1: \"version: 1\" is required"),
        ("version: 1\nretention:\n  min_age: 3 days\n", "p.yaml:3:12: retention.min_age: \"3 days\" is not a duration such as 90s, 15m, 12h, 30d or 2w"),
        ("version: 1\nmemory:\n  unload_below: lots\n", "p.yaml:3:17: memory.unload_below: \"lots\" is not a percentage of MemTotal (0% to 100%) or a size such as 2GiB"),
        ("version: 1\nretention: [1, 2\n", "p.yaml:3:1: invalid YAML: did not find expected ',' or ']'"),
        ("version: 1\nretention:\n  rules:\n    - match: { name: x }\n      stale_after: 3d\n", "p.yaml:4:7: a rule needs a name"),
        ("version: 1\nretention:\n  rules:\n    - name: x\n", "p.yaml:4:7: rule \"x\" needs keep: true or stale_after"),
        ("version: 1\npieces:\n  url: ftp://127.0.0.1\n", "p.yaml:3:8: pieces.url: invalid Pieces OS URL \"ftp://127.0.0.1\": the scheme must be http or https, not ftp; use e.g. http://127.0.0.1:39300"),
        ("version: 1\njournal:\n  database: journal.sqlite\n", "p.yaml:3:13: journal.database must be auto or an absolute path, not \"journal.sqlite\""),
    ])
    func reportsFileLineAndColumn(text: String, diagnostic: String) {
        // A misspelt key may bring a second, consequent problem; the first must be there.
        let found = Self.diagnostics(text)
        #expect(found.contains(diagnostic), "\(found)")
        #expect(found.count <= 2)
    }

    @Test func reportsEveryProblemNotOnlyTheFirst() {
        let text = "version: 1\nretention:\n  min_agee: 3d\n  max_deletions_per_run: -2\ndisk:\n  path: /\n  high_watermark: 50%\n  low_watermark: 60%\nmemory:\n  sustain: soon\n"
        #expect(Self.diagnostics(text).count == 4)
    }

    @Test func laterFilesOverrideValuesAndTheirRulesComeFirst() throws {
        let base = "version: 1\nretention:\n  min_age: 7d\n  rules:\n    - name: everything-else\n      stale_after: 30d\n"
        let dropIn = "version: 1\nretention:\n  max_deletions_per_run: 1\n  rules:\n    - name: pin-llama\n      match: { name: \"Llama*\" }\n      keep: true\n"
        let policy = try PolicyLoader.load(texts: [("10-base.yaml", base), ("90-local.yaml", dropIn)]).policy
        #expect(policy.retention.rules.map(\.name) == ["pin-llama", "everything-else"])
        #expect(policy.retention.minAge == .seconds(7 * 86_400) && policy.retention.maxDeletionsPerRun == 1)
    }

    @Test func loadsADirectoryInNameOrderAndFallsBackToTheDefault() throws {
        let directory = try TemporaryDirectory()
        #expect(try PolicyLoader.load(directories: [directory.url.path]).files.isEmpty)
        try "version: 1\ndry_run: true\n".write(toFile: directory.path("90-b.yaml"), atomically: true, encoding: .utf8)
        try "version: 1\ndry_run: false\n".write(toFile: directory.path("10-a.yaml"), atomically: true, encoding: .utf8)
        try "not a policy".write(toFile: directory.path("README.txt"), atomically: true, encoding: .utf8)
        for file in ["90-b.yaml", "10-a.yaml"] { chmod(directory.path(file), 0o644) }
        chmod(directory.url.path, 0o755)
        let loaded = try PolicyLoader.load(directories: [directory.url.path])
        #expect(loaded.files == [directory.path("10-a.yaml"), directory.path("90-b.yaml")])
        #expect(loaded.policy.dryRun)
    }

    @Test func refusesFilesAndDirectoriesOthersCanChange() throws {
        let directory = try TemporaryDirectory()
        chmod(directory.url.path, 0o755)
        let file = directory.path("10-a.yaml")
        try "version: 1\n".write(toFile: file, atomically: true, encoding: .utf8)
        chmod(file, 0o666)
        #expect(throws: PolicyError.insecure(["\(file) is writable by group or others (mode 666); fix: chmod go-w \(file)"])) {
            try PolicyLoader.load(directories: [directory.url.path])
        }
        chmod(file, 0o644)
        chmod(directory.url.path, 0o777)
        #expect(throws: PolicyError.self) { try PolicyLoader.load(directories: [directory.url.path]) }
        chmod(directory.url.path, 0o755)
        if getuid() == 0 {
            chown(file, 65534, 65534)
            #expect(throws: PolicyError.insecure(["\(file) is owned by uid 65534, neither root nor you; fix: chown root \(file)"])) {
                try PolicyLoader.load(directories: [directory.url.path])
            }
        }
        #expect(PolicyError.insecure([]).category == .insecurePolicy)
        #expect(PolicyError.invalid([]).category == .invalidPolicy)
    }

    @Test(arguments: [("90s", 90), ("15m", 900), ("12h", 43_200), ("30d", 2_592_000), ("2w", 1_209_600)] as [(String, Int64)])
    func parsesDurations(text: String, seconds: Int64) {
        #expect(PolicyUnits.duration(text) == .seconds(seconds))
        #expect(PolicyUnits.duration(PolicyUnits.describe(.seconds(seconds))) == .seconds(seconds))
    }

    @Test(arguments: ["", "30", "d", "-1d", "1.5d", "30 d", "30y", "99999999999999999w"])
    func refusesWhatIsNotADuration(text: String) {
        #expect(PolicyUnits.duration(text) == nil)
    }

    @Test func digestsChangeExactlyWhenThePolicyDoes() throws {
        let a = try PolicyLoader.load(texts: [("a.yaml", "version: 1\n# a comment\n")])
        let b = try PolicyLoader.load(texts: [("b.yaml", "version: 1\n")])
        let c = try PolicyLoader.load(texts: [("c.yaml", "version: 1\ndry_run: true\n")])
        #expect(a.digest == b.digest)
        #expect(a.digest != c.digest)
    }
}
