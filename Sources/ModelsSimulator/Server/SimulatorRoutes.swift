import Hummingbird
import PiecesModels

/// The routes of the simulated Pieces OS: the five Models API calls, health and version, and
/// the singular `/model/{id}` calls that drive scenarios.
struct SimulatorRoutes {
    /// The version the simulator reports at `/.well-known/version`.
    static let version = "11.0.0-modelwarden-sim"

    let catalog: ModelCatalog

    func add(to router: Router<BasicRequestContext>) {
        router.get("/.well-known/health") { _, _ in "ok" }
        router.get("/.well-known/version") { _, _ in Self.version }

        router.get("/models") { _, _ in try JSONResponses.ok(await catalog.snapshot()) }
        router.post("/models/create") { request, _ in
            let seed = try await JSONResponses.decode(SeededModel.self, from: request, optional: false)
            guard let seed else { throw CatalogError.badRequest("a SeededModel body is required") }
            return try JSONResponses.ok(await catalog.create(seed))
        }
        router.post("/models/unload") { _, _ in
            await catalog.unloadAll()
            return JSONResponses.empty()
        }
        router.post("/models/:model/delete") { _, context in
            try await catalog.delete(modelID: try Self.modelID(context))
            return JSONResponses.empty()
        }
        router.post("/models/:model/delete/cache") { request, context in
            let id = try Self.modelID(context)
            _ = try await JSONResponses.decode(ModelDeleteCacheInput.self, from: request, optional: true)
            return try JSONResponses.ok(try await catalog.deleteCache(modelID: id))
        }

        router.get("/model/:model") { _, context in
            try JSONResponses.ok(try await catalog.model(id: try Self.modelID(context)))
        }
        router.post("/model/:model/load") { _, context in
            try JSONResponses.ok(try await catalog.load(modelID: try Self.modelID(context)))
        }
        router.post("/model/:model/unload") { _, context in
            try JSONResponses.ok(try await catalog.unload(modelID: try Self.modelID(context)))
        }
        router.post("/model/:model/download") { _, context in
            try JSONResponses.ok(try await catalog.download(modelID: try Self.modelID(context)))
        }
        router.post("/model/:model/scores/increment") { request, context in
            let id = try Self.modelID(context)
            _ = try await JSONResponses.decode(JSONValue.self, from: request, optional: true)
            try await catalog.incrementScore(modelID: id)
            return JSONResponses.empty()
        }
    }

    /// The `{model}` segment, percent-decoded: `a%2Fb` is the id `a/b`.
    private static func modelID(_ context: BasicRequestContext) throws -> String {
        let raw = try context.parameters.require("model")
        guard let id = ModelPathSegment.decode(raw[...]) else {
            throw CatalogError.badRequest("the model id segment \"\(raw)\" is not valid percent-encoding")
        }
        return id
    }
}
