import Logging
import PiecesModels

#if canImport(Glibc)
import Glibc
#endif

/// A swift-log handler for messages that are not events: to the journal when modelwarden runs
/// under systemd with its output connected to the journal, to standard error otherwise.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level
    private let label: String
    private let toJournal: Bool

    /// Creates the handler for `label`; `environment` decides where messages go.
    public init(label: String, level: Logger.Level, environment: [String: String]) {
        self.label = label
        self.logLevel = level
        self.toJournal = Self.stderrIsJournal(environment["JOURNAL_STREAM"])
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { $1 }
        if toJournal {
            var pairs: [(String, String)] = [
                ("MESSAGE", "\(event.message)"), ("PRIORITY", String(Self.priority(event.level))),
                ("SYSLOG_IDENTIFIER", "modelwarden"), ("CODE_FILE", event.file), ("CODE_LINE", String(event.line)),
                ("CODE_FUNC", event.function), ("MODELWARDEN_LOGGER", label),
            ]
            for (key, value) in merged.sorted(by: { $0.key < $1.key }) {
                let name = "MODELWARDEN_" + key.uppercased().map { $0.isLetter || $0.isNumber ? String($0) : "_" }.joined()
                if JournalField.isValid(name) { pairs.append((name, "\(value)")) }
            }
            SystemdJournal.sendv(pairs)
        } else {
            let details = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
            // Metadata carries what Pieces OS sent: one line, its control characters escaped.
            let line = "modelwarden: \(event.level): \(event.message)\(details.isEmpty ? "" : " (\(details))")"
                .escapingControlCharacters + "\n"
            _ = line.withCString { write(STDERR_FILENO, $0, strlen($0)) }
        }
    }

    /// The syslog priority of a swift-log level.
    static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: return 7
        case .info: return 6
        case .notice: return 5
        case .warning: return 4
        case .error: return 3
        case .critical: return 2
        }
    }

    /// Whether standard error is the journal stream systemd connected, per `JOURNAL_STREAM`
    /// (`device:inode`), as sd_journal_stream_fd(3) recommends checking.
    static func stderrIsJournal(_ stream: String?) -> Bool {
        guard let stream else { return false }
        let parts = stream.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(STDERR_FILENO, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }
}
