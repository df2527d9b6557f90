import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `modelwarden plan` and `why`: what a pass would do at a given time, and why, without writing anything.
public enum PlanPreview {
    /// Everything a forecast decides from, and the plan.
    public struct Forecast: Sendable {
        /// Where Pieces OS answered.
        public var piecesURL: String
        /// Today's snapshot.
        public var snapshot: Models
        /// The journal's history with today's snapshot merged in.
        public var usage: [String: ModelUsage]
        /// The journal's notices.
        public var notices: [String: [DeletionNotice]]
        /// Models the snapshot changed.
        public var changedModels: Int
        /// The plan at the forecast's time.
        public var plan: Plan
        /// The journal, for what `why` shows of a model's past.
        public var journal: JournalDatabase
    }

    /// The plan at `configuration.now`, from today's snapshot and the journal's history.
    ///
    /// The snapshot is merged into the history in memory, as a pass would record it, so a
    /// forecast (`--at +31d`) ages every model from what is known now, and assumes the passes
    /// in between give each notice when it falls due.
    public static func forecast(_ configuration: WardenConfiguration, world: OutsideWorld) async throws -> Forecast {
        let journal = try JournalDatabase.open(at: configuration.journal)
        let api = try await world.pieces.connect(configuration.pieces)
        let snapshot = try await api.screenedSnapshot(logger: world.logger)
        var usage = try journal.usage()
        let observedAt = min(world.clock(), configuration.now)
        let diff = SnapshotDiff.compare(previous: usage, snapshot: snapshot, at: observedAt, previousSnapshotAt: nil)
        for row in diff.rows { usage[row.modelID] = row }
        let policy = configuration.loaded.policy
        let notices = try journal.notices()
        let plan = StalenessPlanner.plan(
            snapshot: snapshot, usage: usage, notices: notices, disk: policy.disk.flatMap { DiskProbe.sample($0.path) },
            policy: policy, now: configuration.now, observedFrom: observedAt)
        return Forecast(
            piecesURL: api.baseURL, snapshot: snapshot, usage: usage, notices: notices, changedModels: diff.changedModels,
            plan: plan, journal: journal)
    }

    /// The forecast as a dry-run report.
    public static func preview(_ configuration: WardenConfiguration, world: OutsideWorld) async throws -> PassReport {
        let forecast = try await forecast(configuration, world: world)
        let plan = forecast.plan
        return PassReport(
            runID: nil, dryRun: true, at: configuration.now, piecesURL: forecast.piecesURL, policyDigest: configuration.loaded.digest,
            plan: plan, results: plan.actions.map { ActionResult(actionID: 0, action: $0, outcome: ActionOutcome(.planned)) },
            memory: nil, piecesProcess: PiecesProcessFinder(procRoot: configuration.procRoot).find(baseURL: forecast.piecesURL),
            models: forecast.snapshot.iterable.count, changedModels: forecast.changedModels, reconciled: [],
            pruned: PruneCounts(), journald: true)
    }
}
