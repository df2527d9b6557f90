import Foundation
import TestSupport
import Testing

/// The memory step of `modelwarden run` against the simulator's meminfo file.
@Suite("Memory pressure in a pass", .serialized)
struct MemoryCommandTests {
    static let llama = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b01"

    @Test func aPassUnloadsUnderPressureThenRespectsTheCooldownAcrossPasses() async throws {
        let directory = try TemporaryDirectory()
        let meminfo = directory.path("meminfo")
        // 16 GiB, 9 GiB used by the rest of the system, Llama (6.1 GB) loaded: about 8% available.
        let simulator = try SimulatorProcess(["--meminfo-out", meminfo, "--mem-total", "16GiB", "--mem-base", "9GiB"])
        let environment = [
            "MODELWARDEN_DB": directory.path("journal.sqlite"), "MODELWARDEN_PIECES_URL": simulator.url,
            "MODELWARDEN_POLICY_DIR": directory.path("no-policies"),
        ]
        func pass(at time: String) throws -> (Int32, [String: Any]) {
            let result = try Binaries.run(
                "modelwarden", ["run", "--json", "--meminfo", meminfo, "--psi", directory.path("no-psi"), "--settle", "0s", "--now", time],
                environment: environment)
            return (result.status, (try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]) ?? ["stderr": result.stderr])
        }

        let (status, first) = try pass(at: "2026-11-01T00:00:00Z")
        #expect(status == 0, "\(first)")
        let memory = (first["memory"] as? [String: Any]) ?? [:]
        #expect(memory["pressure"] as? Bool == true && memory["reason"] as? String == "memory_pressure")
        #expect(memory["total_bytes"] as? Int == 16 << 30)
        let unload = ((first["actions"] as? [[String: Any]]) ?? []).first { $0["kind"] as? String == "unload_all" }
        #expect(unload?["outcome"] as? String == "succeeded")
        #expect(unload?["model_id"] == nil)
        #expect((memory["available_after_bytes"] as? Int ?? 0) > (memory["available_bytes"] as? Int ?? 0))
        let loaded = try await SimulatorControl.requests(simulator.url).contains { $0 == "POST /models/unload 204" }
        #expect(loaded)

        // Loaded again 5 minutes later: still under pressure, but within the 10-minute cooldown.
        #expect(try await SimulatorControl.post(simulator.url + "/model/\(Self.llama)/load") == 200)
        let (_, second) = try pass(at: "2026-11-01T00:05:00Z")
        #expect((second["memory"] as? [String: Any])?["reason"] as? String == "cooldown")
        #expect(((second["actions"] as? [[String: Any]]) ?? []).allSatisfy { $0["kind"] as? String != "unload_all" })

        // After the cooldown it acts again.
        let (_, third) = try pass(at: "2026-11-01T00:10:00Z")
        #expect((third["memory"] as? [String: Any])?["reason"] as? String == "memory_pressure")

        // With nothing loaded, the simulated machine has 7 GiB available again: no pressure.
        let (_, fourth) = try pass(at: "2026-11-01T01:00:00Z")
        #expect((fourth["memory"] as? [String: Any])?["reason"] as? String == "no_pressure")
    }

    @Test func aGarbageSampleLeadsToNoActionAndIsReported() throws {
        let directory = try TemporaryDirectory()
        let simulator = try SimulatorProcess()
        try "garbage\n".write(toFile: directory.path("meminfo"), atomically: true, encoding: .utf8)
        let result = try Binaries.run(
            "modelwarden", ["run", "--json", "--meminfo", directory.path("meminfo"), "--pieces-url", simulator.url],
            environment: ["MODELWARDEN_DB": directory.path("journal.sqlite")])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let memory = object?["memory"] as? [String: Any]
        #expect(memory?["reason"] as? String == "no_sample")
        #expect((memory?["error"] as? String)?.contains("line 1: expected \"Name: value kB\"") == true)
        #expect(result.stderr.contains("cannot read memory; no memory action this pass"))
    }
}
