import Foundation
import ModelsSimulator
import PiecesModels
import TestSupport
import Testing

@Suite("The HTTP client against the simulator")
struct HTTPClientTests {
    static let loaded = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b01"
    static let idle = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02"

    @Test func drivesAllFiveEndpoints() async throws {
        try await withSimulator { endpoint in
            let client = PiecesHTTPClient(endpoint: endpoint, timeout: TestDeadline.patient)
            #expect(try await client.health() == "ok")
            #expect(try await client.snapshot().iterable.count == BuiltInCatalog.models.count)

            let seed = try Fixture.decode(SeededModel.self, "seeded-model")
            let created = try await client.create(seed)
            #expect(created.custom == true && created.name == seed.name)
            #expect(try await client.create(seed).id == created.id)

            #expect(try await client.deleteCache(modelID: Self.idle) == 200)
            #expect(try await client.model(id: Self.idle).downloaded == false)

            #expect(try await client.unloadAll() == 204)
            #expect(try await client.snapshot().iterable.allSatisfy { $0.loaded != true })

            try await client.delete(modelID: created.id)
            #expect(try await client.snapshot().iterable.count == BuiltInCatalog.models.count)
        }
    }

    @Test func reportsHTTPErrorsWithMethodPathStatusAndBody() async throws {
        try await withSimulator { endpoint in
            let client = PiecesHTTPClient(endpoint: endpoint, timeout: TestDeadline.patient)
            do {
                _ = try await client.deleteCache(modelID: Self.loaded)
                Issue.record("deleting the cache of a loaded model succeeded")
            } catch let error as PiecesClientError {
                guard case .http(let method, let path, let status, let body) = error else {
                    Issue.record("unexpected error \(error)")
                    return
                }
                #expect(method == "POST" && path == "/models/\(Self.loaded)/delete/cache" && status == 409)
                #expect(body.contains("model_loaded"))
                #expect(error.description.contains("HTTP 409"))
            }
        }
    }

    @Test func percentEncodesIdsSoTheyCannotChangeTheRoute() async throws {
        try await withSimulator { endpoint in
            let client = PiecesHTTPClient(endpoint: endpoint, timeout: TestDeadline.patient)
            for id in ["a/b", "../models", "a?b", "a#b", "a b", "%2e%2e"] {
                await #expect {
                    _ = try await client.model(id: id)
                } throws: { error in
                    // The simulator saw the whole id as one segment: "no model has id <id>".
                    guard case .http(_, _, 404, let body) = error as? PiecesClientError else { return false }
                    let escaped = id.replacingOccurrences(of: "/", with: "\\/")
                    return body.contains("model_not_found") && body.contains(escaped)
                }
            }
        }
    }

    @Test func reportsAnUndecodableBodyWithTheExpectedTypeAndLocation() async throws {
        let fault = Fault(method: "GET", path: "/models", body: #"{"iterable": [{"id": 7}]}"#)
        try await withSimulator(SimulatorConfiguration(port: 0, faults: [fault])) { endpoint in
            do {
                _ = try await PiecesHTTPClient(endpoint: endpoint, timeout: TestDeadline.patient).snapshot()
                Issue.record("decoded a malformed snapshot")
            } catch let error as PiecesClientError {
                #expect(error == .undecodable(
                    method: "GET", path: "/models", expected: "Models", location: "iterable[0].id",
                    detail: "expected a string; Expected to decode String but found number instead."))
            }
        }
    }

    @Test func givesUpAfterTheRequestTimeout() async throws {
        let fault = Fault(path: "/models", delayMilliseconds: 1_000)
        try await withSimulator(SimulatorConfiguration(port: 0, faults: [fault])) { endpoint in
            let client = PiecesHTTPClient(endpoint: endpoint, timeout: .milliseconds(200))
            do {
                _ = try await client.snapshot()
                Issue.record("a delayed answer arrived within the timeout")
            } catch let error as PiecesClientError {
                #expect(error == .unreachable([.init(url: endpoint.url("/models"), cause: "timed out after 0.2 s")]))
            }
        }
    }

    @Test func namesTheURLWhenNothingListens() async throws {
        let port = try LoopbackPort.unused()
        let endpoint = try PiecesEndpoint("http://127.0.0.1:\(port)")
        await #expect(throws: PiecesClientError.unreachable([.init(url: "http://127.0.0.1:\(port)/models", cause: "connection refused")])) {
            _ = try await PiecesHTTPClient(endpoint: endpoint, timeout: TestDeadline.patient).snapshot()
        }
    }

    @Test(arguments: [(2, true), (3, false)])
    func retriesAGetTwiceButNeverAPost(failures: Int, succeeds: Bool) async throws {
        let faults = [
            Fault(method: "GET", path: "/models", status: 503, times: failures),
            Fault(method: "POST", path: "/models/unload", status: 503, times: 1),
        ]
        try await withSimulator(SimulatorConfiguration(port: 0, faults: faults)) { endpoint in
            let client = RetryingModelsAPI(PiecesHTTPClient(endpoint: endpoint, timeout: TestDeadline.patient))
            let snapshot = try? await client.snapshot()
            #expect((snapshot != nil) == succeeds)
            await #expect(throws: PiecesClientError.self) { _ = try await client.unloadAll() }
            _ = try await client.unloadAll()  // the fault was used once: the POST was sent once
        }
    }
}
