/// Why the simulated Pieces OS refused a request; each maps to an HTTP status and a JSON body.
public struct CatalogError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The HTTP status.
    public let status: Int
    /// A stable machine-readable code, e.g. `model_loaded`.
    public let code: String
    /// What went wrong, for a person.
    public let message: String

    /// Creates an error.
    public init(status: Int, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    public var description: String { "\(status) \(code): \(message)" }

    static func notFound(_ id: String) -> Self {
        .init(status: 404, code: "model_not_found", message: "no model has id \"\(id)\"")
    }
    static func notCustom(_ id: String) -> Self {
        .init(status: 422, code: "model_not_custom", message: "model \(id) is not custom; only custom models can be deleted")
    }
    static func notLLM(_ id: String) -> Self {
        .init(status: 422, code: "model_not_llm", message: "model \(id) is not an LLM; only LLM caches can be deleted")
    }
    static func cloud(_ id: String) -> Self {
        .init(status: 422, code: "model_is_cloud", message: "model \(id) runs in the cloud and has nothing on this machine")
    }
    static func loaded(_ id: String) -> Self {
        .init(status: 409, code: "model_loaded", message: "model \(id) is loaded; unload it first")
    }
    static func downloading(_ id: String) -> Self {
        .init(status: 409, code: "model_downloading", message: "model \(id) is downloading")
    }
    static func notDownloaded(_ id: String) -> Self {
        .init(status: 409, code: "model_not_downloaded", message: "model \(id) is not downloaded")
    }
    static func badRequest(_ message: String) -> Self {
        .init(status: 400, code: "bad_request", message: message)
    }
}
