#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `GroupedTimestamp`: a point in time, as an ISO 8601 string on the wire.
///
/// Decoding accepts milliseconds, microseconds or no fraction, as real payloads vary;
/// encoding writes milliseconds (microseconds when they are not whole milliseconds).
public struct GroupedTimestamp: Codable, Hashable, Sendable {
    /// The instant.
    public var value: Date
    /// A human text for the instant, as Pieces OS sends it.
    public var readable: String?
    /// The schema stamp.
    public var schema: EmbeddedModelSchema?

    /// Creates a timestamp.
    public init(value: Date, readable: String? = nil, schema: EmbeddedModelSchema? = nil) {
        self.value = value
        self.readable = readable
        self.schema = schema
    }

    private enum CodingKeys: String, CodingKey {
        case value, readable, schema
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .value)
        guard let date = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: .value, in: container,
                debugDescription: "expected an ISO 8601 date-time such as 2024-03-05T17:02:11.123Z, got \"\(text)\"")
        }
        value = date
        readable = try container.decodeIfPresent(String.self, forKey: .readable)
        schema = try container.decodeIfPresent(EmbeddedModelSchema.self, forKey: .schema)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(RFC3339.format(value), forKey: .value)
        try container.encodeIfPresent(readable, forKey: .readable)
        try container.encodeIfPresent(schema, forKey: .schema)
    }
}
