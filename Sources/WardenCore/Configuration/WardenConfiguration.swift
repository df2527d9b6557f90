import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The loaded policy plus what the command line and the environment override, resolved once.
///
/// Flags win over the environment, which wins over the policy, which wins over the built-in
/// defaults. The effective values are computed here from the policy, never copied out of it,
/// so a reloaded policy cannot leave a stale copy behind.
public struct WardenConfiguration: Sendable {
    /// The policy as loaded: the typed value, its files and its digest.
    public var loaded: LoadedPolicy
    /// The Pieces OS URL set by `--pieces-url` or `$MODELWARDEN_PIECES_URL`, overriding the policy's.
    public var piecesURLOverride: String?
    /// Where the journal database lives (flag, environment, policy, default).
    public var journal: JournalLocation
    /// The time the command acts at: now, or `--now` in tests and forecasts.
    public var now: Date
    /// Where memory is read from (`--meminfo`, `--psi`).
    public var memoryProbe: MemoryProbe
    /// How long a pass waits after an unload before sampling MemAvailable again.
    public var settle: Duration = .seconds(2)
    /// The procfs where Pieces OS's process is found (`--proc-root`; tests give a fake tree).
    public var procRoot = "/proc"
    /// The textfile set by `--metrics-file`, overriding the policy's `metrics.textfile`.
    public var metricsFileOverride: String?

    /// The environment variable that sets the Pieces OS URL.
    public static let piecesURLVariable = "MODELWARDEN_PIECES_URL"

    /// Creates a configuration from `loaded`, with explicit overrides.
    public init(policy loaded: LoadedPolicy, piecesURL: String? = nil, journal: JournalLocation, memoryProbe: MemoryProbe, now: Date) {
        self.loaded = loaded
        self.piecesURLOverride = piecesURL
        self.journal = journal
        self.memoryProbe = memoryProbe
        self.now = now
    }

    /// The effective policy.
    public var policy: Policy { loaded.policy }

    /// Where metrics go: `--metrics-file`, else the policy's `metrics.textfile`, else nowhere.
    public var metricsTextfile: MetricsTextfile? {
        (metricsFileOverride ?? policy.metrics.textfile).map(MetricsTextfile.init(path:))
    }

    /// How Pieces OS is reached: the override's URL, else the policy's.
    public var pieces: PiecesSettings {
        PiecesSettings(
            url: piecesURLOverride ?? policy.pieces.url, allowRemote: policy.pieces.allowRemote,
            timeout: policy.pieces.timeout)
    }

    /// Resolves the flags against `environment` and `policy`; an empty value counts as unset.
    /// A path holding a control character is refused, naming its flag or variable (exit 64).
    public static func resolve(
        piecesURLFlag: String?, databaseFlag: String?, memoryProbe: MemoryProbe, procRoot: String = "/proc", now: Date,
        environment: [String: String], uid: UInt32, policy: LoadedPolicy
    ) throws(SettingError) -> WardenConfiguration {
        let url = [piecesURLFlag, environment[piecesURLVariable]].compactMap { $0 }.first { !$0.isEmpty }
        try PathSetting.check(memoryProbe.meminfoPath, setting: "--meminfo")
        try PathSetting.check(memoryProbe.psiPath, setting: "--psi")
        try PathSetting.check(procRoot, setting: "--proc-root")
        let journal = try JournalLocation.resolve(
            flag: databaseFlag, policy: policy.policy.journal.database, environment: environment, uid: uid)
        var configuration = WardenConfiguration(policy: policy, piecesURL: url, journal: journal, memoryProbe: memoryProbe, now: now)
        configuration.procRoot = procRoot
        return configuration
    }
}
