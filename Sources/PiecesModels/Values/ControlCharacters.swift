extension Unicode.Scalar {
    /// Whether this is a C0 or C1 control character or DEL: what a terminal obeys rather than shows.
    public var isControlCharacter: Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }
}

extension StringProtocol {
    /// Whether the text holds a control character (``Unicode/Scalar/isControlCharacter``).
    public var containsControlCharacter: Bool {
        unicodeScalars.contains(where: \.isControlCharacter)
    }

    /// The text with each control character written as an escape (`\n`, `\t`, `\x1B`), so that
    /// text from outside (a model's name, an error body) cannot retitle, clear or forge lines on
    /// the terminal it is printed to. Text without one is returned as is.
    public var escapingControlCharacters: String { escapingControlCharacters(keepingLines: false) }

    /// The text with each control character escaped but line feeds and tabs: for whole
    /// outputs, whose lines are modelwarden's own.
    public func escapingControlCharacters(keepingLines: Bool) -> String {
        guard containsControlCharacter else { return String(self) }
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
}
