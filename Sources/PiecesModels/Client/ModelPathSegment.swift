/// Turns a model id into exactly one URL path segment, so no id can change the route.
public enum ModelPathSegment {
    /// Ids longer than this are refused; Pieces ids are 36-character UUIDs.
    public static let maximumLength = 512

    /// The percent-encoded segment for `id`.
    ///
    /// Only RFC 3986 unreserved characters (`A–Z a–z 0–9 - . _ ~`) stay literal; every other
    /// byte of the UTF-8 form becomes `%XX`, so `a/b` is `a%2Fb` and `%2e` is `%252e`. Empty,
    /// `.` and `..` are refused because they would name another route however encoded.
    public static func encode(_ id: String) throws(PiecesClientError) -> String {
        if id.isEmpty { throw .invalidModelID(id, reason: "it is empty") }
        if id == "." || id == ".." { throw .invalidModelID(id, reason: "\"\(id)\" would change the request path") }
        if id.utf8.count > maximumLength {
            throw .invalidModelID(String(id.prefix(40)) + "…", reason: "it is longer than \(maximumLength) bytes")
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
