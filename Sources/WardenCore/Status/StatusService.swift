import PiecesModels

/// Gathers what `modelwarden status` shows, and records the snapshot in the journal.
public enum StatusService {
    /// Opens the journal, finds Pieces OS, takes a snapshot, measures Pieces OS's own process,
    /// records both, and builds the report.
    ///
    /// The journal is opened first, so a bad database fails before Pieces OS is contacted.
    public static func collect(_ configuration: WardenConfiguration, world: OutsideWorld) async throws -> StatusReport {
        let journal = try JournalDatabase.open(at: configuration.journal)
        let api = try await world.pieces.connect(configuration.pieces)
        let snapshot = try await api.screenedSnapshot(logger: world.logger)
        let events = world.events
        let now = configuration.now
        let pieces = PiecesProcessFinder(procRoot: configuration.procRoot).find(baseURL: api.baseURL)
        let recorded = try journal.recordSnapshot(snapshot, kind: .status, piecesURL: api.baseURL, at: now)
        let journald = events.isAvailable
        try journal.finishRun(
            recorded.runID, at: now, failure: nil, journald: journald,
            note: journald ? nil : "journald socket missing", piecesProcess: pieces.process)
        let policy = configuration.loaded.policy
        let plan = StalenessPlanner.plan(
            snapshot: snapshot, usage: recorded.usage, notices: try journal.notices(),
            disk: policy.disk.flatMap { DiskProbe.sample($0.path) }, policy: policy, now: now)
        try journal.recordOutlook(plan.outlook(at: now, done: []), runID: recorded.runID)
        return StatusReport(
            piecesURL: api.baseURL, snapshot: snapshot, usage: recorded.usage, plan: plan, piecesProcess: pieces, at: now)
    }
}
