/// `ModelMaxTokens`: a model's token limits (numbers, possibly fractional on the wire).
public struct ModelMaxTokens: Codable, Hashable, Sendable {
    /// The total context size.
    public var total: Double?
    /// The input limit.
    public var input: Double?
    /// The output limit.
    public var output: Double?
    /// The schema stamp.
    public var schema: EmbeddedModelSchema?

    /// Creates token limits.
    public init(total: Double? = nil, input: Double? = nil, output: Double? = nil, schema: EmbeddedModelSchema? = nil) {
        self.total = total
        self.input = input
        self.output = output
        self.schema = schema
    }
}
