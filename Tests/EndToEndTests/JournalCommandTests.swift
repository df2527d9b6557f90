import Foundation
import GRDB
import TestSupport
import Testing

/// `modelwarden run` and `status` with their journal, as processes.
@Suite("The journal end to end", .serialized)
struct JournalCommandTests {
    @Test func statusShowsFirstSeenAndLastUsedFromTheJournal() throws {
        let directory = try TemporaryDirectory()
        let simulator = try SimulatorProcess()
        let environment = ["MODELWARDEN_DB": directory.path("journal.sqlite"), "MODELWARDEN_PIECES_URL": simulator.url]
        let first = try Binaries.run("modelwarden", ["status", "--now", "2026-11-01T00:00:00Z"], environment: environment)
        #expect(first.status == 0, "\(first.stderr)")
        let later = try Binaries.run("modelwarden", ["status", "--now", "2026-12-01T12:00:00Z"], environment: environment)
        let lines = later.stdout.split(separator: "\n")
        #expect(lines[1].hasSuffix("FIRST SEEN  LAST USED  NOTE"))
        let llama = try #require(lines.first { $0.hasPrefix("Llama-3 8B Instruct (CPU)") })
        #expect(llama.contains("30d ago   just now"))  // loaded in both snapshots
        let phi = try #require(lines.first { $0.hasPrefix("Phi-3 Mini 4K (CPU)") })
        // Never used: ages from first seen; stale, and with notices off, due at the next pass.
        #expect(phi.hasSuffix("30d ago    30d ago  deletes at the next pass (stale)"))
    }

    @Test func runRecordsAPassAndPrintsJSON() throws {
        let directory = try TemporaryDirectory()
        let simulator = try SimulatorProcess()
        let environment = ["MODELWARDEN_DB": directory.path("journal.sqlite")]
        let result = try Binaries.run("modelwarden", ["run", "--json", "--pieces-url", simulator.url], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["run_id"] as? Int == 1)
        #expect(object["models"] as? Int == 10 && object["changed_models"] as? Int == 10)
        #expect(object["dry_run"] as? Bool == false)
        let again = try Binaries.run("modelwarden", ["run", "--json", "--pieces-url", simulator.url], environment: environment)
        let second = try #require(try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any])
        #expect(second["run_id"] as? Int == 2 && second["changed_models"] as? Int == 0)
    }

    @Test func aSecondPassExits75NamingTheHolderUntilTheHolderIsKilled() throws {
        let directory = try TemporaryDirectory()
        let simulator = try SimulatorProcess()
        let database = directory.path("journal.sqlite")
        let holder = try LockHolder(path: database + ".lock")
        let blocked = try Binaries.run("modelwarden", ["run", "--pieces-url", simulator.url], environment: ["MODELWARDEN_DB": database])
        #expect(blocked.status == 75)
        #expect(blocked.stderr.contains("another pass (pid \(holder.pid)) holds the lock \(database).lock"), "\(blocked.stderr)")
        holder.kill9()
        let free = try Binaries.run("modelwarden", ["run", "--pieces-url", simulator.url], environment: ["MODELWARDEN_DB": database])
        #expect(free.status == 0, "\(free.stderr)")
    }

    @Test func anUnusableJournalExits73NamingThePathAndTouchesNothing() throws {
        let directory = try TemporaryDirectory()
        let simulator = try SimulatorProcess()
        func run(_ database: String, prefix: [String] = []) throws -> Binaries.Result {
            try Binaries.run("modelwarden", ["run", "--pieces-url", simulator.url, "--db", database], prefix: prefix)
        }

        let missing = try run(directory.path("no/such/dir/journal.sqlite"))
        #expect(missing.status == 73)
        #expect(missing.stderr.contains("journal \(directory.path("no/such/dir/journal.sqlite")): the directory"), "\(missing.stderr)")

        let corrupt = directory.path("corrupt.sqlite")
        let garbage = Data((0..<4096).map { UInt8($0 % 251) })
        try garbage.write(to: URL(fileURLWithPath: corrupt))
        let corrupted = try run(corrupt)
        #expect(corrupted.status == 73)
        #expect(corrupted.stderr.contains("journal \(corrupt): the file is not a modelwarden journal or is corrupt"), "\(corrupted.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: corrupt)) == garbage)

        let newer = directory.path("newer.sqlite")
        let queue = try DatabaseQueue(path: newer)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); INSERT INTO grdb_migrations VALUES ('v1'), ('v99')")
        }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: newer))
        let refused = try run(newer)
        #expect(refused.status == 73)
        #expect(refused.stderr.contains("journal \(newer): written by a newer modelwarden"), "\(refused.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: newer)) == before)

        // A read-only directory: as root, checked as nobody, since root may write anywhere.
        let readOnly = directory.path("read-only")
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o555])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.url.path)
        let asNobody = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        let denied = try run(readOnly + "/journal.sqlite", prefix: asNobody)
        #expect(denied.status == 73)
        #expect(denied.stderr.contains("journal \(readOnly)/journal.sqlite: "), "\(denied.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: readOnly).isEmpty)
    }
}

/// A process that holds a pass lock the way modelwarden does (flock, pid in the file), until
/// it is killed.
final class LockHolder: @unchecked Sendable {
    let process = Process()
    let pid: Int32

    init(path: String) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", """
            import fcntl, os, sys, time
            f = open(sys.argv[1], "a+")
            fcntl.flock(f, fcntl.LOCK_EX)
            f.truncate(0); f.write(str(os.getpid())); f.flush()
            print("locked", flush=True)
            time.sleep(600)
            """, path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            line += chunk
        }
        pid = process.processIdentifier
    }

    func kill9() {
        kill(pid, SIGKILL)
        process.waitUntilExit()
    }

    deinit { if process.isRunning { kill9() } }
}
