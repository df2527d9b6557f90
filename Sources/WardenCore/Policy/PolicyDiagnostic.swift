/// One problem in a policy file, where it is.
public struct PolicyDiagnostic: Hashable, Sendable, CustomStringConvertible, Comparable {
    /// The file.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int
    /// What is wrong and, where possible, how to fix it.
    public var message: String

    /// Creates a diagnostic. A message is cut after 1,000 characters: every place that quotes
    /// the file keeps its quote short (``PolicyExcerpt``), and this holds for any that forgets.
    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        let scalars = message.unicodeScalars
        self.message = scalars.count <= 1_000 ? message : String(String.UnicodeScalarView(scalars.prefix(1_000))) + "… (cut)"
    }

    /// `file:line:column: message`.
    public var description: String { "\(file):\(line):\(column): \(message)" }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.file, lhs.line, lhs.column, lhs.message) < (rhs.file, rhs.line, rhs.column, rhs.message)
    }
}

/// Why no policy could be loaded: exit 65 for an invalid one, 77 for insecure permissions or
/// a file this user may not read.
public enum PolicyError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Every problem found, in file order.
    case invalid([PolicyDiagnostic])
    /// Paths others could change, with how to fix each.
    case insecure([String])
    /// Files open(2) or read(2) refused with EACCES or EPERM, each with its errno.
    case unreadable([String])

    public var description: String {
        switch self {
        case .invalid(let diagnostics):
            // A hostile file can hold a problem a line; a hundred tell the admin enough.
            let shown = diagnostics.prefix(100).map { "  \($0)" }
            let more = diagnostics.count > 100 ? ["  … and \(diagnostics.count - 100) more problems"] : []
            return "invalid policy; nothing was done:\n" + (shown + more).joined(separator: "\n")
        case .insecure(let problems):
            return "insecure policy permissions; nothing was done:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        case .unreadable(let problems):
            return "policy files not readable; nothing was done:\n" + problems.map { "  \($0)" }.joined(separator: "\n")
        }
    }
}

/// Where a value came from, for errors and `policy show --origin`.
public struct PolicyOrigin: Hashable, Sendable, CustomStringConvertible {
    /// The file, or `(built-in default)`.
    public var file: String
    /// 1-based line.
    public var line: Int
    /// 1-based column.
    public var column: Int

    /// `file:line:column`.
    public var description: String { "\(file):\(line):\(column)" }

    /// A diagnostic here.
    func diagnostic(_ message: String) -> PolicyDiagnostic {
        PolicyDiagnostic(file: file, line: line, column: column, message: message)
    }
}
