import Foundation
import GRDB
import TestSupport
import Testing

/// Pieces OS's own process, found through its port: the simulator's through the real /proc,
/// and a 30 GiB one in a fake tree (`--proc-root`).
@Suite("The Pieces OS process end to end", .serialized)
struct PiecesProcessCommandTests {
    /// A simulator, a journal, a calm meminfo, and the policy `policy`.
    struct Scene {
        let directory: TemporaryDirectory
        let simulator: SimulatorProcess
        let environment: [String: String]
        let memory: [String]

        init(policy: String = "") throws {
            directory = try TemporaryDirectory()
            simulator = try SimulatorProcess()
            let policies = directory.path("policies.d")
            try FileManager.default.createDirectory(atPath: policies, withIntermediateDirectories: true)
            if !policy.isEmpty { try ("version: 1\n" + policy).write(toFile: policies + "/50-test.yaml", atomically: true, encoding: .utf8) }
            try "MemTotal: 67108864 kB\nMemAvailable: 50331648 kB\n".write(toFile: directory.path("meminfo"), atomically: true, encoding: .utf8)
            memory = ["--meminfo", directory.path("meminfo"), "--psi", directory.path("no-psi"), "--settle", "0s"]
            environment = [
                "MODELWARDEN_DB": directory.path("journal.sqlite"), "MODELWARDEN_PIECES_URL": simulator.url,
                "MODELWARDEN_POLICY_DIR": policies,
            ]
        }

        func run(_ arguments: [String], prefix: [String] = [], environment extra: [String: String] = [:]) throws -> Binaries.Result {
            try Binaries.run("modelwarden", arguments, environment: environment.merging(extra) { $1 }, prefix: prefix)
        }

        func json(_ arguments: [String]) throws -> (Int32, [String: Any]) {
            let result = try run(arguments + ["--json"])
            return (result.status, (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? ["stderr": result.stderr])
        }

        func rows(_ sql: String) throws -> [Row] {
            try DatabaseQueue(path: directory.path("journal.sqlite")).read { try Row.fetchAll($0, sql: sql) }
        }
    }

    @Test func statusAndRunFindTheSimulatorsOwnProcessThroughItsPort() throws {
        let scene = try Scene()
        let pid = Int(scene.simulator.process.processIdentifier)
        let (status, report) = try scene.json(["status"])
        #expect(status == 0, "\(report)")
        let process = try #require(report["pieces_process"] as? [String: Any], "\(report)")
        #expect(process["pid"] as? Int == pid)
        #expect((process["rss_bytes"] as? Int ?? 0) > 0 && process["swap_bytes"] is Int)
        #expect(report["pieces_process_reason"] == nil)
        let table = try scene.run(["status"])
        #expect(table.stdout.contains("\nPieces OS: pid \(pid) (modelwarden-sim), "), "\(table.stdout)")
        #expect(table.stdout.contains(" resident, ") && table.stderr.isEmpty)

        let (passStatus, pass) = try scene.json(["run"] + scene.memory)
        #expect(passStatus == 0)
        #expect((pass["pieces_process"] as? [String: Any])?["pid"] as? Int == pid)
        let recorded = try scene.rows("SELECT pieces_pid, pieces_rss_bytes FROM run ORDER BY id")
        #expect(recorded.count == 3 && recorded.allSatisfy { $0[0] as Int? == pid && ($0[1] as Int? ?? 0) > 0 })
    }

    @Test func aPiecesOSOverItsRSSLimitIsUnloadedAndItsRSSBeforeAndAfterRecorded() async throws {
        let scene = try Scene(policy: "memory: { pieces_rss_above: 24GiB }\n")
        let proc = try FakeProc(in: scene.directory, port: scene.simulator.port, rssKB: 30 << 20, swapKB: 1024)
        let (status, report) = try scene.json(["run", "--proc-root", proc.root] + scene.memory)
        #expect(status == 0, "\(report)")
        let memory = (report["memory"] as? [String: Any]) ?? [:]
        #expect(memory["pressure"] as? Bool == true && memory["reason"] as? String == "memory_pressure")
        #expect(memory["signals"] as? [String] == ["pieces_rss"], "MemAvailable is 75% free: only Pieces OS's RSS shows pressure")
        #expect(memory["pieces_rss_after_bytes"] as? Int == 30 << 30)
        #expect(report["pieces_process"] as? [String: Int] == ["pid": 4242, "rss_bytes": 30 << 30, "swap_bytes": 1 << 20])
        let unload = ((report["actions"] as? [[String: Any]]) ?? []).first { $0["kind"] as? String == "unload_all" }
        #expect(unload?["outcome"] as? String == "succeeded")
        #expect((unload?["note"] as? String)?.contains("Pieces OS RSS 30.00 GiB before, 30.00 GiB after") == true)
        #expect(try await SimulatorControl.requests(scene.simulator.url).contains("POST /models/unload 204"))
        let action = try #require(try scene.rows("SELECT pieces_rss_before_bytes, pieces_rss_after_bytes FROM action WHERE kind = 'unload_all'").first)
        #expect(action[0] as Int? == 30 << 30 && action[1] as Int? == 30 << 30)
        #expect(try scene.rows("SELECT pieces_pid FROM run").first?[0] as Int? == 4242)

        // Under the limit, the same pass leaves the models loaded.
        #expect(try await SimulatorControl.post(scene.simulator.url + "/model/\(MemoryCommandTests.llama)/load") == 200)
        try proc.setMemory(rssKB: 20 << 20)
        let (_, calm) = try scene.json(["run", "--proc-root", proc.root] + scene.memory)
        #expect((calm["memory"] as? [String: Any])?["reason"] as? String == "no_pressure")
    }

    @Test func aProcessThatCannotBeFoundIsSaidOnceAndIsNoError() throws {
        let scene = try Scene(policy: "memory: { pieces_rss_above: 24GiB }\n")
        let proc = try FakeProc(in: scene.directory, port: scene.simulator.port, rssKB: 30 << 20, holdsSocket: false)
        let table = try scene.run(["status", "--proc-root", proc.root])
        #expect(table.status == 0)
        let line = "Pieces OS process: not found (port \(scene.simulator.port) listens, and no process under \(proc.root) holds it "
            + "(hidden, or in another PID namespace))\n"
        #expect(table.stdout.hasSuffix(line), "\(table.stdout)")
        #expect(table.stderr.isEmpty)
        let (status, report) = try scene.json(["status", "--proc-root", proc.root])
        #expect(status == 0 && report["pieces_process"] is NSNull && report["pieces_process_reason"] as? String == "not_visible")
        let (passStatus, pass) = try scene.json(["run", "--proc-root", proc.root] + scene.memory)
        #expect(passStatus == 0 && pass["pieces_process_reason"] as? String == "not_visible")
        #expect((pass["memory"] as? [String: Any])?["reason"] as? String == "no_pressure")

        // Another user's Pieces OS: its descriptors cannot be read.
        guard getuid() == 0 else { return }
        let shared = scene.directory.path("shared")
        try FileManager.default.createDirectory(atPath: shared, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o777])
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: scene.directory.url.path)
        let asNobody = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        let denied = try scene.run(["status"], prefix: asNobody, environment: ["MODELWARDEN_DB": shared + "/journal.sqlite"])
        #expect(denied.status == 0, "\(denied.stderr)")
        #expect(denied.stdout.contains("Pieces OS process: not found (port \(scene.simulator.port) listens, and the descriptors of "))
        #expect(denied.stdout.contains("cannot be read: Pieces OS runs as another user; run modelwarden as that user)\n"))
    }
}
