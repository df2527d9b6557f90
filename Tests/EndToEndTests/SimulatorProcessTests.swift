import Foundation
import TestSupport
import Testing

/// `modelwarden-sim` as a process: its flags, files and one-line errors.
@Suite("modelwarden-sim end to end", .serialized)
struct SimulatorProcessTests {
    @Test func refusesAPortInUseWithOneLine() throws {
        let first = try SimulatorProcess()
        let second = try Binaries.run("modelwarden-sim", ["--port", String(first.port)])
        #expect(second.status == 1)
        #expect(second.stderr == "modelwarden-sim: cannot listen on 127.0.0.1:\(first.port): the address is already in use (choose another with --port, or 0 for any free port)\n")
    }

    @Test func refusesAMalformedModelsFileWithOneLine() throws {
        let directory = try TemporaryDirectory()
        let file = directory.path("models.json")
        try "{\"iterable\": [".write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Binaries.run("modelwarden-sim", ["--port", "0", "--models", file])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("modelwarden-sim: cannot load models from \(file): not a GET /models body"))
        #expect(result.stderr.filter { $0 == "\n" }.count == 1)
    }

    @Test func keepsStateAndMeminfoAcrossARestart() async throws {
        let directory = try TemporaryDirectory()
        let state = directory.path("state.json")
        let meminfo = directory.path("meminfo")
        let arguments = ["--state", state, "--meminfo-out", meminfo, "--mem-total", "32GiB", "--mem-base", "2GiB"]
        let idle = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02"

        let first = try SimulatorProcess(arguments)
        #expect(try await SimulatorControl.post(first.url + "/model/\(idle)/load") == 200)
        #expect(try await SimulatorControl.post(first.url + "/models/6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b03/delete/cache") == 200)
        let text = try String(contentsOfFile: meminfo, encoding: .utf8)
        #expect(text.contains("MemTotal:       33554432 kB"))
        let availableKB: Int = (30 * (1 << 30) - 6_100_000_000 - 3_000_000_000) / 1024
        #expect(text.contains("MemAvailable:   \(availableKB) kB"))
        #expect(first.stop() == 0)

        let second = try SimulatorProcess(arguments)
        let result = try Binaries.run("modelwarden", ["status", "--json", "--pieces-url", second.url])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let models = (object?["models"] as? [[String: Any]]) ?? []
        #expect(models.first { $0["id"] as? String == idle }?["loaded"] as? Bool == true)
        #expect(models.first { ($0["id"] as? String)?.hasSuffix("b03") == true }?["downloaded"] as? Bool == false)
    }

    @Test(arguments: [
        (["--port", "70000"], "--port must be 0–65535"),
        (["--mem-total", "lots"], "--mem-total: \"lots\" is not a size"),
        (["--mem-total", "1GiB", "--mem-base", "2GiB"], "must not exceed --mem-total"),
    ])
    func validatesItsOptions(arguments: [String], message: String) throws {
        let result = try Binaries.run("modelwarden-sim", arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
