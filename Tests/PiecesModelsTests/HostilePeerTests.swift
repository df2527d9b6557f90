import AsyncHTTPClient
import Foundation
import ModelsSimulator
import PiecesModels
import Testing

/// The HTTP client against a simulator that answers as a broken or hostile Pieces OS would.
@Suite("The HTTP client against a hostile peer")
struct HostilePeerTests {
    static let idle = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02"

    /// The simulator with `faults`, a client with `timeout`, and what the simulator received.
    /// The default deadline is long: the faults, not a loaded machine's clock, must decide.
    func withPeer(
        _ faults: [Fault], timeout: Duration = .seconds(30),
        _ body: @Sendable (PiecesHTTPClient, @Sendable () async throws -> [String]) async throws -> Void
    ) async throws {
        try await withSimulator(SimulatorConfiguration(port: 0, faults: faults)) { endpoint in
            let client = PiecesHTTPClient(endpoint: endpoint, timeout: timeout)
            try await body(client) {
                let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: endpoint.url("/_sim/requests")), timeout: .seconds(30))
                let log = try JSONDecoder().decode([[String: JSONValue]].self, from: Data(try await response.body.collect(upTo: 1 << 24).readableBytesView))
                return log.map { entry in
                    guard case .string(let method) = entry["method"], case .string(let path) = entry["path"] else { return "?" }
                    return "\(method) \(path)"
                }
            }
        }
    }

    @Test(arguments: [
        (301, "GET", "/models", "http://203.0.113.9/models"),
        (302, "GET", "/models", "/model/\(idle)"),
        (307, "POST", "/models/\(idle)/delete/cache", "/models/6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b01/delete/cache"),
        (308, "POST", "/models/unload", "/models/unload"),
    ])
    func neverFollowsARedirect(status: Int, method: String, path: String, location: String) async throws {
        try await withPeer([Fault(method: method, path: path, status: status, location: location)]) { client, requests in
            do {
                if method == "GET" { _ = try await client.snapshot() } else if path.hasSuffix("unload") {
                    _ = try await client.unloadAll()
                } else { _ = try await client.deleteCache(modelID: Self.idle) }
                Issue.record("a redirect was taken as an answer")
            } catch let error as PiecesClientError {
                #expect(error == .redirected(method: method, path: path, status: status, location: location))
                #expect(error.receivedStatus == status)
                #expect(error.description.contains(location))
            }
            #expect(try await requests() == ["\(method) \(path)"])
        }
    }

    @Test func aDrippingBodyEndsAtTheDeadline() async throws {
        // The body takes minutes at one byte every 20 ms; the bound is far below that.
        try await withPeer([Fault(path: "/models", dripMilliseconds: 20)], timeout: .milliseconds(500)) { client, _ in
            let start = ContinuousClock.now
            await #expect(throws: PiecesClientError.unreachable([.init(url: client.endpoint.url("/models"), cause: "timed out after 0.5 s")])) {
                _ = try await client.snapshot()
            }
            #expect(ContinuousClock.now - start < .seconds(30))
        }
    }

    @Test(arguments: [true, false])
    func anOversizedBodyIsRefusedWhetherOrNotItsLengthIsDeclared(declared: Bool) async throws {
        let size = PiecesHTTPClient.maximumBodyBytes + 1
        // A long deadline: streaming 8 MiB takes a while in a debug build on a loaded machine.
        try await withPeer([Fault(path: "/models", padTo: size, declareLength: declared)], timeout: .seconds(60)) { client, _ in
            await #expect(throws: PiecesClientError.oversized(method: "GET", path: "/models", status: 200, limit: PiecesHTTPClient.maximumBodyBytes)) {
                _ = try await client.snapshot()
            }
        }
    }

    @Test func aBodyJustUnderTheLimitIsRead() async throws {
        try await withPeer([Fault(path: "/models", padTo: PiecesHTTPClient.maximumBodyBytes)], timeout: .seconds(60)) { client, _ in
            let count = try await client.snapshot().iterable.count
            #expect(count == BuiltInCatalog.models.count)
        }
    }

    @Test(arguments: [Models.maximumCount, Models.maximumCount + 1])
    func aSnapshotOfTooManyModelsIsRefusedBeforeItIsDecoded(count: Int) throws {
        let model = #"{"id":"x","name":"m","version":"1","cloud":false,"created":{"value":"2024-03-05T17:02:11Z"},"type":"BALANCED","usage":"CODE_CONVERSATION"}"#
        let body = Data((#"{"iterable":["# + Array(repeating: model, count: count).joined(separator: ",") + "]}").utf8)
        if count <= Models.maximumCount {
            #expect(try JSONDecoder().decode(Models.self, from: body).iterable.count == count)
            #expect(try JSONDecoder().decode(LoadStates.self, from: body).iterable.count == count)
        } else {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(Models.self, from: body) }
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(LoadStates.self, from: body) }
        }
    }

    @Test func aConnectionCutMidBodyIsATransportFailure() async throws {
        try await withPeer([Fault(path: "/models", cutAt: 100)]) { client, _ in
            await #expect {
                _ = try await client.snapshot()
            } throws: { error in
                guard case .unreachable = error as? PiecesClientError else { return false }
                return true
            }
        }
    }

    @Test func aTruncatedBodyIsUndecodable() async throws {
        try await withPeer([Fault(path: "/models", truncateAt: 100)]) { client, _ in
            await #expect {
                _ = try await client.snapshot()
            } throws: { error in
                guard case .undecodable(_, "/models", _, _, _) = error as? PiecesClientError else { return false }
                return true
            }
        }
    }

    @Test(arguments: [("/models/unload", 200), ("/models/unload", 202), ("/models/\(idle)/delete/cache", 204)])
    func anyTwoHundredIsSuccessForAVoidPost(path: String, status: Int) async throws {
        try await withPeer([Fault(method: "POST", path: path, status: status, afterEffect: true)]) { client, _ in
            let answered = path.hasSuffix("unload") ? try await client.unloadAll() : try await client.deleteCache(modelID: Self.idle)
            #expect(answered == status)
        }
    }

    @Test func oddNumbersReadAsUnknownAndTheRestOfTheSnapshotStands() async throws {
        try await withPeer([Fault(path: "/models", transform: .oddNumbers)]) { client, _ in
            let models = try await client.snapshot().iterable
            #expect(models.count == BuiltInCatalog.models.count)
            #expect(models[0].bytes == nil && models[0].rejections.first?.contains("negative") == true)
            #expect(models[1].bytes == nil && !models[1].rejections.isEmpty)
            #expect(models[2].ram == nil && !models[2].rejections.isEmpty)
            #expect(models[3].score == nil && !models[3].rejections.isEmpty)
            #expect(models[4...].allSatisfy { $0.rejections.isEmpty })
        }
    }

    @Test func duplicateAndUnaddressableIdsDecode() async throws {
        try await withPeer([
            Fault(path: "/models", times: 1, transform: .duplicateIDs), Fault(path: "/models", times: 1, transform: .unaddressableIDs),
        ]) { client, _ in
            let duplicated = try await client.snapshot().iterable
            #expect(Set(duplicated.map(\.id)).count == duplicated.count - 1)
            let unaddressable = try await client.snapshot().iterable.filter { ModelPathSegment.problem(with: $0.id) != nil }
            #expect(unaddressable.count == 5)
        }
    }

    @Test func discoveryDoesNotFollowARedirectingHealthProbe() async throws {
        try await withPeer([Fault(path: "/.well-known/health", status: 302, location: "http://203.0.113.9/")]) { client, requests in
            let port = try #require(Int(client.endpoint.baseURL.split(separator: ":").last ?? ""))
            let discovery = PiecesDiscovery(ports: port...port, fallback: nil, probeTimeout: .seconds(60))
            await #expect {
                _ = try await discovery.endpoint(configured: nil, allowRemote: false)
            } throws: { error in
                "\(error)".contains("redirect (HTTP 302) to \"http://203.0.113.9/\"")
            }
            #expect(try await requests() == ["GET /.well-known/health"])
        }
    }
}
