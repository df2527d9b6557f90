extension Unicode.Scalar {
    /// Whether this is a C0 or C1 control character or DEL: what a terminal obeys rather than shows.
    public var isControlCharacter: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }
}

extension UInt8 {
    /// Whether this byte is printable ASCII, space to `~`: a character of its own, never a control
    /// character nor part of a longer scalar.
    public var isPrintableASCII: Bool { (0x20..<0x7F).contains(self) }
}

extension StringProtocol {
    /// Whether the text holds a control character (``Unicode/Scalar/isControlCharacter``).
    public var containsControlCharacter: Bool { holdsControlCharacter(besidesLines: false) }

    /// The text with each control character written as an escape (`\n`, `\t`, `\x1B`), so that
    /// text from outside (a model's name, an error body) cannot retitle, clear or forge lines on
    /// the terminal it is printed to. Text without one is returned as is.
    public var escapingControlCharacters: String { escapingControlCharacters(keepingLines: false) }

    /// The text with each control character escaped but line feeds and tabs: for whole
    /// outputs, whose lines are modelwarden's own.
    public func escapingControlCharacters(keepingLines: Bool) -> String {
        guard holdsControlCharacter(besidesLines: keepingLines) else { return String(self) }
        var escaped = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\n" where keepingLines, "\t" where keepingLines: escaped.unicodeScalars.append(scalar)
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\r": escaped += "\\r"
            case _ where scalar.isControlCharacter:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                escaped += (hex.count < 2 ? "\\x0" : "\\x") + hex
            default: escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }

    /// Whether the text holds a control character, line feeds and tabs aside if `besidesLines`.
    /// Whole outputs pass through here, so it scans their UTF-8 in place.
    private func holdsControlCharacter(besidesLines: Bool) -> Bool {
        if let found = utf8.withContiguousStorageIfAvailable({ controlCharacter(in: $0, besidesLines: besidesLines) }) {
            return found
        }
        var text = String(self)
        return text.withUTF8 { controlCharacter(in: $0, besidesLines: besidesLines) }
    }
}

/// Whether `utf8` holds a control character, line feeds and tabs aside if `besidesLines`. In
/// UTF-8 a C0 control or DEL is one byte below 0x80 (which no other scalar's bytes are), a C1
/// control 0xC2 followed by 0x80–0x9F.
private func controlCharacter(in utf8: UnsafeBufferPointer<UInt8>, besidesLines: Bool) -> Bool {
    var afterC2 = false
    for byte in utf8 {
        switch byte {
        case 0x0A, 0x09: if !besidesLines { return true }
        case ..<0x20, 0x7F: return true
        case 0x80...0x9F where afterC2: return true
        default: break
        }
        afterC2 = byte == 0xC2
    }
    return false
}
