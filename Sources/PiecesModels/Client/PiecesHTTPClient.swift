import AsyncHTTPClient
import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The Models API over HTTP, with AsyncHTTPClient.
///
/// Every request has one deadline (5 s by default) for connecting, the head and the whole body,
/// so neither a hung nor a dripping Pieces OS holds a pass. Redirects are never followed, and a
/// body over ``maximumBodyBytes`` is refused. Each call is one request: ``RetryingModelsAPI``
/// adds the retries of GETs, for this client and its in-memory twin alike.
public struct PiecesHTTPClient: ModelsAPI {
    /// Where Pieces OS listens.
    public let endpoint: PiecesEndpoint
    /// The deadline of each request.
    public let timeout: Duration
    /// The endpoint's base URL.
    public var baseURL: String { endpoint.baseURL }
    let http: HTTPClient

    /// Bodies larger than this are refused before they are buffered: 8 MiB, half as much again
    /// as a 10,000-model snapshot (5.5 MB). With ``Models/maximumCount`` it keeps a command
    /// under 128 MiB of RSS whatever the peer sends (measured: 16 MiB of models took 140 MiB).
    public static let maximumBodyBytes = 8 * 1024 * 1024

    /// Creates a client of `endpoint`.
    public init(endpoint: PiecesEndpoint, timeout: Duration = .seconds(5), httpClient: HTTPClient = .loopback) {
        self.endpoint = endpoint
        self.timeout = timeout
        self.http = httpClient
    }

    /// `GET /.well-known/health`: the health text, e.g. `ok`.
    public func health() async throws -> String {
        // Discovery probes many ports at once and wants a quick answer: no retries.
        String(decoding: try await send(.GET, "/.well-known/health", expect: 200), as: UTF8.self)
    }

    /// `GET /models`: every model.
    public func snapshot() async throws -> Models {
        let body = try await send(.GET, "/models", expect: 200)
        return try Models(plainJSON: body) ?? decode(Models.self, body, .GET, "/models")
    }

    /// `GET /models`, decoding only `id` and `loaded` of each model.
    public func loadStates() async throws -> LoadStates {
        try decode(LoadStates.self, try await send(.GET, "/models", expect: 200), .GET, "/models")
    }

    /// `POST /models/create`: registers a custom model, or returns the equal one that exists.
    public func create(_ seed: SeededModel) async throws -> Model {
        let body = try JSONEncoder().encode(seed)
        return try decode(
            Model.self, try await send(.POST, "/models/create", body: body, expect: 200), .POST, "/models/create")
    }

    /// `POST /models/{id}/delete`: removes a custom model.
    public func delete(modelID: String) async throws {
        _ = try await exchange(.POST, "/models/\(try ModelPathSegment.encode(modelID))/delete", accepting: 200..<300)
    }

    /// `POST /models/{id}/delete/cache`: any 2xx is success (the SDK's rule), whatever the body.
    @discardableResult
    public func deleteCache(modelID: String) async throws -> Int {
        let path = "/models/\(try ModelPathSegment.encode(modelID))/delete/cache"
        let body = try JSONEncoder().encode(ModelDeleteCacheInput(schema: .current))
        return try await exchange(.POST, path, body: body, accepting: 200..<300).status
    }

    /// `POST /models/unload`: any 2xx is success.
    @discardableResult
    public func unloadAll() async throws -> Int {
        try await exchange(.POST, "/models/unload", accepting: 200..<300).status
    }

    /// `GET /model/{id}`: one model.
    public func model(id: String) async throws -> Model {
        let path = "/model/\(try ModelPathSegment.encode(id))"
        let body = try await send(.GET, path, expect: 200)
        return try Model(plainJSON: body) ?? decode(Model.self, body, .GET, path)
    }

    /// `POST /model/{id}/load` (and `/unload`): loads or unloads one model.
    public func setLoaded(_ loaded: Bool, modelID: String) async throws -> Model {
        let path = "/model/\(try ModelPathSegment.encode(modelID))/\(loaded ? "load" : "unload")"
        return try decode(Model.self, try await send(.POST, path, expect: 200), .POST, path)
    }

    /// `POST /model/{id}/scores/increment`: records one use of the model.
    public func incrementScore(modelID: String) async throws {
        _ = try await exchange(.POST, "/model/\(try ModelPathSegment.encode(modelID))/scores/increment", accepting: 200..<300)
    }

    private func send(_ method: HTTPMethod, _ path: String, body: Data? = nil, expect status: Int) async throws -> Data {
        try await exchange(method, path, body: body, accepting: status..<(status + 1)).body
    }

    private func decode<T: Decodable>(_ type: T.Type, _ data: Data, _ method: HTTPMethod, _ path: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            let (location, detail) = DecodingFailure.describe(error)
            throw PiecesClientError.undecodable(
                method: method.rawValue, path: path, expected: "\(type)", location: location, detail: detail)
        }
    }
}

extension HTTPClient {
    /// The process-wide client for Pieces OS.
    ///
    /// It never follows a redirect. Unlike `HTTPClient.shared` it does not retry a refused
    /// connection until the deadline: on loopback a refusal means Pieces OS is not running, and a pass should say so at once.
    /// An idle connection is kept five minutes, longer than the watcher's minute between
    /// snapshots, so that the watcher does not connect anew for each one.
    public static let loopback: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.idleTimeout = .minutes(5)
        configuration.decompression = .disabled
        // A redirect would send a destructive POST where Pieces OS did not mean it to go.
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroup: ProcessEventLoops.group, configuration: configuration)
    }()
}
