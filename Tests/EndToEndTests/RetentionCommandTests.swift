import Foundation
import TestSupport
import Testing

/// Retention passes, dry runs, plans and reports, as processes against the simulator, with
/// time moved forward by `--now` instead of waited for.
@Suite("Retention end to end", .serialized)
struct RetentionCommandTests {
    static let t0 = "2026-10-01T00:00:00Z"
    static let t31 = "2026-11-01T00:00:00Z"
    static let phi = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02"
    static let granite = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b03"
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A simulator, a journal, and a history that starts at t0.
    struct Scene {
        let directory: TemporaryDirectory
        let simulator: SimulatorProcess
        var environment: [String: String]

        /// `notices: false` adds a file that turns notices off, for the tests of what a pass
        /// does once a deletion is due; NoticeCommandTests has the notices' own.
        init(policy: String? = nil, notices: Bool = false, simulator arguments: [String] = []) throws {
            directory = try TemporaryDirectory()
            simulator = try SimulatorProcess(arguments)
            let policies = directory.path("policies.d")
            try FileManager.default.createDirectory(atPath: policies, withIntermediateDirectories: true)
            if let policy { try policy.write(toFile: policies + "/50-test.yaml", atomically: true, encoding: .utf8) }
            if !notices {
                try "version: 1\nretention:\n  notice_before: 0s\n".write(toFile: policies + "/00-notices-off.yaml", atomically: true, encoding: .utf8)
            }
            environment = [
                "MODELWARDEN_DB": directory.path("journal.sqlite"), "MODELWARDEN_PIECES_URL": simulator.url,
                "MODELWARDEN_POLICY_DIR": policies,
            ]
            let first = try Binaries.run("modelwarden", ["status", "--now", RetentionCommandTests.t0], environment: environment)
            guard first.status == 0 else { throw SimulatorDidNotStart(output: first.stdout, error: first.stderr, status: first.status) }
        }

        func run(_ arguments: [String]) throws -> Binaries.Result {
            try Binaries.run("modelwarden", arguments, environment: environment)
        }

        func json(_ arguments: [String]) throws -> (Int32, [String: Any]) {
            let result = try run(arguments)
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            return (result.status, object ?? ["stderr": result.stderr])
        }

        func model(_ id: String) throws -> [String: Any] {
            let (_, status) = try json(["status", "--json", "--now", RetentionCommandTests.t31])
            return ((status["models"] as? [[String: Any]]) ?? []).first { $0["id"] as? String == id } ?? [:]
        }
    }

    @Test func aPassThirtyOneDaysLaterDeletesTheStaleCachesAndSaysWhy() throws {
        let scene = try Scene()
        let (status, report) = try scene.json(["run", "--json", "--now", Self.t31])
        #expect(status == 0, "\(report)")
        for key in ["run_id", "dry_run", "at", "pieces_url", "policy_digest", "memory", "disk", "actions", "kept",
                    "expected_freed_bytes", "freed_bytes", "failed"] {
            #expect(report.keys.contains(key), "\(key)")
        }
        let actions = (report["actions"] as? [[String: Any]]) ?? []
        #expect(actions.map { $0["model_id"] as? String } == [Self.phi, Self.granite])
        #expect(actions.allSatisfy { $0["kind"] as? String == "delete_cache" && $0["reason"] as? String == "stale" && $0["outcome"] as? String == "succeeded" })
        #expect(actions.allSatisfy { $0["rule"] as? String == "everything-else" })
        #expect(report["freed_bytes"] as? Int == 2_280_000_000 + 4_600_000_000)
        #expect(report["expected_freed_bytes"] as? Int == 2_280_000_000 + 4_600_000_000)
        let kept = Dictionary(uniqueKeysWithValues: ((report["kept"] as? [[String: Any]]) ?? []).map { ($0["model_id"] as? String ?? "", $0["reason"] as? String ?? "") })
        #expect(kept["6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b01"] == "loaded")
        #expect(kept["6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b05"] == "downloading")
        #expect(kept["6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b06"] == "cloud")
        #expect(kept["6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b08"] == "not_llm")
        #expect(try scene.model(Self.phi)["downloaded"] as? Bool == false)
        #expect(try scene.model(Self.granite)["downloaded"] as? Bool == false)

        let summary = try scene.run(["report", "--since", "60d", "--now", Self.t31])
        #expect(summary.stdout.contains("actions: 2 succeeded"), "\(summary.stdout)")
    }

    @Test func aDryRunChangesNothingButIsJournaled() throws {
        let scene = try Scene()
        let (status, report) = try scene.json(["run", "--dry-run", "--json", "--now", Self.t31])
        #expect(status == 0 && report["dry_run"] as? Bool == true)
        let actions = (report["actions"] as? [[String: Any]]) ?? []
        #expect(actions.count == 2 && actions.allSatisfy { $0["outcome"] as? String == "planned" })
        #expect(try scene.model(Self.phi)["downloaded"] as? Bool == true)
        let (_, summary) = try scene.json(["report", "--format", "json", "--since", "60d", "--now", Self.t31])
        #expect(summary["dry_runs"] as? Int == 1 && summary["passes"] as? Int == 0)
    }

