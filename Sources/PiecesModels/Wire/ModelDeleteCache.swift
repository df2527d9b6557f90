/// `ModelDeleteCacheInput`: the optional body of `POST /models/{id}/delete/cache`.
public struct ModelDeleteCacheInput: Codable, Hashable, Sendable {
    /// The schema stamp.
    public var schema: EmbeddedModelSchema?

    /// Creates an input.
    public init(schema: EmbeddedModelSchema? = nil) { self.schema = schema }
}

/// `ModelDeleteCacheOutput`: the answer of `POST /models/{id}/delete/cache`.
public struct ModelDeleteCacheOutput: Codable, Hashable, Sendable {
    /// The model whose cache was deleted.
    public var model: ReferencedModel
    /// The schema stamp.
    public var schema: EmbeddedModelSchema?

    /// Creates an output.
    public init(model: ReferencedModel, schema: EmbeddedModelSchema? = nil) {
        self.model = model
        self.schema = schema
    }
}
