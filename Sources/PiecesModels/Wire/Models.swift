/// `Models`: the body of `GET /models`, a snapshot of every model.
public struct Models: Codable, Hashable, Sendable {
    /// The models, in the order Pieces OS lists them.
    public var iterable: [Model]
    /// The schema stamp.
    public var schema: EmbeddedModelSchema?
    /// Collection-level score; an odd one reads as absent.
    @Lenient public var score: Score?

    /// The most models a snapshot may list: twice the 10,000 modelwarden is measured with, and
    /// few enough that decoding any snapshot stays far below the watcher's `MemoryMax`.
    public static let maximumCount = 20_000

    /// Creates a snapshot.
    public init(iterable: [Model], schema: EmbeddedModelSchema? = nil, score: Score? = nil) {
        self.iterable = iterable
        self.schema = schema
        self.score = score
    }

    private enum CodingKeys: String, CodingKey { case iterable, schema, score }

    /// Decodes a snapshot of at most ``maximumCount`` models.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        iterable = try container.decodeList(Model.self, forKey: .iterable, atMost: Self.maximumCount)
        schema = try container.decodeIfPresent(EmbeddedModelSchema.self, forKey: .schema)
        _score = try container.decode(Lenient<Score>.self, forKey: .score)
    }
}