    @Test func oneFailureDoesNotStopTheOthersAndTheExitStatusIs1() async throws {
        let scene = try Scene()
        let fault = #"{"method": "POST", "path": "/models/\#(Self.phi)/delete/cache", "status": 500, "body": "disk busy", "times": 1}"#
        #expect(try await SimulatorControl.post(scene.simulator.url + "/_sim/faults", body: fault) == 201)
        let (status, report) = try scene.json(["run", "--json", "--now", Self.t31])
        #expect(status == 1)
        let actions = (report["actions"] as? [[String: Any]]) ?? []
        #expect(actions.first { $0["model_id"] as? String == Self.phi }?["outcome"] as? String == "failed")
        #expect(actions.first { $0["model_id"] as? String == Self.phi }?["http_status"] as? Int == 500)
        #expect(actions.first { $0["model_id"] as? String == Self.granite }?["outcome"] as? String == "succeeded")
        #expect(report["failed"] as? Int == 1)
    }

    @Test func aPinOrAMinAgeKeepsModelsWhateverElseThePolicySays() throws {
        let policy = """
            version: 1
            retention:
              min_age: 45d
              rules:
                - name: pin-phi
                  match: { name: "Phi-3*" }
                  keep: true
                - name: everything
                  stale_after: 1d
            """
        let scene = try Scene(policy: policy)
        let (status, report) = try scene.json(["run", "--json", "--now", Self.t31])
        #expect(status == 0)
        #expect((report["actions"] as? [[String: Any]])?.isEmpty == true)
        let kept = Dictionary(uniqueKeysWithValues: ((report["kept"] as? [[String: Any]]) ?? []).map { ($0["model_id"] as? String ?? "", $0) })
        #expect(kept[Self.phi]?["reason"] as? String == "pinned" && kept[Self.phi]?["rule"] as? String == "pin-phi")
        #expect(kept[Self.granite]?["reason"] as? String == "too_young")
        #expect(kept[Self.granite]?["stale_at"] as? String == "2026-11-15T00:00:00.000Z")
    }

    @Test func anInvalidPolicyExits65AndPiecesOSIsNotContacted() async throws {
        let scene = try Scene()
        let file = scene.environment["MODELWARDEN_POLICY_DIR", default: ""] + "/50-test.yaml"
        try "version: 1\nretention:\n  min_agee: 3d\n  max_deletions_per_run: -1\n".write(toFile: file, atomically: true, encoding: .utf8)
        let before = try await SimulatorControl.requests(scene.simulator.url).count
        let result = try scene.run(["run"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("50-test.yaml:3:3: unknown key \"min_agee\" in retention; did you mean \"min_age\"?"), "\(result.stderr)")
        #expect(result.stderr.contains("50-test.yaml:4:26: retention.max_deletions_per_run must not be negative"))
        #expect(try await SimulatorControl.requests(scene.simulator.url).count == before)
    }

    @Test func anInsecurePolicyExits77() throws {
        let scene = try Scene(policy: "version: 1\n")
        let file = scene.environment["MODELWARDEN_POLICY_DIR", default: ""] + "/50-test.yaml"
        chmod(file, 0o666)
        let result = try scene.run(["run"])
        #expect(result.status == 77)
        #expect(result.stderr.contains("\(file) is writable by group or others (mode 666); fix: chmod go-w \(file)"))
    }

    @Test(arguments: ["default.yaml", "laptop-small-disk.yaml", "workstation.yaml", "observe-only.yaml"])
    func everyExamplePolicyDryRunsAgainstTheSimulator(name: String) throws {
        let text = try String(contentsOf: Self.packageRoot.appendingPathComponent("policies/\(name)"), encoding: .utf8)
        let scene = try Scene(policy: text)
        let (status, report) = try scene.json(["run", "--dry-run", "--json", "--now", Self.t31])
        #expect(status == 0, "\(report)")
        #expect(report["dry_run"] as? Bool == true)
        #expect(((report["actions"] as? [[String: Any]])?.count ?? 0) + ((report["kept"] as? [[String: Any]])?.count ?? 0) == 10)
        if name == "observe-only.yaml" {
            let (_, live) = try scene.json(["run", "--json", "--now", Self.t31])
            #expect(live["dry_run"] as? Bool == true)  // the policy makes every pass a dry run
        }
    }

    @Test func planForecastsFromTodaysHistory() throws {
        let scene = try Scene()
        let (_, today) = try scene.json(["plan", "--format", "json", "--now", Self.t0])
        #expect((today["actions"] as? [[String: Any]])?.isEmpty == true)
        let (_, later) = try scene.json(["plan", "--format", "json", "--now", Self.t0, "--at", "+31d"])
        #expect((later["actions"] as? [[String: Any]])?.count == 2)
        #expect(later["run_id"] is NSNull)
        let markdown = try scene.run(["plan", "--format", "markdown", "--now", Self.t0, "--at", "+25d"])
        #expect(markdown.stdout.contains("### Going stale soon"), "\(markdown.stdout)")
        let table = try scene.run(["plan", "--now", Self.t0, "--at", "+31d"])
        #expect(table.stdout.contains("Will delete (2, 6.41 GiB):"))
        #expect(try scene.model(Self.phi)["downloaded"] as? Bool == true)  // a plan changes nothing
    }
}
