/// The five calls of the Pieces OS Models API that modelwarden relies on.
///
/// ``PiecesHTTPClient`` speaks it over HTTP; the simulator's catalog implements the same
/// semantics in memory.
public protocol ModelsAPI: Sendable {
    /// `GET /models`: every model.
    func snapshot() async throws -> Models
    /// `POST /models/create`: registers a custom model, or returns the equal one that exists.
    func create(_ seed: SeededModel) async throws -> Model
    /// `POST /models/{id}/delete`: removes a custom model.
    func delete(modelID: String) async throws
    /// `POST /models/{id}/delete/cache`: deletes the downloaded files of an LLM.
    func deleteCache(modelID: String) async throws -> ModelDeleteCacheOutput
    /// `POST /models/unload`: unloads every loaded model.
    func unloadAll() async throws
}
