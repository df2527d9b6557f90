/// Any ``ModelsAPI`` whose GETs are retried: at most twice, after a jittered backoff, when
/// they fail in transport or with a 5xx. A POST is never retried, because it may have taken
/// effect; the action protocol's verification judges an ambiguous one instead.
///
/// The real client and its in-memory twin are both wrapped in it, so tests see the retries a
/// user's Pieces OS would see.
public struct RetryingModelsAPI: ModelsAPI {
    /// The API retried.
    public let base: any ModelsAPI
    /// How many times a GET is retried.
    public static let getRetries = 2

    /// Wraps `base`.
    public init(_ base: any ModelsAPI) { self.base = base }

    /// The base API's URL.
    public var baseURL: String { base.baseURL }

    /// `GET /models`, retried.
    public func snapshot() async throws -> Models { try await retrying { try await base.snapshot() } }

    /// `GET /models` (`id` and `loaded` only), retried.
    public func loadStates() async throws -> LoadStates { try await retrying { try await base.loadStates() } }

    /// `GET /model/{id}`, retried.
    public func model(id: String) async throws -> Model { try await retrying { try await base.model(id: id) } }

    /// `POST /models/{id}/delete/cache`, once.
    public func deleteCache(modelID: String) async throws -> Int { try await base.deleteCache(modelID: modelID) }

    /// `POST /models/unload`, once.
    public func unloadAll() async throws -> Int { try await base.unloadAll() }

    private func retrying<T>(_ call: () async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await call()
            } catch let error as PiecesClientError where attempt <= Self.getRetries && error.isTransient {
                // Jittered exponential backoff: 100–300 ms, then 200–600 ms.
                let base = 100 * (1 << (attempt - 1))
                try await EventLoopSleep.sleep(for: .milliseconds(Int.random(in: base...(3 * base))))
                attempt += 1
            }
        }
    }
}
