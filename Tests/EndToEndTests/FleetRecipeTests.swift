import Foundation
import TestSupport
import Testing

/// docs/fleet.md, run: a pass's journal entries shipped to a central journal with Debian's
/// systemd-journal-upload and systemd-journal-remote, and a real Prometheus scraping a real
/// node_exporter that serves modelwarden's textfile, with the shipped config and rules.
@Suite("The fleet recipe end to end", .serialized)
struct FleetRecipeTests {
    typealias R = RetentionCommandTests
    static let journalRemote = "/lib/systemd/systemd-journal-remote"
    static let journalUpload = "/lib/systemd/systemd-journal-upload"
    static let prometheus = "/usr/bin/prometheus"
    static let passFinished = "b8c0007241494e988f6ce3a5318421cb"
    static let cacheDeleted = "192d283dc2cc493b8899256ccbacf6bc"

    /// A live pass that deletes Phi and Granite, writing the textfile; its run id and process
    /// id (run ids repeat across the tests' journals; with the pid they name this pass alone).
    @discardableResult
    static func pass(_ scene: R.Scene, textfile: String) throws -> (runID: Int, pid: Int32) {
        let result = try scene.run(["run", "--json", "--now", R.t31, "--metrics-file", textfile])
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        guard result.status == 0, let runID = report?["run_id"] as? Int else {
            throw SimulatorDidNotStart(output: result.stdout, error: result.stderr, status: result.status)
        }
        return (runID, result.pid)
    }

    @Test func aPassesEntriesReachTheCentralJournalThroughUploadAndRemote() throws {
        let scene = try R.Scene()
        let (runID, pid) = try Self.pass(scene, textfile: scene.directory.path("modelwarden.prom"))
        _ = try ChildProcess.run("/usr/bin/journalctl", ["--sync"])
        // The machine's journal, as upload reads it: here a file holding this pass's entries.
        let local = scene.directory.path("local")
        try FileManager.default.createDirectory(atPath: local, withIntermediateDirectories: true)
        let exported = try ChildProcess.run("/bin/sh", ["-c",
            "journalctl -o export _PID=\(pid) MODELWARDEN_RUN_ID=\(runID) | \(Self.journalRemote) --output='\(local)/machine.journal' -"])
        #expect(exported.status == 0, "\(exported.output)")

        // The central host: journal-remote on loopback, writing to a directory of its own.
        let central = scene.directory.path("central")
        try FileManager.default.createDirectory(atPath: central, withIntermediateDirectories: true)
        let port = try LoopbackPort.unused()
        let remote = Process()
        remote.executableURL = URL(fileURLWithPath: Self.journalRemote)
        remote.arguments = ["--listen-http=127.0.0.1:\(port)", "--output=\(central)/fleet.journal", "--split-mode=none"]
        remote.standardOutput = FileHandle.nullDevice
        remote.standardError = FileHandle.nullDevice
        try remote.run()
        defer { if remote.isRunning { remote.terminate() } }

        // Upload until journal-remote accepts the connection (it may still be starting).
        let deadline = Date().addingTimeInterval(Double(TestDeadline.patient.components.seconds))
        var uploaded: (status: Int32, output: String) = (-1, "")
        repeat {
            uploaded = try ChildProcess.run(Self.journalUpload, [
                "--url=http://127.0.0.1:\(port)", "--file=\(local)/machine.journal", "--follow=no",
                "--save-state=\(scene.directory.path("upload.state"))",
            ])
        } while uploaded.status != 0 && Date() < deadline && remote.isRunning
        #expect(uploaded.status == 0, "\(uploaded.output)")
        remote.terminate()
        remote.waitUntilExit()

        // Queried centrally by MESSAGE_ID and the MODELWARDEN_* fields, as docs/fleet.md shows.
        let finished = try Self.entries(central, ["MESSAGE_ID=\(Self.passFinished)", "MODELWARDEN_RUN_ID=\(runID)"])
        #expect(finished.count == 1)
        let deleted = try Self.entries(central, ["MESSAGE_ID=\(Self.cacheDeleted)", "MODELWARDEN_RUN_ID=\(runID)"])
        #expect(Set(deleted.compactMap { $0["MODELWARDEN_MODEL_ID"] as? String }) == [R.phi, R.granite])
        #expect(deleted.allSatisfy { $0["MODELWARDEN_OUTCOME"] as? String == "succeeded" && $0["MODELWARDEN_BYTES"] != nil }, "\(deleted)")
        #expect(deleted.allSatisfy { $0["_HOSTNAME"] as? String != nil }, "the machine's name travels with each entry")
    }

