/// An optional field whose odd value reads as absent instead of failing the whole snapshot.
///
/// A negative size, a number beyond 64 bits or a value of the wrong type in one model's
/// `bytes` should not stop a pass that only needs to know the size is unknown. The reason the
/// value was set aside stays in ``rejection``, so the pass can warn about it.
///
/// `Value` is constrained by the conformances, not by the type: the runtime makes the type
/// of a `Lenient<Score>` field by name, and a constraint there would cost a walk of every
/// protocol conformance in the program for each one it checks.
@propertyWrapper
public struct Lenient<Value> {
    /// The value, or nil when it was absent or set aside.
    public var wrappedValue: Value?
    /// Why the value on the wire was set aside; nil when it was absent or usable.
    public private(set) var rejection: String?

    /// The wrapper itself, for ``rejection``: `model.$bytes.rejection`.
    public var projectedValue: Lenient<Value> { self }

    /// Wraps `wrappedValue`.
    public init(wrappedValue: Value?) {
        self.wrappedValue = wrappedValue
    }
}

extension Lenient: Equatable where Value: Equatable {}
extension Lenient: Hashable where Value: Hashable {}
extension Lenient: Sendable where Value: Sendable {}

extension Lenient: Decodable where Value: Decodable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { return }
        do {
            wrappedValue = try container.decode(Value.self)
        } catch let error as DecodingError {
            rejection = DecodingFailure.describe(error).detail
        } catch {
            // The JSON decoder reports a number it cannot represent with its own error type,
            // which becomes "not valid JSON" for the whole document unless caught here.
            let text = String(describing: error)
            rejection = text.hasPrefix("numberIsNotRepresentable") ? "a number out of range" : "unreadable (\(text))"
        }
    }
}

extension Lenient: Encodable where Value: Encodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(wrappedValue)
    }
}

extension KeyedDecodingContainer {
    /// A missing key is an absent value, as for any optional.
    public func decode<Value: Decodable>(_ type: Lenient<Value>.Type, forKey key: Key) throws -> Lenient<Value> {
        try decodeIfPresent(type, forKey: key) ?? Lenient(wrappedValue: nil)
    }
}

extension KeyedEncodingContainer {
    /// An absent value leaves the key out, as for any optional.
    public mutating func encode<Value: Encodable>(_ value: Lenient<Value>, forKey key: Key) throws {
        try encodeIfPresent(value.wrappedValue, forKey: key)
    }
}
