import Logging
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
    /// Where journal entries go.
    public let events: any EventSink
    /// How Pieces OS is found.
    public let discovery: PiecesDiscovery

    private static let logger = Logger(label: "modelwarden.pass")

    /// Creates a pass.
    public init(configuration: WardenConfiguration, events: any EventSink = SystemdJournal(), discovery: PiecesDiscovery = PiecesDiscovery()) {
        self.configuration = configuration
        self.events = events
        self.discovery = discovery
    }

    /// Runs the pass; a dry run when `dryRun` or the policy says so. `journal` is one already
    /// open (the watcher's); without it the pass opens its own. Errors carry their exit status
    /// through ``CommandFailure``.
    public func run(dryRun requested: Bool = false, includeMemory: Bool = true, journal opened: JournalDatabase? = nil) async throws -> PassReport {
        let now = configuration.now
        let policy = configuration.policy
        let dryRun = requested || policy.policy.dryRun
        let journal = try opened ?? JournalDatabase.open(at: configuration.journal)
        let lock = try PassLock(path: configuration.journal.lockPath)
        defer { withExtendedLifetime(lock) {} }
        let journald = events.isAvailable
        if !journald { Self.logger.warning("journald is not running; this pass is recorded in the database only") }
        // A policy changed by hand (not through `policy set`/`edit`) becomes a revision here.
        _ = try PolicyHistory(journal: journal, events: events).noticeChange(
            of: policy, by: PolicyActor.current(environment: [:]), at: now)

        let endpoint: PiecesEndpoint
        let client: PiecesHTTPClient
        let snapshot: Models
        do {
            endpoint = try await discovery.endpoint(configured: configuration.piecesURL, allowRemote: configuration.allowRemote)
            client = PiecesHTTPClient(endpoint: endpoint, timeout: configuration.requestTimeout)
            snapshot = try await client.snapshot()
        } catch {
            let failure = CommandFailure(error)
            let runID = try journal.recordRunWithoutSnapshot(kind: dryRun ? .dryRun : .pass, at: now)
            events.send(JournalEntry(.piecesUnreachable, failure.message, fields: [.runID: String(runID)]))
            try journal.finishRun(runID, at: now, exitStatus: failure.status, journald: journald, note: failure.message)
            throw failure
        }

        let recorded = try journal.recordSnapshot(
            snapshot, kind: dryRun ? .dryRun : .pass, piecesURL: endpoint.baseURL, policyDigest: policy.digest, at: now)
        let reconciled = try journal.reconcileOpenActions(with: snapshot, at: now).map { action, outcome in
            Self.logger.notice("closed an action a crash left open", metadata: ["action_id": "\(action.id)", "outcome": "\(outcome.code.rawValue)"])
            return PassReport.Reconciled(
                actionID: action.id, kind: action.intent.kind.rawValue, modelID: action.intent.modelID,
                outcome: outcome.code.rawValue, note: outcome.note)
        }
        let disk = policy.policy.disk.flatMap { DiskProbe.sample($0.path) }
        let plan = StalenessPlanner.plan(snapshot: snapshot, usage: recorded.usage, disk: disk, policy: policy.policy, now: now)
        let executor = RetentionExecutor(client: client, journal: journal, runID: recorded.runID, now: now)
        let results = try await executor.execute(plan.actions, dryRun: dryRun)
        // Memory after retention: reclaim the cheap resource before evicting what is in use.
        let memory = includeMemory ? try await MemoryStep(
            client: client, journal: journal, runID: recorded.runID, now: now, probe: configuration.memoryProbe,
            memory: policy.policy.memory, settle: configuration.settle
        ).run(snapshot: snapshot, dryRun: dryRun) : nil
        if let error = memory?.error {
            Self.logger.error("cannot read memory; no memory action this pass", metadata: ["error": "\(error)"])
        }
        let pruned = try journal.prune(olderThan: now.addingTimeInterval(-configuration.journalKeep.seconds))

        let report = PassReport(
            runID: recorded.runID, dryRun: dryRun, at: now, piecesURL: endpoint.baseURL, policyDigest: policy.digest,
            plan: plan, results: results, memory: memory, models: snapshot.iterable.count, changedModels: recorded.changedModels,
            reconciled: reconciled, pruned: pruned, journald: journald)
        try journal.finishRun(
            recorded.runID, at: now, exitStatus: report.exitStatus, journald: journald,
            note: journald ? nil : "journald socket missing: no entries sent to the systemd journal")
        for entry in PassEntries.entries(for: report) { events.send(entry) }
        return report
    }
}
