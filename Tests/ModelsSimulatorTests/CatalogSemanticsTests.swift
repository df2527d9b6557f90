import ModelsSimulator
import PiecesModels
import TestSupport
import Testing

/// The Pieces OS semantics of the in-memory catalog, without a server.
@Suite("Catalog semantics")
struct CatalogSemanticsTests {
    enum Built {
        static let loadedLLM = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b01"
        static let idleLLM = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02"
        static let notDownloadedLLM = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b04"
        static let downloadingLLM = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b05"
        static let cloudLLM = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b06"
        static let ocr = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b08"
    }

    static func seed(_ name: String = "Custom Coder") -> SeededModel {
        var seed = SeededModel(
            name: name, version: "1.0", cloud: false,
            created: GroupedTimestamp(value: .init(timeIntervalSince1970: 1_700_000_000)), type: .balanced,
            usage: .codeGeneration)
        seed.foundation = "CODE_LLAMA_2_7B"
        seed.downloaded = true
        seed.custom = false  // Pieces OS overrides this
        return seed
    }

    @Test func theBuiltInCatalogIsRealistic() {
        let models = BuiltInCatalog.models
        let localLLMs = models.filter { $0.isLLM && !$0.cloud }
        #expect(localLLMs.count >= 4)
        #expect(localLLMs.allSatisfy { (2_000_000_000...8_000_000_000).contains($0.bytes?.value ?? 0) })
        #expect(Set(localLLMs.map { [$0.loaded, $0.downloaded, $0.downloading] }).count >= 4)
        #expect(models.filter { $0.isLLM && $0.cloud }.count == 2)
        #expect(models.filter { !$0.isLLM }.count == 3)
        #expect(Set(models.map(\.id)).count == models.count)
    }

    @Test func createAlwaysMarksCustomAndNeverDuplicates() async throws {
        let catalog = ModelCatalog(models: BuiltInCatalog.models)
        let first = await catalog.create(Self.seed())
        #expect(first.custom == true)
        let again = await catalog.create(Self.seed())
        #expect(again.id == first.id)
        let other = await catalog.create(Self.seed("Another"))
        #expect(other.id != first.id)
        #expect(await catalog.snapshot().iterable.count == BuiltInCatalog.models.count + 2)
    }

    @Test func deleteRemovesOnlyCustomModels() async throws {
        let catalog = ModelCatalog(models: BuiltInCatalog.models)
        let custom = await catalog.create(Self.seed())
        try await catalog.delete(modelID: custom.id)
        #expect(await catalog.snapshot().iterable.contains { $0.id == custom.id } == false)
        await #expect(throws: CatalogError.self) { try await catalog.delete(modelID: Built.idleLLM) }
        await #expect(throws: CatalogError.self) { try await catalog.delete(modelID: custom.id) }
    }

    @Test(arguments: [
        (Built.idleLLM, nil),
        (Built.notDownloadedLLM, nil),
        (Built.loadedLLM, "model_loaded"),
        (Built.downloadingLLM, "model_downloading"),
        (Built.cloudLLM, "model_is_cloud"),
        (Built.ocr, "model_not_llm"),
        ("no-such-model", "model_not_found"),
    ] as [(String, String?)])
    func deleteCacheAppliesOnlyToIdleLocalLLMs(id: String, refusal: String?) async throws {
        let catalog = ModelCatalog(models: BuiltInCatalog.models)
        let before = await catalog.snapshot()
        do {
            let output = try await catalog.deleteCache(modelID: id)
            #expect(refusal == nil)
            #expect(output.model.id == id)
            #expect(try await catalog.model(id: id).downloaded == false)
        } catch {
            #expect(error.code == refusal)
            #expect(await catalog.snapshot() == before)
        }
    }

    @Test func unloadUnloadsEveryLoadedModel() async throws {
        let catalog = ModelCatalog(models: BuiltInCatalog.models)
        _ = try await catalog.load(modelID: Built.idleLLM)
        _ = try await catalog.load(modelID: Built.ocr)
        #expect(await catalog.snapshot().iterable.count { $0.loaded == true } == 3)
        await catalog.unloadAll()
        #expect(await catalog.snapshot().iterable.allSatisfy { $0.loaded != true })
    }

    @Test(arguments: [
        (Built.idleLLM, nil),
        (Built.notDownloadedLLM, "model_not_downloaded"),
        (Built.downloadingLLM, "model_downloading"),
        (Built.cloudLLM, "model_is_cloud"),
    ] as [(String, String?)])
    func loadNeedsALocalDownloadedModel(id: String, refusal: String?) async throws {
        let catalog = ModelCatalog(models: BuiltInCatalog.models)
        do {
            #expect(try await catalog.load(modelID: id).loaded == true)
            #expect(refusal == nil)
        } catch {
            #expect(error.code == refusal)
        }
    }

    @Test func scoresAndDownloadsChangeWhatASnapshotShows() async throws {
        let catalog = ModelCatalog(models: BuiltInCatalog.models)
        try await catalog.incrementScore(modelID: Built.idleLLM)
        try await catalog.incrementScore(modelID: Built.idleLLM)
        #expect(try await catalog.model(id: Built.idleLLM).score?.automatic == 5)
        let downloaded = try await catalog.download(modelID: Built.notDownloadedLLM)
        #expect(downloaded.downloaded == true)
    }

    @Test func theObserverSeesEveryChangeAndNothingElse() async throws {
        let changes = Counter()
        let catalog = ModelCatalog(models: BuiltInCatalog.models, observer: { _ in changes.increment() })
        _ = try await catalog.unload(modelID: Built.idleLLM)  // already unloaded: no change
        await catalog.unloadAll()  // one change
        await catalog.unloadAll()  // nothing left to unload
        _ = try? await catalog.deleteCache(modelID: Built.ocr)  // refused
        _ = try await catalog.deleteCache(modelID: Built.idleLLM)  // one change
        #expect(changes.value == 2)
    }
}
