import Foundation
import TestSupport
import Testing

/// `modelwarden status`, run as a user runs it, against `modelwarden-sim`.
@Suite("modelwarden status end to end", .serialized)
struct StatusCommandTests {
    @Test func printsEveryModelAndTheTotals() throws {
        let simulator = try SimulatorProcess()
        let result = try Binaries.run("modelwarden", ["status", "--pieces-url", simulator.url])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("Pieces OS at \(simulator.url): 10 models, 7 LLMs\n"))
        for name in ["Llama-3 8B Instruct (CPU)", "Gemma 1.1 7B (CPU)", "GPT-4o", "Pieces OCR"] {
            #expect(result.stdout.contains(name))
        }
        #expect(result.stdout.contains("Gemma 1.1 7B (CPU)           local  yes  downloading, 5.03 GiB  no               -"))
        #expect(result.stdout.contains("Mistral 7B Instruct (GPU)    local  yes  no, 3.82 GiB           no               -"), "not disk in use")
        #expect(result.stdout.contains("In RAM: 5.68 GiB (1 loaded)."))
        #expect(result.stderr.isEmpty)
    }

    @Test func printsJSONAndReadsTheURLFromTheEnvironment() throws {
        let simulator = try SimulatorProcess()
        let result = try Binaries.run("modelwarden", ["status", "--json"], environment: ["MODELWARDEN_PIECES_URL": simulator.url])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["pieces_url"] as? String == simulator.url)
        let models = try #require(object["models"] as? [[String: Any]])
        #expect(models.count == 10)
        let llama = try #require(models.first { $0["id"] as? String == "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b01" })
        #expect(llama["loaded"] as? Bool == true && llama["llm"] as? Bool == true && llama["cloud"] as? Bool == false)
        #expect(llama["bytes"] as? Int == 4_920_000_000 && llama["ram"] as? Int == 6_100_000_000)
    }

    @Test func discoversTheSimulatorInThePiecesPortRange() throws {
        // A free port of 39300–39333, so discovery, not configuration, finds it.
        let port = try #require((39300...39333).first { LoopbackPort.isFree($0) })
        let simulator = try SimulatorProcess(["--port", String(port)])
        let result = try Binaries.run("modelwarden", ["status", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"pieces_url\" : \"http://127.0.0.1:\(port)\""))
        simulator.stop()
    }

    @Test func exits69AndNamesTheURLWhenPiecesOSIsUnreachable() throws {
        let simulator = try SimulatorProcess()
        let url = simulator.url
        simulator.stop()
        let result = try Binaries.run("modelwarden", ["status", "--pieces-url", url])
        #expect(result.status == 69)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("Pieces OS is unreachable; tried 1 URL(s):\n  \(url)/models: connection refused"))
    }

    @Test(arguments: [
        (["status", "--pieces-url", "http://192.168.1.20:39300"], "refusing non-loopback Pieces OS URL"),
        (["status", "--pieces-url", "ftp://127.0.0.1"], "invalid Pieces OS URL"),
        (["status", "--no-such-flag"], "Unknown option '--no-such-flag'"),
    ])
    func exits64OnUsageErrors(arguments: [String], message: String) throws {
        let result = try Binaries.run("modelwarden", arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test func reportsAnUndecodableSnapshotAsUnavailable() async throws {
        let simulator = try SimulatorProcess()
        _ = try Binaries.run("modelwarden", ["status", "--pieces-url", simulator.url])
        let fault = #"{"path": "/models", "body": "{\"iterable\": 3}"}"#
        let status = try await SimulatorControl.post(simulator.url + "/_sim/faults", body: fault)
        #expect(status == 201)
        let result = try Binaries.run("modelwarden", ["status", "--pieces-url", simulator.url])
        #expect(result.status == 69)
        #expect(result.stderr.contains("GET /models with a body that is not a valid Models: at iterable"), "\(result.stderr)")
    }

    @Test func teachesItsUseInHelp() throws {
        let result = try Binaries.run("modelwarden", ["status", "--help"])
        #expect(result.status == 0)
        for text in ["--pieces-url", "--json", "MODELWARDEN_PIECES_URL", "Examples:"] {
            #expect(result.stdout.contains(text))
        }
    }
}
