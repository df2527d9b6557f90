/// The `organization` of a model: a `ReferencedEntity` (`id`, optional `reference`).
///
/// The referenced entity (a `FlattenedEntity`) is large and irrelevant to retention, so it is
/// kept as raw JSON: it decodes whatever its shape and is written back unchanged.
public struct OrganizationReference: Codable, Hashable, Sendable {
    /// The organization's UUID.
    public var id: String
    /// The flattened organization, verbatim.
    public var reference: JSONValue?
    /// The schema stamp.
    public var schema: EmbeddedModelSchema?

    /// Creates a reference.
    public init(id: String, reference: JSONValue? = nil, schema: EmbeddedModelSchema? = nil) {
        self.id = id
        self.reference = reference
        self.schema = schema
    }
}
