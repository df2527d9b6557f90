import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The `--json` form of command output, set up once for every command: snake_case keys
/// derived from the Swift names, RFC 3339 times in UTC with milliseconds, sorted keys, indented.
///
/// Report types encode with synthesized conformances; ``JSONNull`` marks the optional keys
/// that are always present (as `null`), every other optional is left out when absent.
public enum JSONOutput {
    /// `value` as indented JSON text with a final newline.
    public static func render(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        // No number may fail the output: one that is not finite is written as a string.
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(RFC3339.format(date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}

/// An optional that `--json` writes as `null` when absent, for keys the documented output
/// always has (a synthesized conformance would leave the key out).
@propertyWrapper
public struct JSONNull<Value: Encodable & Sendable & Equatable>: Encodable, Sendable, Equatable {
    /// The value, or nil for `null`.
    public var wrappedValue: Value?

    /// Wraps `wrappedValue`.
    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if let wrappedValue { try container.encode(wrappedValue) } else { try container.encodeNil() }
    }
}
