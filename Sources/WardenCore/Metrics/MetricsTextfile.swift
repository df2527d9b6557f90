/// The Prometheus textfile node_exporter's textfile collector reads (`*.prom`), replaced whole
/// (``ReplacedFile``) so that no scrape sees half of it; the temporary file's hidden name is
/// one the collector skips.
public struct MetricsTextfile: Sendable, Equatable {
    /// The file, absolute, ending in `.prom`.
    public let path: String

    /// What is wrong with `path` as a textfile, or nil: it must be absolute, end in `.prom`
    /// (node_exporter reads nothing else), and hold no control character.
    public static func problem(with path: String) -> String? {
        if let problem = PathSetting.problem(in: path) { return problem }
        guard path.hasPrefix("/") else { return "must be an absolute path" }
        guard path.hasSuffix(".prom"), !path.hasSuffix("/.prom") else {
            return "must end in .prom: node_exporter's textfile collector reads only *.prom files"
        }
        return nil
    }

    /// A textfile at `path`; ``problem(with:)`` must have accepted it.
    public init(path: String) {
        self.path = path
    }

    /// Replaces the file with `text`, mode 0644: node_exporter runs as another user.
    public func write(_ text: String) throws(ReplacedFile.Failure) {
        try ReplacedFile.write(text, to: path, mode: 0o644)
    }
}
