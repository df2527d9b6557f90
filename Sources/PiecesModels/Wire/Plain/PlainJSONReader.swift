/// Reads JSON in its plain form, for the fast path of decoding a snapshot.
///
/// Each read returns nil (or false) at the first byte it does not take exactly as JSONDecoder
/// would: an escape it does not know, a number with an exponent or out of range, a duplicate
/// key, a key that is not plain (``PlainKey``), an object of more than ``maxKeys`` keys, invalid
/// UTF-8, nesting deeper than ``maxDepth``. The caller then gives the whole body to
/// JSONDecoder, so what an odd answer decodes to, or the error it gives, does not change; only
/// a plain answer skips JSONDecoder's generic machinery (a third of a pass's start-up).
struct PlainJSONReader {
    /// The body.
    let bytes: UnsafeRawBufferPointer
    /// The next byte to read.
    var index = 0
    /// How deeply skipped values may nest; JSONDecoder allows more, and the rest falls back.
    static let maxDepth = 64

    /// Starts at the first byte of `bytes`.
    init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// The next byte after whitespace, not taken.
    mutating func peek() -> UInt8? {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            case let byte: return byte
            }
        }
        return nil
    }

    /// Takes `byte`, after whitespace, if it comes next.
    mutating func take(_ byte: UInt8) -> Bool {
        guard peek() == byte else { return false }
        index += 1
        return true
    }

    /// Whether only whitespace is left.
    mutating func atEnd() -> Bool { peek() == nil }

    /// Takes `literal` (`null`, `true`, `false`) if it comes next.
    mutating func take(literal: StaticString) -> Bool {
        guard peek() != nil, index + literal.utf8CodeUnitCount <= bytes.count else { return false }
        for offset in 0..<literal.utf8CodeUnitCount where bytes[index + offset] != literal.utf8Start[offset] { return false }
        index += literal.utf8CodeUnitCount
        return true
    }

    /// `true` or `false`.
    mutating func bool() -> Bool? {
        if take(literal: "true") { return true }
        if take(literal: "false") { return false }
        return nil
    }

    /// `parse`'s value, or `.some(nil)` for `null`: what `decodeIfPresent` gives.
    mutating func orNull<Value>(_ parse: (inout PlainJSONReader) -> Value?) -> Value?? {
        if take(literal: "null") { return .some(nil) }
        return parse(&self).map { .some($0) }
    }

    /// An integer without fraction or exponent that fits in `Int`.
    mutating func int() -> Int? {
        guard let (negative, integer, fraction) = number(), fraction.isEmpty else { return nil }
        var value = 0
        for digit in integer {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = shifted.addingReportingOverflow(Int(digit - 0x30))
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return negative ? -value : value
    }

    /// A number without exponent, as a finite `Double`; one too small to be told from zero is
    /// JSONDecoder's to refuse (it does not round it to 0).
    mutating func double() -> Double? {
        guard let (negative, integer, fraction) = number() else { return nil }
        var text = negative ? "-" : ""
        text += String(decoding: integer, as: UTF8.self)
        if !fraction.isEmpty { text += "." + String(decoding: fraction, as: UTF8.self) }
        guard let value = Double(text), value.isFinite else { return nil }
        if value == 0, integer.contains(where: { $0 != 0x30 }) || fraction.contains(where: { $0 != 0x30 }) { return nil }
        return value
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?` with the exponent part refused, and no `-0`.
    private mutating func number() -> (negative: Bool, integer: Slice<UnsafeRawBufferPointer>, fraction: Slice<UnsafeRawBufferPointer>)? {
        guard peek() != nil else { return nil }
        let negative = bytes[index] == 0x2D
        if negative { index += 1 }
        let integer = digits()
        guard let first = integer.first, first != 0x30 || integer.count == 1, !(negative && first == 0x30) else { return nil }
        var fraction = bytes[index..<index]
        if index < bytes.count, bytes[index] == 0x2E {
            index += 1
            fraction = digits()
            guard !fraction.isEmpty else { return nil }
        }
        if index < bytes.count, bytes[index] == 0x65 || bytes[index] == 0x45 { return nil }
        return (negative, integer, fraction)
    }

    private mutating func digits() -> Slice<UnsafeRawBufferPointer> {
        let start = index
        while index < bytes.count, (0x30...0x39).contains(bytes[index]) { index += 1 }
        return bytes[start..<index]
    }

    /// The most keys an object may have; one with more is JSONDecoder's to read.
    static let maxKeys = 64

    /// The members of an object, each key once: `body` reads the value of each key and returns
    /// false to stop. False for anything but an object of at most ``maxKeys`` distinct plain keys
    /// (``PlainKey``), which are told apart by their bytes, without hashing a String for each.
    mutating func members(_ body: (inout PlainJSONReader, PlainKey) -> Bool) -> Bool {
        guard take(0x7B) else { return false }
        if take(0x7D) { return true }
        var keys: [PlainKey] = []
        keys.reserveCapacity(16)
        repeat {
            guard keys.count < Self.maxKeys, let key = plainKey(), !keys.contains(key) else { return false }
            keys.append(key)
            guard take(0x3A), body(&self, key) else { return false }
        } while take(0x2C)
        return take(0x7D)
    }

    /// A key of printable ASCII without escapes, after whitespace.
    private mutating func plainKey() -> PlainKey? {
        guard take(0x22) else { return nil }
        let start = index
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == 0x22 { return PlainKey(bytes: bytes[start..<(index - 1)]) }
            guard byte.isPrintableASCII, byte != 0x5C else { return nil }
        }
        return nil
    }

    /// The elements of an array: `body` reads each and returns false to stop.
    mutating func elements(_ body: (inout PlainJSONReader) -> Bool) -> Bool {
        guard take(0x5B) else { return false }
        if take(0x5D) { return true }
        repeat {
            guard body(&self) else { return false }
        } while take(0x2C)
        return take(0x5D)
    }
}
