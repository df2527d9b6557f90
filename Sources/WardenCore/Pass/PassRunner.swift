import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One pass of `modelwarden run`, steps 2–10 of the design (the policy is already loaded):
/// journal and lock, find Pieces OS, record the snapshot, close what a crash left open, plan,
/// act (or, in a dry run, only journal the plan), verify, prune, and report.
public struct PassRunner: Sendable {
    /// The resolved configuration, policy included.
    public let configuration: WardenConfiguration
    /// Pieces OS, the systemd journal, the clock and the logger.
    public let world: OutsideWorld

    /// Creates a pass.
    public init(configuration: WardenConfiguration, world: OutsideWorld) {
        self.configuration = configuration
        self.world = world
    }

    /// Runs the pass; a dry run when `dryRun` or the policy says so. The watcher passes its
    /// open `journal` and its `finder` (which keeps the pid it found); without them the pass
    /// opens its own.
    public func run(
        dryRun requested: Bool = false, includeMemory: Bool = true, journal opened: JournalDatabase? = nil,
        finder kept: PiecesProcessFinder? = nil
    ) async throws -> PassReport {
        let now = configuration.now
        let started = ContinuousClock.now
        let loaded = configuration.loaded
        let dryRun = requested || loaded.policy.dryRun
        let events = world.events
        let journal = try opened ?? JournalDatabase.open(at: configuration.journal)
        let lock = try PassLock(journal: configuration.journal)
        defer { withExtendedLifetime(lock) {} }
        let journald = events.isAvailable
        if !journald { world.logger.warning("journald is not running; this pass is recorded in the database only") }
        // A policy changed by hand (not through `policy set`/`edit`) becomes a revision here.
        _ = try PolicyHistory(journal: journal, events: events).noticeChange(
            of: loaded, by: PolicyActor.current(environment: [:]), at: now)

        let api: any ModelsAPI
        let snapshot: Models
        do {
            // Asked only under the lock: a snapshot taken before it could predate what the
            // pass that held it did, and reconciliation would judge that pass's intents by it.
            api = try await world.pieces.connect(configuration.pieces)
            snapshot = try await api.screenedSnapshot(logger: world.logger)
        } catch {
            let message = String(describing: error)
            let runID = try journal.recordRunWithoutSnapshot(kind: dryRun ? .dryRun : .pass, at: now)
            events.send(JournalEntry(.piecesUnreachable, message, fields: [.runID: String(runID)]))
            try journal.finishRun(
                runID, at: now, failure: FailureCategory.of(error), journald: journald, note: message,
                duration: ContinuousClock.now - started)
            throw error
        }

        let recorded = try journal.recordSnapshot(
            snapshot, kind: dryRun ? .dryRun : .pass, piecesURL: api.baseURL, policyDigest: loaded.digest, at: now)
        let reconciled = try journal.reconcileOpenActions(with: snapshot, at: now).map { action, outcome in
            world.logger.notice("judged an action a crash or a failed verification left open", metadata: ["action_id": "\(action.id)", "outcome": "\(outcome.code.rawValue)"])
            return PassReport.Reconciled(
                actionID: action.id, kind: action.intent.kind.rawValue, modelID: action.intent.modelID,
                outcome: outcome.code.rawValue, note: outcome.note)
        }
        let disk = loaded.policy.disk.flatMap { DiskProbe.sample($0.path) }
        let plan = StalenessPlanner.plan(
            snapshot: snapshot, usage: recorded.usage, notices: try journal.notices(), disk: disk, policy: loaded.policy, now: now)
        // Notices before deletions: an eviction that does not wait is still announced first.
        if !dryRun { try await announce(plan.notices, runID: recorded.runID, journal: journal) }
        let actions = ActionProtocol(api: api, journal: journal, runID: recorded.runID, now: now, dryRun: dryRun)
        var results: [ActionResult] = []
        // A stop cuts the pass short between actions; the next pass plans the rest again.
        for action in plan.actions where !Task.isCancelled {
            let carried = try await actions.carryOut(CacheDeletion(action: action))
            results.append(ActionResult(actionID: carried.actionID, action: action, outcome: carried.outcome))
        }
        // A cache deleted used its notice up: downloaded again, it needs a notice of its own.
        let deleted = results.filter { $0.outcome.code == .succeeded }.map(\.action.modelID)
        try journal.spendNotices(of: deleted, at: now)
        try journal.recordOutlook(plan.outlook(at: now, done: Set(deleted)), runID: recorded.runID)
        // Memory after retention: reclaim the cheap resource before evicting what is in use.
        // Pieces OS's process is read here too, beside the sample, and after the deletions,
        // which a scan of every process must not delay.
        let baseURL = api.baseURL
        let finder = try kept ?? PiecesProcessFinder(
            procRoot: configuration.procRoot, likely: journal.lastListeningSocket(of: baseURL), serving: baseURL)
        let pieces = finder.find(baseURL: baseURL)
        let step = MemoryStep(actions: actions, configuration: configuration, piecesProcess: { finder.find(baseURL: baseURL) })
        let memory = includeMemory ? try await step.run(snapshot: snapshot, pieces: pieces) : nil
        if let error = memory?.error {
            world.logger.error("cannot read memory; no memory action this pass", metadata: ["error": "\(error)"])
        }
        let pruned = try journal.prune(olderThan: now.addingTimeInterval(-loaded.policy.journal.keep.seconds))

        let report = PassReport(
            runID: recorded.runID, dryRun: dryRun, at: now, piecesURL: api.baseURL, policyDigest: loaded.digest,
            plan: plan, results: results, memory: memory, piecesProcess: pieces, models: snapshot.iterable.count,
            changedModels: recorded.changedModels,
            reconciled: reconciled, pruned: pruned, journald: journald)
        try journal.finishRun(
            recorded.runID, at: now, failure: report.failure, journald: journald,
            note: journald ? nil : "journald socket missing: no entries sent to the systemd journal", piecesProcess: pieces.process,
            socket: pieces.process == nil ? nil : finder.socket, duration: ContinuousClock.now - started)
        for entry in PassEntries.entries(for: report) { events.send(entry) }
        return report
    }

    /// Records `notices`, sends each to journald and, for a user install, to the desktop.
    private func announce(_ notices: [DeletionNotice], runID: Int64, journal: JournalDatabase) async throws {
        guard !notices.isEmpty else { return }
        try journal.recordNotices(notices, runID: runID)
        for notice in notices {
            world.events.send(notice.entry(runID: runID))
        }
        if let desktop = world.desktop { await DesktopNotices.send(notices, through: desktop, logger: world.logger) }
    }
}
