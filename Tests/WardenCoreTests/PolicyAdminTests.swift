import Foundation
import TestSupport
import Testing
@testable import WardenCore

@Suite("Unified diffs of policy revisions")
struct UnifiedDiffTests {
    @Test(arguments: [
        ("a\nb\nc\n", "a\nb\nc\n", ""),
        ("a\nb\nc\n", "a\nB\nc\n", "--- o\n+++ n\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n"),
        ("", "x\n", "--- o\n+++ n\n@@ -0,0 +1 @@\n+x\n"),
        ("x\n", "", "--- o\n+++ n\n@@ -1 +0,0 @@\n-x\n"),
        ("1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n", "0\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n",
         "--- o\n+++ n\n@@ -1,3 +1,4 @@\n+0\n 1\n 2\n 3\n@@ -10,3 +11,4 @@\n 10\n 11\n 12\n+13\n"),
    ])
    func diffsLikeDiffU(old: String, new: String, expected: String) {
        #expect(UnifiedDiff.make(old: old, new: new, oldName: "o", newName: "n") == expected)
    }
}

@Suite("The managed drop-in of policy set")
struct ManagedDropInTests {
    @Test(arguments: [
        ("memory.unload_below=15%", "memory.unload_below", "15%"),
        ("retention.min_age=", "retention.min_age", ""),
        ("journal.database=/srv/a b.sqlite", "journal.database", "/srv/a b.sqlite"),
    ])
    func parsesAssignments(argument: String, key: String, value: String) throws {
        let assignment = try ManagedDropIn.Assignment(parsing: argument)
        #expect(assignment.key == key)
        #expect(assignment.value == value)
    }

    @Test(arguments: [
        ("memory.sustian=4s", "unknown key \"memory.sustian\"; did you mean \"memory.sustain\"?"),
        ("memory.sustain", "\"memory.sustain\" is not KEY=VALUE, e.g. memory.unload_below=15%"),
        ("retention.rules=[]", "retention.rules is a list; change rules with `modelwarden policy edit`"),
    ])
    func refusesBadAssignments(argument: String, message: String) {
        #expect(throws: ManagedDropInError.malformed(message)) { try ManagedDropIn.Assignment(parsing: argument) }
    }

