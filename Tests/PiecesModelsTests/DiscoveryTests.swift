import ModelsSimulator
import PiecesModels
import TestSupport
import Testing

@Suite("Finding Pieces OS")
struct DiscoveryTests {
    @Test func findsTheOnePortThatAnswersInTheRange() async throws {
        // The other six ports stay bound while the simulator listens on the middle one, so no
        // other test's server can answer in the range.
        let block = try LoopbackPort.block(of: 7)
        let port = block.ports.lowerBound + 3
        block.release(port)
        try await withSimulator(SimulatorConfiguration(port: port)) { endpoint in
            // A long probe timeout: the answer, not the clock, must decide on a loaded machine.
            let discovery = PiecesDiscovery(ports: block.ports, fallback: nil, probeTimeout: .seconds(60))
            let found = try await discovery.endpoint(configured: nil, allowRemote: false)
            #expect(found.baseURL == "http://127.0.0.1:\(port)")
        }
    }

    @Test func usesTheConfiguredURLWithoutProbing() async throws {
        let discovery = PiecesDiscovery(ports: 1...1, fallback: nil)
        let endpoint = try await discovery.endpoint(configured: "http://127.0.0.1:9/", allowRemote: false)
        #expect(endpoint.baseURL == "http://127.0.0.1:9")
        await #expect(throws: PiecesClientError.remoteNotAllowed("http://192.168.1.5:39300")) {
            try await discovery.endpoint(configured: "http://192.168.1.5:39300", allowRemote: false)
        }
    }

    @Test func fallsBackToTheLegacyURL() async throws {
        let closed = try LoopbackPort.unused()
        try await withSimulator { endpoint in
            let discovery = PiecesDiscovery(ports: closed...closed, fallback: endpoint.baseURL, probeTimeout: .seconds(60))
            let found = try await discovery.endpoint(configured: "auto", allowRemote: false)
            #expect(found == endpoint)
        }
    }

    @Test func listsEveryURLTriedWhenNothingAnswers() async throws {
        let first = try LoopbackPort.unused()
        let second = try LoopbackPort.unused()
        let discovery = PiecesDiscovery(ports: min(first, second)...min(first, second) + 1, fallback: "http://127.0.0.1:\(max(first, second))")
        do {
            _ = try await discovery.endpoint(configured: nil, allowRemote: false)
            Issue.record("discovered something")
        } catch let error as PiecesClientError {
            guard case .unreachable(let attempts) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            let low = min(first, second)
            #expect(attempts.map(\.url) == [
                "http://127.0.0.1:\(low)/.well-known/health", "http://127.0.0.1:\(low + 1)/.well-known/health",
                "http://127.0.0.1:\(max(first, second))/.well-known/health",
            ])
            #expect(error.description.contains("tried 3 URL(s)"))
        }
    }

    @Test func ignoresAServerThatIsNotPiecesOS() async throws {
        let fault = Fault(path: "/.well-known/health", status: 404, body: "nope")
        try await withSimulator(SimulatorConfiguration(port: 0, faults: [fault])) { endpoint in
            let port = try #require(Int(endpoint.baseURL.split(separator: ":").last ?? ""))
            // A long probe timeout: the answer, not the clock, must decide on a loaded machine.
            let discovery = PiecesDiscovery(ports: port...port, fallback: nil, probeTimeout: .seconds(60))
            await #expect(throws: PiecesClientError.unreachable([.init(url: endpoint.url("/.well-known/health"), cause: "HTTP 404, not Pieces OS")])) {
                try await discovery.endpoint(configured: nil, allowRemote: false)
            }
        }
    }
}
