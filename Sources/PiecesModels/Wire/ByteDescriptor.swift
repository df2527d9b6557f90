/// `ByteDescriptor`: a size in bytes with the text Pieces OS shows for it.
public struct ByteDescriptor: Codable, Hashable, Sendable {
    /// The size in bytes.
    public var value: Int
    /// The size as Pieces OS shows it, e.g. `4.21 GB`.
    public var readable: String
    /// The schema stamp.
    public var schema: EmbeddedModelSchema?

    /// Creates a descriptor; `readable` defaults to the decimal form Pieces OS uses.
    public init(value: Int, readable: String? = nil, schema: EmbeddedModelSchema? = nil) {
        self.value = value
        self.readable = readable ?? ByteCount(value).decimalDescription
        self.schema = schema
    }

    private enum CodingKeys: String, CodingKey { case value, readable, schema }

    /// Decodes a descriptor; a negative size is refused, so that it reads as unknown.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        value = try container.decode(Int.self, forKey: .value)
        guard value >= 0 else {
            throw DecodingError.dataCorruptedError(forKey: .value, in: container, debugDescription: "a negative size (\(value))")
        }
        readable = try container.decode(String.self, forKey: .readable)
        schema = try container.decodeIfPresent(EmbeddedModelSchema.self, forKey: .schema)
    }
}
