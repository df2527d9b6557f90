/// Turns a model id into exactly one URL path segment, so no id can change the route.
public enum ModelPathSegment {
    /// Ids longer than this are refused; Pieces ids are 36-character UUIDs.
    public static let maximumLength = 1024

    /// Why `id` cannot be sent as one path segment, or nil when it can.
    ///
    /// Empty, `.` and `..` would name another route however encoded; a control character has no
    /// business in an id and would reach logs and terminals; a very long id is not Pieces OS's.
    public static func problem(with id: String) -> String? {
        if id.isEmpty { return "it is empty" }
        if id == "." || id == ".." { return "\"\(id)\" would change the request path" }
        if id.utf8.count > maximumLength { return "it is longer than \(maximumLength) bytes" }
        if id.containsControlCharacter {
            return "it contains a control character"
        }
        return nil
    }

    /// The percent-encoded segment for `id`.
    ///
    /// Only RFC 3986 unreserved characters (`A–Z a–z 0–9 - . _ ~`) stay literal; every other
    /// byte of the UTF-8 form becomes `%XX`, so `a/b` is `a%2Fb` and `%2e` is `%252e`. An id
    /// with a ``problem(with:)`` is refused.
    public static func encode(_ id: String) throws(PiecesClientError) -> String {
        if let problem = problem(with: id) {
            let shown = String(id.unicodeScalars.prefix(40)).escapingControlCharacters
            throw .invalidModelID(id.unicodeScalars.count > 40 ? shown + "…" : shown, reason: problem)
        }
        var encoded = ""
        encoded.reserveCapacity(id.utf8.count)
        for byte in id.utf8 {
            if isUnreserved(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + String(byte >> 4, radix: 16, uppercase: true)
                    + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return encoded
    }

    /// Reverses ``encode(_:)`` (and any other valid percent-encoding); nil when malformed.
    public static func decode(_ segment: Substring) -> String? {
        var bytes: [UInt8] = []
        var iterator = segment.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                return nil
            }
            bytes.append(high << 4 | low)
        }
        return String(validating: bytes, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
