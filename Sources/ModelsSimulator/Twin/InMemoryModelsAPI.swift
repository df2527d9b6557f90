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
        /// Answers with this HTTP status and no body, without carrying the call out.
        case status(Int)
        /// Carries the call out, then answers with this status instead of the documented one
        /// (a 2xx is a success; anything else leaves the caller to find out what happened).
        case answeredWith(Int)
        /// Answers with a redirect to `location`, without carrying the call out.
        case redirect(status: Int, location: String)
        /// Answers with a body that is not what the API documents (or is cut short); a POST,
        /// whose body is not read, is carried out and succeeds.
        case malformedBody
        /// Carries the call out and answers with a body over the client's size limit.
        case oversizedBody
        /// Never answers, or drips its answer: the call fails once the timeout has passed.
        case hang
        /// Refuses the connection.
        case refused
        /// Carries the call out, then closes the connection before the answer is complete.
        case resetAfterEffect
        /// The catalog changes first (another client acted meanwhile); then the call answers.
        case change(@Sendable (inout [Model]) -> Void)

        /// Answers as usual: a placeholder that lets a later fault reach the next such call.
        public static let none = Fault.change { _ in }
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
        guard !refusing else { throw PiecesClientError.unreachable([.init(url: baseURL, cause: PiecesClientError.Attempt.refused)]) }
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

    /// `POST /models/{id}/delete/cache`: 200.
    public func deleteCache(modelID: String) async throws -> Int {
        try await answer(.deleteCache, "POST", "/models/\(try ModelPathSegment.encode(modelID))/delete/cache") {
            _ = try await $0.deleteCache(modelID: modelID)
            return 200
        }
    }

    /// `POST /models/unload`: 204.
    public func unloadAll() async throws -> Int {
        try await answer(.unloadAll, "POST", "/models/unload") {
            await $0.unloadAll()
            return 204
        }
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
            case .answeredWith(let status):
                let answer = try await carryOut(method, path, body)
                // A POST's answer is its status; a GET answered 2xx keeps its body.
                if (200..<300).contains(status) { return (status as? T) ?? answer }
                throw PiecesClientError.http(method: method, path: path, status: status, bodyExcerpt: "")
            case .redirect(let status, let location):
                throw PiecesClientError.redirected(method: method, path: path, status: status, location: location)
            case .oversizedBody:
                // The body shapes the real answer: the call was carried out.
                let answer = try await carryOut(method, path, body)
                let status = (answer as? Int) ?? 200  // a POST's answer is its status
                throw PiecesClientError.oversized(method: method, path: path, status: status, limit: PiecesHTTPClient.maximumBodyBytes)
            case .resetAfterEffect:
                _ = try await carryOut(method, path, body)
                throw PiecesClientError.unreachable([.init(url: baseURL + path, cause: "the connection was closed before an answer")])
            case .malformedBody:
                // The body shapes the real answer; a POST's body is not read, so it succeeds.
                let answer = try await carryOut(method, path, body)
                if method == "POST" { return answer }
                throw PiecesClientError.undecodable(
                    method: method, path: path, expected: "\(T.self)", location: "$", detail: "not JSON")
            case .hang:
                try await Task.sleep(for: timeout)
                throw PiecesClientError.unreachable([.init(url: baseURL + path, cause: "timed out after \(timeout)")])
            case .refused:
                throw PiecesClientError.unreachable([.init(url: baseURL + path, cause: PiecesClientError.Attempt.refused)])
            case .change(let change):
                await catalog.modify(change)
            }
        }
        return try await carryOut(method, path, body)
    }

    private func carryOut<T: Sendable>(
        _ method: String, _ path: String, _ body: @Sendable (ModelCatalog) async throws -> T
    ) async throws -> T {
        do {
            return try await body(catalog)
        } catch let error as CatalogError {
            throw PiecesClientError.http(method: method, path: path, status: error.status, bodyExcerpt: error.description)
        }
    }
}
