import PiecesModels

/// Text from a policy file as a diagnostic may quote it: short, on one line, control characters
/// escaped.
///
/// A diagnostic names a key or a value so that the admin finds it, but the file is hostile
/// input: a 1 MiB key must not become 1 MiB of stderr or of the systemd journal, nor an escape
/// sequence retitle the terminal. Every place a diagnostic embeds file text goes through here.
enum PolicyExcerpt {
    /// The most unicode scalars of file text a diagnostic quotes; counted in scalars, not
    /// characters, because one character may hold any number of combining scalars.
    static let limit = 200

    /// `text` double-quoted, escaped, and cut after ``limit`` scalars with a note of how many
    /// more there were.
    static func quoted(_ text: String) -> String {
        "\"" + bare(text) + "\""
    }

    /// ``quoted(_:)`` without the quotes.
    static func bare(_ text: String) -> String {
        let scalars = text.unicodeScalars
        var end = scalars.startIndex
        for _ in 0..<limit where end < scalars.endIndex { scalars.formIndex(after: &end) }
        let escaped = String(scalars[..<end]).escapingControlCharacters
        // Counting the rest walks it once more; it is at most the file's size (1 MiB).
        let rest = scalars[end...].count
        return rest > 0 ? escaped + "… (\(rest) more characters)" : escaped
    }
}
