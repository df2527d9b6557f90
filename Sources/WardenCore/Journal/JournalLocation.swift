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
    /// (`~/.local/state/…`) otherwise. An empty value counts as unset. The value chosen is refused
    /// (exit 64, naming where it came from) when it holds a control character.
    public static func resolve(
        flag: String?, policy: String? = nil, environment: [String: String], uid: UInt32
    ) throws(SettingError) -> JournalLocation {
        let explicit: [(setting: String, value: String?)] = [("--db", flag), (variable, environment[variable]), ("journal.database", policy)]
        if let chosen = explicit.first(where: { !($0.value ?? "").isEmpty }), let path = chosen.value {
            try PathSetting.check(path, setting: chosen.setting)
            return JournalLocation(path: path, createsDirectories: false)
        }
        if uid == 0 {
            return JournalLocation(path: "/var/lib/modelwarden/journal.sqlite", createsDirectories: true)
        }
        let (setting, state) = environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? ("XDG_STATE_HOME", $0) : nil }
            ?? ("HOME", (environment["HOME"] ?? "/") + "/.local/state")
        try PathSetting.check(state, setting: setting)
        return JournalLocation(path: state + "/modelwarden/journal.sqlite", createsDirectories: true)
    }

    /// The lock file of passes, beside the database.
    public var lockPath: String { path + ".lock" }
}
