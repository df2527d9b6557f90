/// `ReferencedModel`: a model named by id, as delete/cache answers.
public struct ReferencedModel: Codable, Hashable, Sendable {
    /// The model's id.
    public var id: String
    /// The schema stamp.
    public var schema: EmbeddedModelSchema?

    /// Creates a reference.
    public init(id: String, schema: EmbeddedModelSchema? = nil) {
        self.id = id
        self.schema = schema
    }
}
