#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything a command needs to know, resolved once from flags and the environment.
///
/// Flags win over the environment, which wins over the defaults.
public struct WardenConfiguration: Sendable, Equatable {
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

    /// The environment variable that sets the Pieces OS URL.
    public static let piecesURLVariable = "MODELWARDEN_PIECES_URL"

    /// Creates a configuration.
    public init(
        piecesURL: String? = nil, allowRemote: Bool = false, requestTimeout: Duration = .seconds(5),
        journal: JournalLocation, journalKeep: Duration = .seconds(180 * 86_400), now: Date = Date()
    ) {
        self.piecesURL = piecesURL
        self.allowRemote = allowRemote
        self.requestTimeout = requestTimeout
        self.journal = journal
        self.journalKeep = journalKeep
        self.now = now
    }

    /// Resolves the flags against `environment`; an empty value counts as unset.
    public static func resolve(
        piecesURLFlag: String?, databaseFlag: String?, now: Date?, environment: [String: String], uid: UInt32
    ) -> WardenConfiguration {
        let url = [piecesURLFlag, environment[piecesURLVariable]].compactMap { $0 }.first { !$0.isEmpty }
        return WardenConfiguration(
            piecesURL: url, journal: JournalLocation.resolve(flag: databaseFlag, environment: environment, uid: uid),
            now: now ?? Date())
    }
}