    @Test func keepsEarlierValuesAddsNewOnesAndRemovesEmptyOnes() throws {
        let first = try ManagedDropIn.text(updating: nil, file: "f", with: [
            .init(parsing: "memory.sustain=45s"), .init(parsing: "dry_run=true"), .init(parsing: "journal.database=/srv/my db.sqlite"),
        ])
        #expect(first == """
            \(ManagedDropIn.header)
            version: 1
            memory:
              sustain: 45s
            journal:
              database: "/srv/my db.sqlite"
            dry_run: true

            """)
        let second = try ManagedDropIn.text(updating: first, file: "f", with: [.init(parsing: "dry_run="), .init(parsing: "memory.cooldown=1h")])
        let values = PolicyLayer(file: "f", text: second).values.mapValues(\.text)
        #expect(values == ["version": "1", "memory.sustain": "45s", "memory.cooldown": "1h", "journal.database": "/srv/my db.sqlite"])
    }

    @Test(arguments: ["version: 1\nmemory:\n  sustain: 45s\n"])
    func neverRewritesWhatItCannotKeep(existing: String) throws {
        let assignment = try ManagedDropIn.Assignment(parsing: "dry_run=true")
        #expect(throws: ManagedDropInError.self) { try ManagedDropIn.text(updating: existing, file: "f", with: [assignment]) }
    }
}

@Suite("Changing policy files")
struct PolicyChangeTests {
    let directory: TemporaryDirectory
    let policies: String
    let changer: PolicyChanger
    let events = RecordingEventSink()

    init() throws {
        directory = try TemporaryDirectory()
        policies = directory.path("policies.d")
        try FileManager.default.createDirectory(atPath: policies, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        try "# pins\nversion: 1\nmemory:\n  sustain: 30s  # why: slow disks\n".write(toFile: "\(policies)/50-site.yaml", atomically: true, encoding: .utf8)
        changer = PolicyChanger(
            directories: PolicyDirectories(paths: [policies]), history: PolicyHistory(journal: try JournalDatabase.inMemory(), events: events),
            actor: PolicyActor(uid: 1000, name: "alice via sudo"), clock: { Date(timeIntervalSince1970: 1_800_000_000) })
    }

    func session(_ file: String, ask: ((PolicyError) -> Bool)?, edits: [(String) -> String]) -> PolicyEditSession {
        let remaining = Counter()
        return PolicyEditSession(changer: changer, file: file, edit: { path in
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try edits[remaining.next() % edits.count](text).write(toFile: path, atomically: false, encoding: .utf8)
        }, askToEditAgain: ask)
    }

    @Test func setRecordsARevisionWithWhoWhenAndTheDiff() throws {
        let revision = try #require(try changer.set([.init(parsing: "memory.cooldown=1h")]))
        #expect(revision.user == "alice via sudo")
        #expect(revision.uid == 1000)
        #expect(revision.source == .set)
        #expect(revision.digestBefore == nil)
        #expect(revision.diff.contains("+  cooldown: 1h"))
        #expect(try changer.directories.load().policy.memory.cooldown == .seconds(3600))
        #expect(events.sent.map(\.kind) == [.policyChanged])
        #expect(try changer.set([.init(parsing: "memory.cooldown=1h")]) == nil)  // nothing changed, nothing recorded
    }

    @Test func anInvalidResultWritesNothing() throws {
        #expect(throws: PolicyError.self) { try changer.set([.init(parsing: "memory.sustain=banana")]) }
        #expect(!FileManager.default.fileExists(atPath: "\(policies)/90-local.yaml"))
        #expect(try changer.history.journal.policyRevisions().isEmpty)
    }

    @Test func anInsecureDirectoryIsRefused() throws {
        chmod(policies, 0o777)
        #expect(throws: PolicyError.self) { try changer.set([.init(parsing: "dry_run=true")]) }
    }

    @Test func editKeepsCommentsOwnerAndMode() throws {
        let file = "\(policies)/50-site.yaml"
        chmod(file, 0o640)
        let outcome = try session(file, ask: nil, edits: [{ $0.replacingOccurrences(of: "30s", with: "40s") }]).run()
        guard case .saved(let revision) = outcome else { Issue.record("not saved: \(outcome)"); return }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "# pins\nversion: 1\nmemory:\n  sustain: 40s  # why: slow disks\n")
        #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o640)
        #expect(revision.source == .edit)
        #expect(revision.diff.contains("-  sustain: 30s  # why: slow disks\n+  sustain: 40s  # why: slow disks"))
    }

    @Test func anInvalidEditCanBeEditedAgain() throws {
        let file = "\(policies)/50-site.yaml"
        let asked = Counter()
        let edits: [(String) -> String] = [{ $0 + "memory: [\n" }, { $0.replacingOccurrences(of: "memory: [\n", with: "dry_run: true\n") }]
        let outcome = try session(file, ask: { _ in asked.next() < 1 }, edits: edits).run()
        guard case .saved = outcome else { Issue.record("not saved: \(outcome)"); return }
        #expect(asked.value == 1)
        #expect(try changer.directories.load().policy.dryRun)
    }

    @Test func anInvalidEditWithoutATerminalWritesNothing() throws {
        let file = "\(policies)/50-site.yaml"
        let before = try String(contentsOfFile: file, encoding: .utf8)
        #expect(throws: PolicyEditSession.Failure.self) { try session(file, ask: nil, edits: [{ $0 + "bogus: 1\n" }]).run() }
        #expect(try String(contentsOfFile: file, encoding: .utf8) == before)
        #expect(try changer.history.journal.policyRevisions().isEmpty)
    }

    @Test func anEditNeverOverwritesAChangeSavedMeanwhile() throws {
        let file = "\(policies)/90-local.yaml"
        // While "the editor is open", another admin saves through `policy set`.
        let session = PolicyEditSession(changer: changer, file: file, edit: { [changer] path in
            _ = try changer.set([.init(parsing: "dry_run=true")])
            try "version: 1\nmemory:\n  cooldown: 2h\n".write(toFile: path, atomically: false, encoding: .utf8)
        }, askToEditAgain: nil)
        do {
            _ = try session.run()
            Issue.record("the edit overwrote the other change")
        } catch PolicyEditSession.Failure.changedMeanwhile(_, let copy) {
            #expect(try String(contentsOfFile: copy, encoding: .utf8).contains("cooldown: 2h"))  // the edit is not lost either
        }
        #expect(try changer.directories.load().policy.dryRun)
        #expect(try changer.history.journal.policyRevisions().map(\.source) == [.set])
    }

    @Test func pruningKeepsTheLatestRevisionHoweverOld() throws {
        let history = changer.history
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        _ = try history.noticeChange(of: try changer.directories.load(), by: PolicyActor(uid: 0, name: "root"), at: old)
        _ = try changer.set([.init(parsing: "dry_run=true")])
        let pruned = try history.journal.prune(olderThan: Date(timeIntervalSince1970: 1_900_000_000))
        #expect(pruned.revisions == 1)
        #expect(try history.journal.policyRevisions().map(\.source) == [.set])
    }

    @Test func aPassRecordsTheBaselineThenOnlyRealChanges() throws {
        let history = changer.history
        let actor = PolicyActor(uid: 0, name: "root")
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        let first = try history.noticeChange(of: try changer.directories.load(), by: actor, at: t0)
        #expect(first?.source == .baseline)
        #expect(try history.noticeChange(of: try changer.directories.load(), by: actor, at: t0) == nil)
        try "version: 1\nmemory:\n  sustain: 50s\n".write(toFile: "\(policies)/50-site.yaml", atomically: true, encoding: .utf8)
        let byHand = try #require(try history.noticeChange(of: try changer.directories.load(), by: actor, at: t0))
        #expect(byHand.source == .pass)
        #expect(byHand.diff.contains("-  sustain: 30s\n+  sustain: 50s"))
    }
}

@Suite("policy show")
struct PolicyViewTests {
    @Test func showsWhereEachValueWasSetAndJSONWithTheYAMLKeys() throws {
        let loaded = try PolicyLoader.load(texts: [("/p/50-a.yaml", "version: 1\nmemory:\n  sustain: 45s\nretention:\n  rules:\n    - name: pin\n      keep: true\n")])
        let text = PolicyView.text(loaded, origins: true)
        #expect(text.contains("  sustain: 45s") && text.contains("# /p/50-a.yaml:3:12"))
        #expect(text.contains("- name: \"pin\"") && text.contains("# /p/50-a.yaml:6:7"))
        #expect(text.contains("# (built-in default)"))
        let json = try JSONSerialization.jsonObject(with: Data(try PolicyView.json(loaded, origins: true).utf8)) as? [String: Any]
        let memory = json?["memory"] as? [String: Any]
        #expect(memory?["sustain"] as? String == "45s")
        #expect(memory?["unload_below"] as? String == "10.0%")
        #expect((json?["retention"] as? [String: Any])?["max_deletions_per_run"] as? Int == 5)
        #expect(json?["dry_run"] as? Bool == false)
        #expect((json?["origins"] as? [String: String])?["memory.sustain"] == "/p/50-a.yaml:3:12")
        #expect(try PolicyView.json(loaded, origins: false).contains("origins") == false)
    }
}
