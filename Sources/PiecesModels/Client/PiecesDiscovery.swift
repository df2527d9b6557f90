import AsyncHTTPClient

/// Finds where Pieces OS listens, the way the official clients do.
///
/// The configured URL wins. Otherwise every port of `127.0.0.1:39300–39333` is asked for
/// `GET /.well-known/health` at once, with a short timeout, and the first to answer wins. The
/// timeout (2 s) matters only for a port that accepts and stays silent: a closed port refuses at
/// once. It is not shorter because a machine under memory pressure, when modelwarden is needed
/// most, answers slowly.
/// Failing that, the legacy `http://localhost:1000` is tried.
public struct PiecesDiscovery: Sendable {
    /// The ports current Pieces OS releases listen on.
    public static let defaultPorts: ClosedRange<Int> = 39300...39333
    /// Where older releases listen.
    public static let legacyURL = "http://localhost:1000"

    /// The base URLs probed in parallel.
    public var candidates: [String]
    /// Probed only when no candidate answers.
    public var fallback: String?
    /// The timeout of each probe.
    public var probeTimeout: Duration
    private let http: HTTPClient

    /// Creates a discovery over `ports` on 127.0.0.1, then `fallback`.
    public init(
        ports: ClosedRange<Int> = defaultPorts, fallback: String? = legacyURL,
        probeTimeout: Duration = .seconds(2), httpClient: HTTPClient = .loopback
    ) {
        self.candidates = ports.map { "http://127.0.0.1:\($0)" }
        self.fallback = fallback
        self.probeTimeout = probeTimeout
        self.http = httpClient
    }

    /// The endpoint to use: `configured` if given (validated, not probed), else the first to answer.
    public func endpoint(configured: String?, allowRemote: Bool) async throws -> PiecesEndpoint {
        if let configured, !configured.isEmpty, configured != "auto" {
            return try PiecesEndpoint(configured, allowRemote: allowRemote)
        }
        var attempts: [PiecesClientError.Attempt] = []
        switch await firstAnswer(candidates) {
        case .success(let endpoint): return endpoint
        case .failure(let failed): attempts += failed
        }
        if let fallback {
            switch await firstAnswer([fallback]) {
            case .success(let endpoint): return endpoint
            case .failure(let failed): attempts += failed
            }
        }
        throw PiecesClientError.unreachable(attempts)
    }

    private enum Outcome { case success(PiecesEndpoint), failure([PiecesClientError.Attempt]) }

    private func firstAnswer(_ urls: [String]) async -> Outcome {
        await withTaskGroup(of: (Int, Result<PiecesEndpoint, PiecesClientError>).self) { group in
            for (index, url) in urls.enumerated() {
                group.addTask { (index, await probe(url)) }
            }
            var failures: [(Int, PiecesClientError.Attempt)] = []
            for await (index, result) in group {
                switch result {
                case .success(let endpoint):
                    group.cancelAll()
                    return .success(endpoint)
                case .failure(.unreachable(let attempts)):
                    failures += attempts.map { (index, $0) }
                case .failure(let other):
                    failures.append((index, .init(url: urls[index], cause: other.description)))
                }
            }
            return .failure(failures.sorted { $0.0 < $1.0 }.map(\.1))
        }
    }

    private func probe(_ url: String) async -> Result<PiecesEndpoint, PiecesClientError> {
        do {
            let endpoint = try PiecesEndpoint(url, allowRemote: true)
            _ = try await PiecesHTTPClient(endpoint: endpoint, timeout: probeTimeout, httpClient: http).health()
            return .success(endpoint)
        } catch let error as PiecesClientError {
            if case .http(_, let path, let status, _) = error {
                return .failure(.unreachable([.init(url: url + path, cause: "HTTP \(status), not Pieces OS")]))
            }
            return .failure(error)
        } catch {
            return .failure(.unreachable([.init(url: url, cause: String(describing: error))]))
        }
    }
}
