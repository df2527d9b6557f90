import PiecesModels

/// The in-memory twin of ``PiecesHTTPClient``: the simulator's catalog behind ``ModelsAPI``,
/// with faults scripted per call, for in-process tests of whole passes without a socket.
///
/// It fails the way the HTTP client does: a refused request is ``PiecesClientError/http``,
/// a bad body ``PiecesClientError/undecodable``, a silent peer ``PiecesClientError/unreachable``
/// once the connection's timeout has passed, an id that is not one path segment
/// ``PiecesClientError/invalidModelID``. It is its own ``PiecesConnector``, and connecting
/// wraps it in ``RetryingModelsAPI`` as the real connector wraps the HTTP client, so a fault
/// scripted once on a GET is retried away, as it would be against a real Pieces OS.
public actor InMemoryModelsAPI: ModelsAPI, PiecesConnector {
    /// The calls of ``ModelsAPI``, for scripting faults and reading the call log.
    public enum Call: String, Sendable, CaseIterable {
        case snapshot, loadStates, model, deleteCache, unloadAll
    }

    /// What a scripted call does instead of, or before, answering.
    public enum Fault: Sendable {
        /// Answers with this HTTP status and no body.
        case status(Int)
        /// Answers 200 with a body that is not what the API documents.
        case malformedBody
        /// Never answers: the call fails once the connection's timeout has passed.
        case hang
        /// Refuses the connection.
        case refused
        /// The catalog changes first (another client acted meanwhile); then the call answers.
        case change(@Sendable (inout [Model]) -> Void)
    }

    /// The base URL reported in passes and the journal.
    public nonisolated let baseURL = "memory://pieces-os"
    /// The models and their semantics, shared with the simulator's server.
    public let catalog: ModelCatalog
    private var faults: [Call: [Fault]] = [:]
    private var timeout: Duration = .seconds(5)
    private var refusing = false
    /// Every call made, in order.
    public private(set) var calls: [Call] = []
    /// The settings of every connect, in order.
    public private(set) var connections: [PiecesSettings] = []

    /// Creates a twin holding `models`; `observer` sees every state after a change (to keep a
    /// meminfo file current, say).
    public init(models: [Model], observer: @escaping @Sendable (Models) -> Void = { _ in }) {
        catalog = ModelCatalog(models: models, observer: observer)
    }

    /// Makes the next `call` (after any faults already scripted for it) meet `fault`.
    public func inject(_ fault: Fault, on call: Call) { faults[call, default: []].append(fault) }

    /// Makes every connect fail, as when Pieces OS is not running, until set back.
    public func setRefusing(_ refusing: Bool) { self.refusing = refusing }

    /// Records `settings` and returns the twin with GET retries, or refuses when told to.
    public func connect(_ settings: PiecesSettings) async throws -> any ModelsAPI {
        connections.append(settings)
        guard !refusing else { throw PiecesClientError.unreachable([.init(url: baseURL, cause: "connection refused")]) }
        timeout = settings.timeout
        return RetryingModelsAPI(self)
    }

    /// `GET /models`.
    public func snapshot() async throws -> Models {
        try await answer(.snapshot, "GET", "/models") { await $0.snapshot() }
    }

    /// `GET /models`, `id` and `loaded` only.
    public func loadStates() async throws -> LoadStates {
        try await answer(.loadStates, "GET", "/models") { catalog in
            LoadStates(iterable: await catalog.snapshot().iterable.map { .init(id: $0.id, loaded: $0.loaded) })
        }
    }

    /// `GET /model/{id}`.
    public func model(id: String) async throws -> Model {
        try await answer(.model, "GET", "/model/\(try ModelPathSegment.encode(id))") { try await $0.model(id: id) }
    }

    /// `POST /models/{id}/delete/cache`.
    public func deleteCache(modelID: String) async throws -> ModelDeleteCacheOutput {
        try await answer(.deleteCache, "POST", "/models/\(try ModelPathSegment.encode(modelID))/delete/cache") { try await $0.deleteCache(modelID: modelID) }
    }

    /// `POST /models/unload`.
    public func unloadAll() async throws {
        try await answer(.unloadAll, "POST", "/models/unload") { await $0.unloadAll() }
    }

    private func answer<T: Sendable>(
        _ call: Call, _ method: String, _ path: String, _ body: @Sendable (ModelCatalog) async throws -> T
    ) async throws -> T {
        calls.append(call)
        if let fault = faults[call]?.first {
            faults[call]?.removeFirst()
            switch fault {
            case .status(let status):
                throw PiecesClientError.http(method: method, path: path, status: status, bodyExcerpt: "")
            case .malformedBody:
                throw PiecesClientError.undecodable(
                    method: method, path: path, expected: "\(T.self)", location: "$", detail: "not JSON")
            case .hang:
                try await Task.sleep(for: timeout)
                throw PiecesClientError.unreachable([.init(url: baseURL + path, cause: "timed out after \(timeout)")])
            case .refused:
                throw PiecesClientError.unreachable([.init(url: baseURL + path, cause: "connection refused")])
            case .change(let change):
                await catalog.modify(change)
            }
        }
        do {
            return try await body(catalog)
        } catch let error as CatalogError {
            throw PiecesClientError.http(method: method, path: path, status: error.status, bodyExcerpt: error.description)
        }
    }
}
