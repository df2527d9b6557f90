extension PlainJSONReader {
    /// A string: valid UTF-8, no raw control characters, the escapes JSON defines (no `\u0000`,
    /// no lone surrogate).
    mutating func string() -> String? {
        guard take(0x22) else { return nil }
        let start = index
        var ascii = true
        while let byte = byte(at: index) {
            if byte == 0x22 {
                let text = ascii ? Self.text(ofASCII: bytes[start..<index]) : String(validating: bytes[start..<index], as: UTF8.self)
                index += 1
                return text
            }
            if byte == 0x5C { return escapedString(from: start) }
            if byte < 0x20 { return nil }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        return nil
    }

    /// ASCII bytes as text, copied: they need no validation, and the generic
    /// `String(validating:as:)` looked up two types' metadata for each string.
    static func text(ofASCII ascii: Slice<UnsafeRawBufferPointer>) -> String {
        guard !ascii.isEmpty else { return "" }
        return String(unsafeUninitializedCapacity: ascii.count) { buffer in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: ascii))
            return ascii.count
        }
    }

    /// A value of any kind, read and thrown away: a key this version does not read.
    mutating func skipValue(depth: Int = 0) -> Bool {
        guard depth < Self.maxDepth, let next = peek() else { return false }
        switch next {
        case 0x22: return string() != nil
        case 0x7B: return members { reader, _ in reader.skipValue(depth: depth + 1) }
        case 0x5B: return elements { $0.skipValue(depth: depth + 1) }
        case 0x74, 0x66: return bool() != nil
        case 0x6E: return take(literal: "null")
        default: return double() != nil
        }
    }

    /// Any value, as `JSONValue` decodes it (a number is a `Double`, null inside is `.null`).
    mutating func jsonValue(depth: Int = 0) -> JSONValue? {
        guard depth < Self.maxDepth, let next = peek() else { return nil }
        switch next {
        case 0x22: return string().map(JSONValue.string)
        case 0x74, 0x66: return bool().map(JSONValue.bool)
        case 0x6E: return take(literal: "null") ? .null : nil
        case 0x7B:
            var object: [String: JSONValue] = [:]
            let read = members { reader, key in
                guard let value = reader.jsonValue(depth: depth + 1) else { return false }
                object[key.text] = value
                return true
            }
            return read ? .object(object) : nil
        case 0x5B:
            var array: [JSONValue] = []
            let read = elements { reader in
                guard let value = reader.jsonValue(depth: depth + 1) else { return false }
                array.append(value)
                return true
            }
            return read ? .array(array) : nil
        default: return double().map(JSONValue.number)
        }
    }

    private func byte(at position: Int) -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private mutating func escapedString(from start: Int) -> String? {
        var utf8 = Array(bytes[start..<index])
        while let byte = byte(at: index) {
            index += 1
            switch byte {
            case 0x22:
                return String(validating: utf8, as: UTF8.self)
            case 0x5C:
                guard let escape = self.byte(at: index) else { return nil }
                index += 1
                switch escape {
                case 0x22, 0x5C, 0x2F: utf8.append(escape)
                case 0x62: utf8.append(0x08)
                case 0x66: utf8.append(0x0C)
                case 0x6E: utf8.append(0x0A)
                case 0x72: utf8.append(0x0D)
                case 0x74: utf8.append(0x09)
                case 0x75:
                    guard let scalar = unicodeEscape() else { return nil }
                    utf8.append(contentsOf: String(Character(scalar)).utf8)
                default: return nil
                }
            case 0..<0x20:
                return nil
            default:
                utf8.append(byte)
            }
        }
        return nil
    }

    /// The scalar of `XXXX` after `\u`, or of a surrogate pair `XXXX\uXXXX`.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let unit = hexUnit() else { return nil }
        switch unit {
        case 0xD800..<0xDC00:
            guard byte(at: index) == 0x5C, byte(at: index + 1) == 0x75 else { return nil }
            index += 2
            guard let low = hexUnit(), (0xDC00..<0xE000).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
        case 0xDC00..<0xE000, 0:
            return nil
        default:
            return Unicode.Scalar(unit)
        }
    }

    private mutating func hexUnit() -> UInt32? {
        var unit: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = byte(at: index) else { return nil }
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            unit = unit << 4 | UInt32(digit)
            index += 1
        }
        return unit
    }
}
