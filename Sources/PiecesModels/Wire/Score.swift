/// `Score`: usage counters Pieces OS keeps for a model; a change between snapshots means use.
public struct Score: Codable, Hashable, Sendable {
    /// Points from user-driven events.
    public var manual: Int
    /// Points from automatic activity events.
    public var automatic: Int
    /// Priority points.
    public var priority: Int?
    /// Reference points.
    public var reference: Int?
    /// Reuse points.
    public var reuse: Int?
    /// Search points.
    public var searched: Int?
    /// Update points.
    public var update: Int?
    /// The schema stamp.
    public var schema: EmbeddedModelSchema?

    /// Creates a score.
    public init(
        manual: Int = 0, automatic: Int = 0, priority: Int? = nil, reference: Int? = nil,
        reuse: Int? = nil, searched: Int? = nil, update: Int? = nil, schema: EmbeddedModelSchema? = nil
    ) {
        self.manual = manual
        self.automatic = automatic
        self.priority = priority
        self.reference = reference
        self.reuse = reuse
        self.searched = searched
        self.update = update
        self.schema = schema
    }
}
