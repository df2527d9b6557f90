import AsyncHTTPClient

/// What modelwarden asks of Pieces OS: the calls a pass and the watcher make, and nothing else.
///
/// ``PiecesHTTPClient`` speaks it over HTTP. The simulator library's `InMemoryModelsAPI` is
/// its in-memory twin, with scriptable faults, for in-process tests of whole passes.
public protocol ModelsAPI: Sendable {
    /// Where the answers come from, for reports and the journal (a base URL).
    var baseURL: String { get }
    /// `GET /models`: every model.
    func snapshot() async throws -> Models
    /// `GET /models`, decoding only each model's `id` and `loaded`: the cheap, frequent sample.
    func loadStates() async throws -> LoadStates
    /// `GET /model/{id}`: one model, for the re-check and verification of an action.
    func model(id: String) async throws -> Model
    /// `POST /models/{id}/delete/cache`: deletes the downloaded files of an LLM; returns the 2xx
    /// status answered. Any other answer throws, and may still have taken effect.
    func deleteCache(modelID: String) async throws -> Int
    /// `POST /models/unload`: unloads every loaded model; returns the 2xx status answered.
    func unloadAll() async throws -> Int
}

/// How modelwarden reaches Pieces OS: the policy's `pieces` section after overrides.
public struct PiecesSettings: Hashable, Sendable {
    /// The configured base URL, or nil to discover it.
    public var url: String?
    /// Whether a non-loopback URL is accepted.
    public var allowRemote: Bool
    /// The deadline of each request.
    public var timeout: Duration

    /// Creates settings.
    public init(url: String?, allowRemote: Bool, timeout: Duration) {
        self.url = url
        self.allowRemote = allowRemote
        self.timeout = timeout
    }
}

/// Finds Pieces OS and builds the client for it: the one place every command connects.
public protocol PiecesConnector: Sendable {
    /// A client of the Pieces OS that `settings` name or discovery finds.
    func connect(_ settings: PiecesSettings) async throws -> any ModelsAPI
}

/// The real connector: ``PiecesDiscovery`` for the endpoint, ``PiecesHTTPClient`` for the calls.
public struct HTTPConnector: PiecesConnector {
    private let discovery: PiecesDiscovery
    private let http: HTTPClient

    /// Creates a connector that discovers with `discovery` and speaks through `http`.
    public init(discovery: PiecesDiscovery, http: HTTPClient) {
        self.discovery = discovery
        self.http = http
    }

    /// The client of the Pieces OS that `settings` name or discovery finds, with GET retries.
    public func connect(_ settings: PiecesSettings) async throws -> any ModelsAPI {
        let endpoint = try await discovery.endpoint(configured: settings.url, allowRemote: settings.allowRemote)
        return RetryingModelsAPI(PiecesHTTPClient(endpoint: endpoint, timeout: settings.timeout, httpClient: http))
    }
}
