/// An object's key as it stands in a body the ``PlainJSONReader`` reads: printable ASCII
/// without escapes, so that its bytes are its text and two keys are equal when their bytes are.
/// A key of any other form leaves the body to JSONDecoder.
struct PlainKey: Equatable {
    /// The key's bytes, between its quotes.
    let bytes: Slice<UnsafeRawBufferPointer>

    /// The key as text.
    var text: String { PlainJSONReader.text(ofASCII: bytes) }

    /// Whether `key` is `pattern`: what a `switch` over a key's names uses, with no String made.
    static func ~= (pattern: StaticString, key: PlainKey) -> Bool {
        // withUTF8Buffer, not utf8Start: a one-character literal may be stored as its scalar.
        pattern.withUTF8Buffer { $0.count == key.bytes.count && $0.elementsEqual(key.bytes) }
    }

    /// Whether the two keys are the same bytes (where they stand in the body does not matter).
    static func == (lhs: PlainKey, rhs: PlainKey) -> Bool {
        lhs.bytes.count == rhs.bytes.count && lhs.bytes.elementsEqual(rhs.bytes)
    }
}
