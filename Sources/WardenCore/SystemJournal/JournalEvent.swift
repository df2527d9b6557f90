/// The events modelwarden writes to the systemd journal, one `MESSAGE_ID` each.
///
/// Every id is described in `systemd/modelwarden.catalog`, so `journalctl -x` explains it.
public enum JournalEventKind: String, CaseIterable, Sendable {
    /// A pass (or dry run) finished.
    case passFinished
    /// A cache deletion succeeded.
    case cacheDeleted
    /// A cache deletion failed.
    case cacheDeletionFailed
    /// Models were unloaded.
    case modelsUnloaded
    /// An unload failed.
    case unloadFailed
    /// Memory pressure was detected.
    case memoryPressure
    /// Pieces OS could not be reached.
    case piecesUnreachable
    /// A new policy was rejected.
    case policyRejected
    /// The policy changed.
    case policyChanged
    /// The journal database file was deleted or replaced under the watcher, which reopened it.
    case journalReopened
    /// A cache deletion was announced: the notice owners get before a deletion.
    case deletionScheduled

    /// The journal's `MESSAGE_ID`.
    public var messageID: String {
        switch self {
        case .passFinished: return "b8c0007241494e988f6ce3a5318421cb"
        case .cacheDeleted: return "192d283dc2cc493b8899256ccbacf6bc"
        case .cacheDeletionFailed: return "7d00ec22be8948c6a61fc74c360c6dae"
        case .modelsUnloaded: return "8e729f6b87f04afdbf8daa8d34311cff"
        case .unloadFailed: return "cb762ed842bb41968629a46c6e9f661a"
        case .memoryPressure: return "4fe9b705cb3b4719a049869a34319bfd"
        case .piecesUnreachable: return "bb8f7cfcd2d64d46b1fbbdccc2f22445"
        case .policyRejected: return "b02d5d9a22684e54930a8d8386ed2898"
        case .policyChanged: return "17484d78e9a74601a449b3df01b355b1"
        case .journalReopened: return "e85672e88552469bb47431a5245bc115"
        case .deletionScheduled: return "f62c9651e1334df78eca6fb315101e8e"
        }
    }

    /// The syslog priority: 3 error, 4 warning, 5 notice, 6 info.
    public var priority: Int {
        switch self {
        case .cacheDeletionFailed, .unloadFailed, .piecesUnreachable: return 3
        case .memoryPressure, .policyRejected, .journalReopened: return 4
        case .cacheDeleted, .modelsUnloaded, .policyChanged, .deletionScheduled: return 5
        case .passFinished: return 6
        }
    }
}

/// The journal fields modelwarden sets besides `MESSAGE`, `MESSAGE_ID` and `PRIORITY`.
public enum JournalField: String, CaseIterable, Sendable {
    case syslogIdentifier = "SYSLOG_IDENTIFIER"
    case runID = "MODELWARDEN_RUN_ID"
    case action = "MODELWARDEN_ACTION"
    case modelID = "MODELWARDEN_MODEL_ID"
    case modelName = "MODELWARDEN_MODEL_NAME"
    case reason = "MODELWARDEN_REASON"
    case outcome = "MODELWARDEN_OUTCOME"
    case bytes = "MODELWARDEN_BYTES"
    case dryRun = "MODELWARDEN_DRY_RUN"
    case policyFile = "MODELWARDEN_POLICY_FILE"
    case policyDigest = "MODELWARDEN_POLICY_DIGEST"
    case revision = "MODELWARDEN_REVISION"
    case journal = "MODELWARDEN_JOURNAL"
    case deletesAt = "MODELWARDEN_DELETES_AT"
    case rule = "MODELWARDEN_RULE"
    case keepCommand = "MODELWARDEN_KEEP_COMMAND"
    /// What showed memory pressure, comma-separated ``PressureSignal`` codes.
    case signals = "MODELWARDEN_SIGNALS"

    /// Whether `name` is a field name journald accepts from a client: `A–Z`, `0–9` and `_`,
    /// not starting with `_` (trusted fields) or a digit, at most 64 characters.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 64, first != UInt8(ascii: "_") else { return false }
        guard !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}

/// One structured entry for the systemd journal.
public struct JournalEntry: Hashable, Sendable {
    /// The event.
    public var kind: JournalEventKind
    /// The human message.
    public var message: String
    /// The `MODELWARDEN_*` fields, in order.
    public var fields: [JournalField: String]

    /// Creates an entry.
    public init(_ kind: JournalEventKind, _ message: String, fields: [JournalField: String] = [:]) {
        self.kind = kind
        self.message = message
        self.fields = fields
    }

    /// Every `KEY=value` pair the entry is sent as.
    public var pairs: [(String, String)] {
        [("MESSAGE", message), ("MESSAGE_ID", kind.messageID), ("PRIORITY", String(kind.priority)),
         (JournalField.syslogIdentifier.rawValue, "modelwarden")]
            + fields.filter { $0.key != .syslogIdentifier }.sorted { $0.key.rawValue < $1.key.rawValue }
            .map { ($0.key.rawValue, $0.value) }
    }
}
