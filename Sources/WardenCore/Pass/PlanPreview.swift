import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `modelwarden plan`: what a pass would do at a given time, and why, without writing anything.
public enum PlanPreview {
    /// The plan at `configuration.now`, from today's snapshot and the journal's history.
    ///
    /// The snapshot is merged into the history in memory, as a pass would record it, so a
    /// forecast (`--at +31d`) ages every model from what is known now.
    public static func preview(_ configuration: WardenConfiguration, world: OutsideWorld) async throws -> PassReport {
        let journal = try JournalDatabase.open(at: configuration.journal)
        let api = try await world.pieces.connect(configuration.pieces)
        let snapshot = try await api.screenedSnapshot(logger: world.logger)
        let today = world.clock()
        var usage = try journal.usage()
        let observedAt = min(today, configuration.now)
        let diff = SnapshotDiff.compare(previous: usage, snapshot: snapshot, at: observedAt, previousSnapshotAt: nil)
        for row in diff.rows { usage[row.modelID] = row }
        let policy = configuration.loaded
        let disk = policy.policy.disk.flatMap { DiskProbe.sample($0.path) }
        let plan = StalenessPlanner.plan(snapshot: snapshot, usage: usage, disk: disk, policy: policy.policy, now: configuration.now)
        return PassReport(
            runID: nil, dryRun: true, at: configuration.now, piecesURL: api.baseURL, policyDigest: policy.digest,
            plan: plan, results: plan.actions.map { ActionResult(actionID: 0, action: $0, outcome: ActionOutcome(.planned)) },
            memory: nil, piecesProcess: PiecesProcessFinder(procRoot: configuration.procRoot).find(baseURL: api.baseURL),
            models: snapshot.iterable.count, changedModels: diff.changedModels, reconciled: [], pruned: PruneCounts(),
            journald: true)
    }
}
