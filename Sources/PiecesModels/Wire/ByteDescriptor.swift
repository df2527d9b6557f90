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
}
