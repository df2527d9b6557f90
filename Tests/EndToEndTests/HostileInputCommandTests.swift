import Foundation
import TestSupport
import Testing

/// Issue 12 as processes: hostile paths and journal directories, and the exit statuses.
@Suite("Hostile input end to end", .serialized)
struct HostileInputCommandTests {
    static let asNobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]

    @Test(arguments: [
        (["report", "--db", "/tmp/j\u{01}.sqlite"], [:], "--db: the path \"/tmp/j\\u{1}.sqlite\" holds the control character U+0001"),
        (["report"], ["MODELWARDEN_DB": "/tmp/j\n.sqlite"], "MODELWARDEN_DB: the path"),
        (["report", "--policy-dir", "/etc/p\t"], [:], "--policy-dir: the path"),
        (["policy", "show"], ["MODELWARDEN_POLICY_DIR": "/etc/p\u{1B}"], "MODELWARDEN_POLICY_DIR: the path"),
        (["report", "--meminfo", "/proc/m\u{7F}"], [:], "--meminfo: the path"),
        (["report", "--psi", "/proc/p\r"], [:], "--psi: the path"),
    ] as [([String], [String: String], String)])
    func aControlCharacterInAFlagOrVariableExits64NamingIt(arguments: [String], environment: [String: String], message: String) throws {
        let result = try Binaries.run("modelwarden", arguments, environment: environment)
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func aControlCharacterInAPolicyPathExits65WithItsPlace() throws {
        let directory = try TemporaryDirectory()
        let policies = directory.path("policies.d")
        try FileManager.default.createDirectory(atPath: policies, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        try "version: 1\njournal:\n  database: \"\(directory.url.path)/j\\0.sqlite\"\n".write(
            toFile: "\(policies)/50-site.yaml", atomically: true, encoding: .utf8)
        let result = try Binaries.run("modelwarden", ["report", "--policy-dir", policies])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("\(policies)/50-site.yaml:3:13: journal.database: the path"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["policies.d"])
    }

    @Test(arguments: [(["report"], ""), (["policy", "set", "dry_run=true"], ""), (["run"], ".lock"), (["run"], "-wal")])
    func aLinkInTheJournalDirectoryExits73AndLeavesItsTargetAlone(command: [String], suffix: String) throws {
        let directory = try TemporaryDirectory()
        let simulator = try SimulatorProcess()
        let database = directory.path("journal.sqlite"), victim = directory.path("victim")
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: database + suffix, withDestinationPath: victim)
        let policies = directory.path("policies.d")
        try FileManager.default.createDirectory(atPath: policies, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o755])
        let result = try Binaries.run(
            "modelwarden", command + ["--db", database, "--policy-dir", policies], environment: ["MODELWARDEN_PIECES_URL": simulator.url])
        #expect(result.status == 73, "\(result.stderr)")
        #expect(result.stderr.contains("\(database)\(suffix)") && result.stderr.contains("is a symbolic link"), "\(result.stderr)")
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: victim)
        #expect(attributes[.ownerAccountID] as? Int == Int(getuid()) && attributes[.posixPermissions] as? Int == 0o644)
    }

    @Test(.enabled(if: getuid() == 0, "root creating files in a directory another user owns"))
    func aRootPassLeavesTheServiceAJournalAndALockItCanOpen() throws {
        let directory = try TemporaryDirectory()
        let simulator = try SimulatorProcess()
        let state = directory.path("state")
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        chown(state, 65534, 65534)
        chmod(directory.url.path, 0o755)
        let database = state + "/journal.sqlite"
        // An older root pass left a root-owned lock; this one, and what it creates, go to the owner.
        FileManager.default.createFile(atPath: database + ".lock", contents: nil, attributes: [.posixPermissions: 0o600])
        let environment = ["MODELWARDEN_DB": database, "MODELWARDEN_PIECES_URL": simulator.url]
        let root = try Binaries.run("modelwarden", ["run"], environment: environment)
        #expect(root.status == 0, "\(root.stderr)")
        for file in [database, database + ".lock", database + "-wal", database + "-shm"] where FileManager.default.fileExists(atPath: file) {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            #expect(attributes[.ownerAccountID] as? Int == 65534, "\(file)")
            #expect(attributes[.posixPermissions] as? Int == 0o600, "\(file)")
        }
        let service = try Binaries.run("modelwarden", ["run"], environment: environment, prefix: Self.asNobody)
        #expect(service.status == 0, "\(service.stderr)")
    }
}
