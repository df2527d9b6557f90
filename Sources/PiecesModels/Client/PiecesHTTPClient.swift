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
/// Every request has its own deadline (5 s by default), so a hung Pieces OS never hangs a pass.
/// Each call is one request: ``RetryingModelsAPI`` adds the retries of GETs, for this client
/// and its in-memory twin alike.
public struct PiecesHTTPClient: ModelsAPI {
    /// Where Pieces OS listens.
    public let endpoint: PiecesEndpoint
    /// The deadline of each request.
    public let timeout: Duration
    /// The endpoint's base URL.
    public var baseURL: String { endpoint.baseURL }
    private let http: HTTPClient

    /// Bodies larger than this are refused rather than buffered (a 10,000-model snapshot is ~10 MB).
    public static let maximumBodyBytes = 256 * 1024 * 1024

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
        try decode(Models.self, try await send(.GET, "/models", expect: 200), .GET, "/models")
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
        _ = try await send(.POST, "/models/\(try ModelPathSegment.encode(modelID))/delete", expect: 204)
    }

    /// `POST /models/{id}/delete/cache`.
    public func deleteCache(modelID: String) async throws -> ModelDeleteCacheOutput {
        let path = "/models/\(try ModelPathSegment.encode(modelID))/delete/cache"
        let body = try JSONEncoder().encode(ModelDeleteCacheInput(schema: .current))
        return try decode(
            ModelDeleteCacheOutput.self, try await send(.POST, path, body: body, expect: 200), .POST, path)
    }

    /// `POST /models/unload`.
    public func unloadAll() async throws {
        _ = try await send(.POST, "/models/unload", expect: 204)
    }

    /// `GET /model/{id}`: one model.
    public func model(id: String) async throws -> Model {
        let path = "/model/\(try ModelPathSegment.encode(id))"
        return try decode(Model.self, try await send(.GET, path, expect: 200), .GET, path)
    }

    /// `POST /model/{id}/load` (and `/unload`): loads or unloads one model.
    public func setLoaded(_ loaded: Bool, modelID: String) async throws -> Model {
        let path = "/model/\(try ModelPathSegment.encode(modelID))/\(loaded ? "load" : "unload")"
        return try decode(Model.self, try await send(.POST, path, expect: 200), .POST, path)
    }

    /// `POST /model/{id}/scores/increment`: records one use of the model.
    public func incrementScore(modelID: String) async throws {
        _ = try await send(.POST, "/model/\(try ModelPathSegment.encode(modelID))/scores/increment", expect: 204)
    }

    private func send(_ method: HTTPMethod, _ path: String, body: Data? = nil, expect status: Int) async throws -> Data {
        let url = endpoint.url(path)
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let bytes: ByteBuffer
        let response: HTTPClientResponse
        do {
            response = try await http.execute(request, timeout: .nanoseconds(Int64(timeout.nanoseconds)))
            bytes = try await response.body.collect(upTo: Self.maximumBodyBytes)
        } catch {
            throw PiecesClientError.unreachable([.init(url: url, cause: TransportFailure.describe(error, timeout: timeout))])
        }
        let data = Data(bytes.readableBytesView)
        guard Int(response.status.code) == status else {
            throw PiecesClientError.http(
                method: method.rawValue, path: path, status: Int(response.status.code),
                bodyExcerpt: String(decoding: data.prefix(300), as: UTF8.self))
        }
        return data
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
    /// Unlike `HTTPClient.shared` it does not retry a refused connection until the deadline: on
    /// loopback a refusal means Pieces OS is not running, and a pass should say so at once.
    /// An idle connection is kept five minutes, longer than the watcher's minute between
    /// snapshots, so that the watcher does not connect anew for each one.
    public static let loopback: HTTPClient = {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.idleTimeout = .minutes(5)
        configuration.decompression = .disabled
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}

extension Duration {
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}