    @Test func prometheusScrapesNodeExporterWithTheShippedConfigAndRules() async throws {
        let scene = try R.Scene()
        let textfiles = scene.directory.path("textfile")
        try FileManager.default.createDirectory(atPath: textfiles, withIntermediateDirectories: true)
        try Self.pass(scene, textfile: textfiles + "/modelwarden.prom")
        let exporter = try ObservationTools.NodeExporter(textfileDirectory: textfiles)
        #expect(exporter.awaitListening())

        // contrib/prometheus/prometheus.yml with this node_exporter as its one target, every second.
        let contrib = ObservationTools.packageRoot.appendingPathComponent("contrib/prometheus")
        let config = try String(contentsOf: contrib.appendingPathComponent("prometheus.yml"), encoding: .utf8)
            .replacingOccurrences(of: "scrape_interval: 30s", with: "scrape_interval: 1s")
            .replacingOccurrences(of: "evaluation_interval: 30s", with: "evaluation_interval: 1s")
            .replacingOccurrences(of: "          - workstation-1.example.org:9100\n          - workstation-2.example.org:9100",
                                  with: "          - 127.0.0.1:\(exporter.port)")
        let directory = scene.directory.path("prometheus")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try config.write(toFile: directory + "/prometheus.yml", atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: contrib.appendingPathComponent("modelwarden.rules.yml").path, toPath: directory + "/modelwarden.rules.yml")
        let server = try PrometheusServer(directory: directory)
        #expect(server.awaitReady(), "prometheus did not start")

        // PromQL through the HTTP API, until the first scrape is in.
        let query = "modelwarden_actions_total{kind=\"delete_cache\",outcome=\"succeeded\"}"
        let deadline = Date().addingTimeInterval(Double(TestDeadline.patient.components.seconds))
        var result: [[String: Any]] = []
        repeat {
            result = try await server.query(query)
        } while result.isEmpty && Date() < deadline
        #expect(result.count == 1)
        #expect(((result.first?["value"] as? [Any])?.last as? String) == "2")
        #expect((result.first?["metric"] as? [String: String])?["instance"] == "127.0.0.1:\(exporter.port)")
        let rules = try await SimulatorControl.get(server.url + "/api/v1/rules")
        #expect(rules.components(separatedBy: "\"type\":\"alerting\"").count - 1 == 6, "\(rules.prefix(400))")
    }

    @Test func policyCheckValidatesTheTemporaryFileAnsibleWritesBeforeItMovesIt() throws {
        // Ansible's `validate: modelwarden policy check %s` names a temporary file of its own,
        // mode 0600, outside the policy directory and without a .yaml extension.
        let directory = try TemporaryDirectory()
        let temporary = directory.path(".ansible_tmp_60-site")
        try "version: 1\nmemory:\n  sustain: 45s\n".write(toFile: temporary, atomically: true, encoding: .utf8)
        chmod(temporary, 0o600)
        let valid = try Binaries.run("modelwarden", ["policy", "check", temporary])
        #expect(valid.status == 0 && valid.stdout.contains("\(temporary): ok"), "\(valid.stderr)")
        try "version: 1\nmemory:\n  sustian: 45s\n".write(toFile: temporary, atomically: true, encoding: .utf8)
        let invalid = try Binaries.run("modelwarden", ["policy", "check", temporary])
        #expect(invalid.status == 65 && invalid.stderr.contains("\(temporary):3:3: unknown key \"sustian\""), "\(invalid.stderr)")
    }

    static func entries(_ directory: String, _ matches: [String]) throws -> [[String: Any]] {
        let (_, output) = try ChildProcess.run("/usr/bin/journalctl", ["-D", directory, "-o", "json", "--no-pager"] + matches)
        return output.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}

/// A Prometheus server on a free loopback port, its storage in the test's directory.
final class PrometheusServer: @unchecked Sendable {
    let process = Process()
    let url: String
    private let log = Pipe()

    init(directory: String) throws {
        let port = try LoopbackPort.unused()
        url = "http://127.0.0.1:\(port)"
        process.executableURL = URL(fileURLWithPath: FleetRecipeTests.prometheus)
        process.arguments = [
            "--config.file=\(directory)/prometheus.yml", "--storage.tsdb.path=\(directory)/data",
            "--web.listen-address=127.0.0.1:\(port)",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = log
        try process.run()
    }

    /// Reads its log until it serves; false if it exits first.
    func awaitReady() -> Bool { LogWait.read(log, until: "Server is ready to receive web requests") }

    /// The instant vector of `promql`.
    func query(_ promql: String) async throws -> [[String: Any]] {
        let encoded = promql.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? promql
        let body = try await SimulatorControl.get(url + "/api/v1/query?query=" + encoded)
        let answer = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return ((answer?["data"] as? [String: Any])?["result"] as? [[String: Any]]) ?? []
    }

    deinit {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }
}
