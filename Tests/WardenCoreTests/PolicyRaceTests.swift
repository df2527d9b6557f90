import Dispatch
import Foundation
import Synchronization
import TestSupport
import Testing
@testable import WardenCore

/// `policy set` racing a pass (issue 12, D): the history never records a phantom revert.
@Suite("Policy revisions when a set races a pass")
struct PolicyRaceTests {
    let directory: TemporaryDirectory
    let policies: String
    let location: JournalLocation
    let root = PolicyActor(uid: 0, name: "root")
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    init() throws {
        directory = try TemporaryDirectory()
        policies = directory.path("policies.d")
        location = JournalLocation(path: directory.path("journal.sqlite"), createsDirectories: false)
        try FileManager.default.createDirectory(atPath: policies, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        try "version: 1\nmemory:\n  sustain: 30s\n".write(toFile: "\(policies)/50-site.yaml", atomically: true, encoding: .utf8)
    }

    /// A history and a changer over their own connection to the journal, as two processes have.
    func process(clock: @escaping @Sendable () -> Date = { Date(timeIntervalSince1970: 1_800_000_000) }) throws -> PolicyChanger {
        PolicyChanger(
            directories: PolicyDirectories(paths: [policies]), history: PolicyHistory(journal: try JournalDatabase.open(at: location), events: RecordingEventSink()),
            actor: PolicyActor(uid: 1000, name: "alice via sudo"), clock: clock)
    }

    @Test func aSetBetweenAPassLoadingItsPolicyAndNoticingRecordsNoPhantomRevert() throws {
        let pass = try process(), admin = try process()
        _ = try pass.history.noticeChange(of: try pass.directories.load(), by: root, at: t0)
        let loaded = try pass.directories.load()  // the pass starts with the policy as it is
        _ = try admin.set([.init(parsing: "dry_run=true")])  // meanwhile an admin commits a set
        #expect(try pass.history.noticeChange(of: loaded, by: root, at: t0) == nil)
        // The next pass loads the policy the set made: nothing to notice, nothing reverted.
        #expect(try pass.history.noticeChange(of: try pass.directories.load(), by: root, at: t0) == nil)
        let revisions = try pass.history.journal.policyRevisions()
        #expect(revisions.map(\.source) == [.baseline, .set])
        #expect(revisions.last?.policyDigest == (try pass.directories.load()).digest)
    }

    @Test func aSetCommittedWhileAPassPreparesItsRevisionIsNotReverted() throws {
        let pass = try process()
        _ = try pass.history.noticeChange(of: try pass.directories.load(), by: root, at: t0)
        try "version: 1\nmemory:\n  sustain: 50s\n".write(toFile: "\(policies)/50-site.yaml", atomically: true, encoding: .utf8)
        let handEdited = try pass.directories.load()
        let admin = try process()
        // The actor is read after the pass has seen the latest revision and before it writes:
        // a whole `set` (file and revision) lands exactly there.
        let setMeanwhile: () -> PolicyActor = { [root] in
            #expect(throws: Never.self) { _ = try admin.set([.init(parsing: "dry_run=true")]) }
            return root
        }
        #expect(try pass.history.noticeChange(of: handEdited, by: setMeanwhile(), at: t0) == nil)
        let revisions = try pass.history.journal.policyRevisions()
        #expect(revisions.map(\.source) == [.baseline, .set])
        #expect(revisions.last?.policyDigest == (try pass.directories.load()).digest)
        // The next pass, with the policy the set made, has nothing to record.
        #expect(try pass.history.noticeChange(of: try pass.directories.load(), by: root, at: t0) == nil)
    }

    @Test func aPolicyGivenAsTextIsAlwaysCurrent() throws {
        #expect(try PolicyLoader.load(texts: [("p.yaml", "version: 1\n")]).isCurrent())
        let loaded = try PolicyDirectories(paths: [policies]).load()
        #expect(loaded.isCurrent())
        try "version: 1\ndry_run: true\n".write(toFile: "\(policies)/60-more.yaml", atomically: true, encoding: .utf8)
        #expect(!loaded.isCurrent())
    }
}
