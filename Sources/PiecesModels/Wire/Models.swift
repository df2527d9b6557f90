/// `Models`: the body of `GET /models`, a snapshot of every model.
public struct Models: Codable, Hashable, Sendable {
    /// The models, in the order Pieces OS lists them.
    public var iterable: [Model]
    /// The schema stamp.
    public var schema: EmbeddedModelSchema?
    /// Collection-level score.
    public var score: Score?

    /// Creates a snapshot.
    public init(iterable: [Model], schema: EmbeddedModelSchema? = nil, score: Score? = nil) {
        self.iterable = iterable
        self.schema = schema
        self.score = score
    }
}
