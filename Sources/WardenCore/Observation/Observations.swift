#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the journal shows of a machine over a period: the one source of `report --format json`,
/// `report --format html` and the Prometheus textfile, so the three always agree.
///
/// ``JournalDatabase/observations(since:until:host:)`` builds it; the JSON puts the
/// ``JournalSummary`` keys at the top level, beside the others.
public struct Observations: Sendable, Equatable, Encodable {
    /// Runs, actions and failures in the period.
    public var summary: JournalSummary
    /// The period's end.
    public var until: Date
    /// The machine's host name.
    public var host: String
    /// The latest finished pass (live or dry run), whenever it ran.
    @JSONNull public var lastPass: LastPass?
    /// Whether Pieces OS answered the latest snapshot (of a pass or `status`); nil before the first.
    @JSONNull public var piecesUp: Bool?
    /// Pieces OS's resident memory at the latest snapshot, when its process was found.
    @JSONNull public var piecesRSSBytes: Int?
    /// Live actions and bytes freed since the journal began: the counters.
    public var totals: Totals
    /// Live actions still open or `unknown`: the counters take them in once a pass judges them.
    public var unresolvedActions: Int
    /// How many models are in each state at the latest snapshot.
    public var models: ModelCounts
    /// Bytes of the downloaded local LLMs at the latest snapshot.
    public var llmCacheBytes: Int
    /// Each UTC day of the period since the journal's first run, oldest first.
    public var days: [Day]
    /// Unloads under memory pressure in the period, newest first.
    public var pressureEvents: [PressureEvent]
    /// The local models at the latest snapshot, least recently used first.
    public var lastUse: [LastUse]
    /// The deletions the latest plan foresees, soonest first.
    public var upcomingDeletions: [UpcomingDeletion]
    /// The pins the latest plan applied that still hold, soonest expiry first.
    public var pins: [Pin]
    /// Policy revisions in the period, newest first.
    public var revisions: [Revision]
    /// The database's size: pages times page size.
    public var journalBytes: Int

    /// At most this many pressure events, revisions and failures are listed.
    public static let listLimit = 500

    private enum CodingKeys: String, CodingKey {
        case until, host, lastPass, piecesUp, piecesRSSBytes, totals, unresolvedActions, models
        case llmCacheBytes, days, pressureEvents, lastUse, upcomingDeletions, pins, revisions, journalBytes
    }

    public func encode(to encoder: any Encoder) throws {
        try summary.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(until, forKey: .until)
        try container.encode(host, forKey: .host)
        try container.encode(_lastPass, forKey: .lastPass)
        try container.encode(_piecesUp, forKey: .piecesUp)
        try container.encode(_piecesRSSBytes, forKey: .piecesRSSBytes)
        try container.encode(totals, forKey: .totals)
        try container.encode(unresolvedActions, forKey: .unresolvedActions)
        try container.encode(models, forKey: .models)
        try container.encode(llmCacheBytes, forKey: .llmCacheBytes)
        try container.encode(days, forKey: .days)
        try container.encode(pressureEvents, forKey: .pressureEvents)
        try container.encode(lastUse, forKey: .lastUse)
        try container.encode(upcomingDeletions, forKey: .upcomingDeletions)
        try container.encode(pins, forKey: .pins)
        try container.encode(revisions, forKey: .revisions)
        try container.encode(journalBytes, forKey: .journalBytes)
    }
}
