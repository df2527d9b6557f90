import Foundation
import TestSupport
import Testing

/// Every `--json` output, byte for byte, against a file in `Golden/`: the contract README
/// documents. `MODELWARDEN_UPDATE_GOLDEN=1 swift test --filter GoldenJSONTests` rewrites the
/// files after a deliberate change; review the diff before committing it.
@Suite("Golden --json outputs", .serialized)
struct GoldenJSONTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static let updating = ProcessInfo.processInfo.environment["MODELWARDEN_UPDATE_GOLDEN"] == "1"

    /// A journal that first saw the built-in catalog on t0, a fixed meminfo, no PSI, no disk,
    /// and a fake /proc in which Pieces OS (the simulator's port) holds 2 GiB.
    final class Scene: Sendable {
        let directory: TemporaryDirectory
        let simulator: SimulatorProcess
        let environment: [String: String]
        let memory: [String]

        init() throws {
            directory = try TemporaryDirectory()
            simulator = try SimulatorProcess()
            let policies = directory.path("policies.d")
            try FileManager.default.createDirectory(atPath: policies, withIntermediateDirectories: true)
            let policy = "version: 1\nretention:\n  notice_before: 0s\n  rules:\n    - name: everything-else\n      stale_after: 30d\nmemory:\n  unload_below: 5%\n"
            try policy.write(toFile: policies + "/50-golden.yaml", atomically: true, encoding: .utf8)
            try "MemTotal: 16777216 kB\nMemAvailable: 8388608 kB\n".write(toFile: directory.path("meminfo"), atomically: true, encoding: .utf8)
            let proc = try FakeProc(in: directory, port: simulator.port, rssKB: 2 << 20)
            memory = ["--meminfo", directory.path("meminfo"), "--psi", directory.path("no-psi"), "--proc-root", proc.root]
            environment = [
                "MODELWARDEN_DB": directory.path("journal.sqlite"), "MODELWARDEN_PIECES_URL": simulator.url,
                "MODELWARDEN_POLICY_DIR": policies,
            ]
            _ = try run(["status", "--now", RetentionCommandTests.t0])
        }

        func run(_ arguments: [String]) throws -> Binaries.Result {
            try Binaries.run("modelwarden", arguments, environment: environment)
        }

        /// The output with what differs between runs put in words: the simulator's port, the
        /// test's directory, who ran the test and on which host, how long a pass took, and the
        /// size of the database file.
        func normalized(_ text: String) -> String {
            text.replacingOccurrences(of: simulator.url, with: "http://127.0.0.1:PORT")
                .replacingOccurrences(of: #""host" : "[^"]*""#, with: #""host" : "HOST""#, options: .regularExpression)
                .replacingOccurrences(of: #""duration_seconds" : [0-9.e-]+"#, with: #""duration_seconds" : SECONDS"#, options: .regularExpression)
                .replacingOccurrences(of: #""journal_bytes" : \d+"#, with: #""journal_bytes" : BYTES"#, options: .regularExpression)
                .replacingOccurrences(of: directory.url.path, with: "DIR")
                .replacingOccurrences(of: #""uid" : \d+"#, with: #""uid" : UID"#, options: .regularExpression)
                .replacingOccurrences(of: #""user" : "[^"]*""#, with: #""user" : "USER""#, options: .regularExpression)
        }
    }

    static func check(_ scene: Scene, _ name: String, _ arguments: [String], status expected: Int32 = 0) throws {
        let result = try scene.run(arguments)
        #expect(result.status == expected, "\(result.stderr)")
        let output = scene.normalized(result.stdout)
        let file = golden.appendingPathComponent(name + ".json")
        if updating { try output.write(to: file, atomically: true, encoding: .utf8) }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(output == expected, "modelwarden \(arguments.joined(separator: " ")) differs from Golden/\(name).json")
    }

    @Test func everyJSONOutputIsAsDocumented() throws {
        let scene = try Scene()
        let t31 = RetentionCommandTests.t31
        try Self.check(scene, "plan", ["plan", "--format", "json", "--now", t31] + scene.memory)
        try Self.check(scene, "run-dry-run", ["run", "--dry-run", "--json", "--now", t31] + scene.memory)
        try Self.check(scene, "run", ["run", "--json", "--now", t31] + scene.memory)
        try Self.check(scene, "status", ["status", "--json", "--now", t31, "--proc-root", scene.directory.path("proc")])
        try Self.check(scene, "report", ["report", "--format", "json", "--since", "60d", "--now", t31])
        try Self.check(scene, "policy-show", ["policy", "show", "--json", "--origin"])
        try Self.check(scene, "policy-history", ["policy", "history", "--json"])
    }

    @Test func aPassUnderMemoryPressureWithAFailedDeletion() async throws {
        let scene = try Scene()
        try "MemTotal: 16777216 kB\nMemAvailable: 524288 kB\n".write(toFile: scene.directory.path("meminfo"), atomically: true, encoding: .utf8)
        let fault = #"{"method": "POST", "path": "/models/\#(RetentionCommandTests.phi)/delete/cache", "status": 500, "times": 1}"#
        #expect(try await SimulatorControl.post(scene.simulator.url + "/_sim/faults", body: fault) == 201)
        try Self.check(scene, "run-pressure", ["run", "--json", "--settle", "0s", "--now", RetentionCommandTests.t31] + scene.memory, status: 1)
    }
}
