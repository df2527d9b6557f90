/// The Prometheus textfile node_exporter's textfile collector reads (`*.prom`), replaced whole
/// (``ReplacedFile``: a regular file only) so that no scrape sees half of it; the temporary
/// file's hidden name is one the collector skips.
public struct MetricsTextfile: Sendable, Equatable {
    /// The file, absolute, ending in `.prom`.
    public let path: String

    /// What is wrong with `path` as a textfile, set by `label` (a flag or a policy key), or nil:
    /// it must be absolute, end in `.prom` (node_exporter reads nothing else), and hold no
    /// control character.
    public static func problem(with path: String, setBy label: String) -> String? {
        if let problem = PathSetting.problem(in: path) { return "\(label): \(problem)" }
        guard path.hasPrefix("/") else { return "\(label) must be an absolute path" }
        guard path.hasSuffix(".prom"), !path.hasSuffix("/.prom") else {
            return "\(label) must end in .prom: node_exporter's textfile collector reads only *.prom files"
        }
        return nil
    }

    /// A textfile at `path`; ``problem(with:setBy:)`` must have accepted it.
    public init(path: String) {
        self.path = path
    }

    /// Replaces the file with `text`, mode 0644 when new: node_exporter runs as another user.
    public func write(_ text: String) throws(ReplacedFile.Failure) {
        try ReplacedFile.write(text, to: path, mode: 0o644)
    }
}
