import AsyncHTTPClient
import Foundation
import ModelsSimulator
import NIOCore
import NIOHTTP1
import PiecesModels
import TestSupport
import Testing

/// The simulator over HTTP: bodies, errors, persistence, meminfo and faults.
@Suite("Simulator server")
struct SimulatorServerTests {
    /// Sends a raw request and returns the status and body.
    static func send(_ method: HTTPMethod, _ url: String, body: String? = nil) async throws -> (Int, String) {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await HTTPClient.loopback.execute(request, timeout: TimeAmount(TestDeadline.patient))
        let bytes = try await response.body.collect(upTo: 1 << 24)
        return (Int(response.status.code), String(buffer: bytes))
    }

    static func errorCode(_ body: String) throws -> String? {
        let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
        return object?["error"] as? String
    }

    @Test(arguments: [
        ("POST", "/models/create", "{not json", 400, "bad_request"),
        ("POST", "/models/create", "", 400, "bad_request"),
        ("POST", "/models/create", #"{"name": 5}"#, 400, "bad_request"),
        ("POST", "/models/create", "[1, 2]", 400, "bad_request"),
        ("POST", "/models/6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02/delete/cache", #"{"schema": "x"}"#, 400, "bad_request"),
        ("POST", "/model/6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02/scores/increment", "{", 400, "bad_request"),
        ("GET", "/no/such/route", nil, 404, "not_found"),
        ("GET", "/model/unknown-id", nil, 404, "model_not_found"),
        ("POST", "/models/6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02/delete", nil, 422, "model_not_custom"),
    ] as [(String, String, String?, Int, String)])
    func answersBadRequestsWithAJSONError(method: String, path: String, body: String?, status: Int, code: String) async throws {
        try await withSimulator { endpoint in
            let (answer, text) = try await Self.send(HTTPMethod(rawValue: method), endpoint.url(path), body: body)
            #expect(answer == status)
            #expect(try Self.errorCode(text) == code)
            // The server is still serving.
            #expect(try await PiecesHTTPClient(endpoint: endpoint, timeout: TestDeadline.patient).health() == "ok")
        }
    }

    @Test func servesHealthVersionAndAcceptsAnEmptyDeleteCacheBody() async throws {
        try await withSimulator { endpoint in
            #expect(try await Self.send(.GET, endpoint.url("/.well-known/version")) == (200, "11.0.0-modelwarden-sim"))
            let (status, body) = try await Self.send(.POST, endpoint.url("/models/6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02/delete/cache"))
            #expect(status == 200)
            #expect(try JSONDecoder().decode(ModelDeleteCacheOutput.self, from: Data(body.utf8)).model.id.hasSuffix("b02"))
        }
    }

    @Test func persistsStateAndStartsFromIt() async throws {
        let directory = try TemporaryDirectory()
        let state = directory.path("state.json")
        let configuration = SimulatorConfiguration(port: 0, stateFile: state)
        try await withSimulator(configuration) { endpoint in
            _ = try await PiecesHTTPClient(endpoint: endpoint, timeout: TestDeadline.patient).deleteCache(modelID: "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02")
        }
        let saved = try JSONDecoder().decode(Models.self, from: Data(contentsOf: URL(fileURLWithPath: state)))
        #expect(saved.iterable.first { $0.id.hasSuffix("b02") }?.downloaded == false)
        try await withSimulator(configuration) { endpoint in
            let model = try await PiecesHTTPClient(endpoint: endpoint, timeout: TestDeadline.patient).model(id: "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02")
            #expect(model.downloaded == false)
        }
    }

    @Test func startsFromAModelsFileAndRefusesAMalformedOne() async throws {
        let directory = try TemporaryDirectory()
        let file = directory.path("models.json")
        try #"{"iterable": [{"id": "only", "name": "Only", "version": "1", "cloud": false, "created": {"value": "2024-01-01T00:00:00Z"}, "type": "BALANCED", "usage": "OCR"}]}"#
            .write(toFile: file, atomically: true, encoding: .utf8)
        try await withSimulator(SimulatorConfiguration(port: 0, modelsFile: file)) { endpoint in
            let snapshot = try await PiecesHTTPClient(endpoint: endpoint, timeout: TestDeadline.patient).snapshot()
            #expect(snapshot.iterable.map(\.id) == ["only"])
        }
        try #"{"iterable": [{"id": 3}]}"#.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: SimulatorStartupError.unreadableModels(
            path: file, cause: "not a GET /models body: at iterable[0].id: expected a string; Expected to decode String but found number instead.")) {
            _ = try buildApplication(configuration: SimulatorConfiguration(port: 0, modelsFile: file))
        }
    }

    @Test func keepsMeminfoInStepWithLoadedModels() async throws {
        let directory = try TemporaryDirectory()
        let meminfo = MeminfoFile(path: directory.path("meminfo"), total: ByteCount(16 << 30), base: ByteCount(4 << 30))
        @Sendable func available() throws -> Int? {
            let text = try String(contentsOfFile: meminfo.path, encoding: .utf8)
            let line = text.split(separator: "\n").first { $0.hasPrefix("MemAvailable:") }
            return line.flatMap { Int($0.split(separator: " ", omittingEmptySubsequences: true)[1]) }
        }
        try await withSimulator(SimulatorConfiguration(port: 0, meminfo: meminfo)) { endpoint in
            let client = PiecesHTTPClient(endpoint: endpoint, timeout: TestDeadline.patient)
            // The Llama model (6.1 GB of RAM) starts loaded.
            #expect(try available() == (12 * (1 << 30) - 6_100_000_000) / 1024)
            _ = try await client.setLoaded(true, modelID: "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02")
            #expect(try available() == (12 * (1 << 30) - 9_100_000_000) / 1024)
            try await client.unloadAll()
            #expect(try available() == 12 * (1 << 30) / 1024)
        }
    }

    @Test func injectsFaultsAndClearsThem() async throws {
        try await withSimulator { endpoint in
            let fault = #"{"method": "POST", "path": "/models/*/delete/cache", "status": 500, "body": "boom", "times": 1}"#
            let path = "/models/6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02/delete/cache"
            let added = try await Self.send(.POST, endpoint.url("/_sim/faults"), body: fault)
            let faulted = try await Self.send(.POST, endpoint.url(path))
            let usedUp = try await Self.send(.POST, endpoint.url(path))
            #expect(added.0 == 201)
            #expect(faulted == (500, "boom"))
            #expect(usedUp.0 == 200)

            let standing = try await Self.send(.POST, endpoint.url("/_sim/faults"), body: #"{"path": "/models", "status": 503}"#)
            let failing = try await Self.send(.GET, endpoint.url("/models"))
            let cleared = try await Self.send(.DELETE, endpoint.url("/_sim/faults"))
            let healed = try await Self.send(.GET, endpoint.url("/models"))
            let statuses: [Int] = [standing.0, failing.0, cleared.0, healed.0]
            #expect(statuses == [201, 503, 204, 200])
        }
    }

    @Test func reportsAPortInUse() async throws {
        try await withSimulator { endpoint in
            let port = try #require(Int(endpoint.baseURL.split(separator: ":").last ?? ""))
            let configuration = SimulatorConfiguration(port: port)
            do {
                try await withSimulator(configuration) { _ in Issue.record("bound a port in use") }
            } catch {
                let described = describeRunFailure(error, configuration: configuration)
                #expect(described as? SimulatorStartupError == .addressInUse(host: "127.0.0.1", port: port))
            }
        }
    }
}
