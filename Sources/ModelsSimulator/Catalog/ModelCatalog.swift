import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The simulated Pieces OS model store, with the semantics the Pieces docs give.
///
/// The simulator's server and ``InMemoryModelsAPI`` share it, so both answer alike.
public actor ModelCatalog {
    private var models: [Model]
    private let observer: @Sendable (Models) -> Void
    private let makeID: @Sendable () -> String

    /// Creates a catalog holding `models`; `observer` sees every state after a change.
    public init(
        models: [Model], makeID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() },
        observer: @escaping @Sendable (Models) -> Void = { _ in }
    ) {
        self.models = models
        self.makeID = makeID
        self.observer = observer
    }

    public func snapshot() -> Models { Models(iterable: models, schema: .current) }

    /// Registers a custom model. A model with the same identity (name, version, unique,
    /// foundation, provider, cloud) is returned instead of a duplicate.
    public func create(_ seed: SeededModel) -> Model {
        var seed = seed
        seed.custom = true
        if let existing = models.first(where: { Self.identity(of: $0.seed) == Self.identity(of: seed) }) {
            return existing
        }
        let model = Model(id: makeID(), seed: seed, downloading: false, loaded: false)
        models.append(model)
        changed()
        return model
    }

    /// Removes a custom model.
    public func delete(modelID: String) throws(CatalogError) {
        let index = try position(of: modelID)
        guard models[index].custom == true else { throw .notCustom(modelID) }
        models.remove(at: index)
        changed()
    }

    /// Deletes an LLM's downloaded files: refused for non-LLMs, cloud models, and while the
    /// model is loaded or downloading.
    public func deleteCache(modelID: String) throws(CatalogError) -> ModelDeleteCacheOutput {
        let index = try position(of: modelID)
        let model = models[index]
        guard model.isLLM else { throw .notLLM(modelID) }
        guard !model.cloud else { throw .cloud(modelID) }
        guard model.loaded != true else { throw .loaded(modelID) }
        guard model.downloading != true else { throw .downloading(modelID) }
        models[index].downloaded = false
        changed()
        return ModelDeleteCacheOutput(model: ReferencedModel(id: modelID, schema: .current), schema: .current)
    }

    /// Unloads every loaded model.
    public func unloadAll() {
        guard models.contains(where: { $0.loaded == true }) else { return }
        for index in models.indices where models[index].loaded == true {
            models[index].loaded = false
        }
        changed()
    }

    /// One model.
    public func model(id: String) throws(CatalogError) -> Model {
        models[try position(of: id)]
    }

    /// Loads a local, downloaded model into memory.
    public func load(modelID: String) throws(CatalogError) -> Model {
        let index = try position(of: modelID)
        guard !models[index].cloud else { throw .cloud(modelID) }
        guard models[index].downloading != true else { throw .downloading(modelID) }
        guard models[index].downloaded == true else { throw .notDownloaded(modelID) }
        return update(index) { $0.loaded = true }
    }

    /// Unloads one model.
    public func unload(modelID: String) throws(CatalogError) -> Model {
        update(try position(of: modelID)) { $0.loaded = false }
    }

    /// Fetches a local model's files (instantly, in the simulator).
    public func download(modelID: String) throws(CatalogError) -> Model {
        let index = try position(of: modelID)
        guard !models[index].cloud else { throw .cloud(modelID) }
        return update(index) {
            $0.downloaded = true
            $0.downloading = false
        }
    }

    /// Records one use of a model, as Pieces OS does when a model answers.
    public func incrementScore(modelID: String) throws(CatalogError) {
        _ = update(try position(of: modelID)) { model in
            var score = model.score ?? Score(schema: .current)
            score.automatic += 1
            model.score = score
        }
    }

    /// Changes any model at will: a scenario's "Pieces OS did this meanwhile".
    public func modify(_ change: @Sendable (inout [Model]) -> Void) {
        let before = models
        change(&models)
        if models != before { changed() }
    }

    private func update(_ index: Int, _ change: (inout Model) -> Void) -> Model {
        let before = models[index]
        change(&models[index])
        if models[index] != before { changed() }
        return models[index]
    }

    private func position(of id: String) throws(CatalogError) -> Int {
        guard let index = models.firstIndex(where: { $0.id == id }) else { throw .notFound(id) }
        return index
    }

    private func changed() { observer(snapshot()) }

    private struct Identity: Hashable {
        let name: String, version: String, unique: String?, foundation: ModelFoundationEnum?
        let provider: ExternalMLProviderEnum?, cloud: Bool
    }

    private static func identity(of model: SeededModel) -> Identity {
        Identity(
            name: model.name, version: model.version, unique: model.unique, foundation: model.foundation,
            provider: model.provider, cloud: model.cloud)
    }
}
