#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A string enumeration of the Pieces API that stays open to values added by newer releases.
///
/// The official SDK maps an unknown value to `UNKNOWN`; modelwarden keeps the raw string
/// instead, so nothing is lost when a value is shown, stored or sent back.
public protocol OpenEnum: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral where RawValue == String
{
    /// Every raw value this version of modelwarden knows.
    static var knownRawValues: Set<String> { get }
    /// Wraps a raw value, known or not.
    init(rawValue: String)
}

extension OpenEnum {
    /// The value `UNKNOWN`, which every Pieces enumeration has.
    public static var unknown: Self { Self(rawValue: "UNKNOWN") }

    /// Whether this raw value is one modelwarden knows (`UNKNOWN` included).
    public var isKnown: Bool { Self.knownRawValues.contains(rawValue) }

    /// The raw string, exactly as it came over the wire.
    public var description: String { rawValue }

    public init(stringLiteral value: String) {
        self.init(rawValue: value)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self.init(rawValue: try container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
