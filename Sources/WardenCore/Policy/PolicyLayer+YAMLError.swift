import Yams

extension PolicyLayer {
    /// The diagnostic for a YAML error, at its place. Never the error's own description: Yams
    /// puts the file's text there (the whole file, for a duplicate key), and a hostile file
    /// would be echoed to stderr and the journal.
    static func diagnostic(_ file: String, _ error: YamlError, in text: String) -> PolicyDiagnostic {
        let at = { (mark: Mark, message: String) in PolicyDiagnostic(file: file, line: mark.line, column: mark.column, message: message) }
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return at(mark, "invalid YAML: \(problem)")
        case .reader(let problem, let offset, let value, _):
            let (line, column) = offset.map { place(ofCharacter: $0, in: text) } ?? (1, 1)
            let character = value >= 0 ? " (U+\(String(value, radix: 16, uppercase: true)))" : ""
            return PolicyDiagnostic(file: file, line: line, column: column, message: "invalid YAML: \(problem)\(character)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.prefix(3).map(PolicyExcerpt.quoted).joined(separator: ", ")
            return at(context.mark, "duplicate key \(keys) in this mapping; a key may appear once")
        case .memory:
            return PolicyDiagnostic(file: file, line: 1, column: 1, message: "invalid YAML: out of memory while parsing")
        case .no, .writer, .emitter, .representer, .dataCouldNotBeDecoded:
            return PolicyDiagnostic(file: file, line: 1, column: 1, message: "invalid YAML")
        }
    }

    /// The 1-based line and column of the character at `offset`.
    private static func place(ofCharacter offset: Int, in text: String) -> (Int, Int) {
        var line = 1, column = 1
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" { (line, column) = (line + 1, 1) } else { column += 1 }
        }
        return (line, column)
    }
}
