#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything a command needs to know, resolved once from flags, the environment and the policy.
///
/// Flags win over the environment, which wins over the policy, which wins over the defaults.
public struct WardenConfiguration: Sendable {
    /// The Pieces OS URL to use, or nil to discover it.
    public var piecesURL: String?
    /// Whether a non-loopback Pieces OS URL is accepted.
    public var allowRemote: Bool
    /// The deadline of each request to Pieces OS.
    public var requestTimeout: Duration
    /// Where the journal database lives.
    public var journal: JournalLocation
    /// How long journal rows are kept.
    public var journalKeep: Duration
    /// The time the command acts at: now, or `--now` in tests and forecasts.
    public var now: Date
    /// The effective policy.
    public var policy: LoadedPolicy
    /// Where memory is read from (`--meminfo`, `--psi`).
    public var memoryProbe = MemoryProbe()
    /// How long a pass waits after an unload before sampling MemAvailable again.
    public var settle: Duration = .seconds(2)

    /// The environment variable that sets the Pieces OS URL.
    public static let piecesURLVariable = "MODELWARDEN_PIECES_URL"

    /// Creates a configuration from `policy`, with explicit overrides.
    public init(policy: LoadedPolicy, piecesURL: String? = nil, journal: JournalLocation, now: Date = Date()) {
        self.policy = policy
        self.piecesURL = piecesURL ?? policy.policy.pieces.url
        self.allowRemote = policy.policy.pieces.allowRemote
        self.requestTimeout = policy.policy.pieces.timeout
        self.journal = journal
        self.journalKeep = policy.policy.journal.keep
        self.now = now
    }

    /// Resolves the flags against `environment` and `policy`; an empty value counts as unset.
    public static func resolve(
        piecesURLFlag: String?, databaseFlag: String?, now: Date?, environment: [String: String], uid: UInt32,
        policy: LoadedPolicy
    ) -> WardenConfiguration {
        let url = [piecesURLFlag, environment[piecesURLVariable]].compactMap { $0 }.first { !$0.isEmpty }
        let journal = JournalLocation.resolve(
            flag: databaseFlag, policy: policy.policy.journal.database, environment: environment, uid: uid)
        return WardenConfiguration(policy: policy, piecesURL: url, journal: journal, now: now ?? Date())
    }
}
