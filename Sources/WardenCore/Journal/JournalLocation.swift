/// Where the journal database lives.
public struct JournalLocation: Hashable, Sendable {
    /// The database file.
    public let path: String
    /// Whether missing directories may be created (only for the default location).
    public let createsDirectories: Bool

    /// The environment variable that sets the path.
    public static let variable = "MODELWARDEN_DB"

    /// Creates a location.
    public init(path: String, createsDirectories: Bool) {
        self.path = path
        self.createsDirectories = createsDirectories
    }

    /// `--db`, else `$MODELWARDEN_DB`, else the policy's `journal.database`, else the default:
    /// `/var/lib/modelwarden/journal.sqlite` as root, `$XDG_STATE_HOME/modelwarden/journal.sqlite`
    /// (`~/.local/state/…`) otherwise. An empty value counts as unset.
    public static func resolve(flag: String?, policy: String? = nil, environment: [String: String], uid: UInt32) -> JournalLocation {
        if let explicit = [flag, environment[variable], policy].compactMap({ $0 }).first(where: { !$0.isEmpty }) {
            return JournalLocation(path: explicit, createsDirectories: false)
        }
        if uid == 0 {
            return JournalLocation(path: "/var/lib/modelwarden/journal.sqlite", createsDirectories: true)
        }
        let state = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? "/") + "/.local/state"
        return JournalLocation(path: state + "/modelwarden/journal.sqlite", createsDirectories: true)
    }

    /// The lock file of passes, beside the database.
    public var lockPath: String { path + ".lock" }
}
