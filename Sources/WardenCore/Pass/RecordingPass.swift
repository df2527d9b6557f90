import Logging
import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One pass of `modelwarden run`: journal and lock, find Pieces OS, record the snapshot, close
/// what a crash left open, prune the journal, and report to the systemd journal.
public struct RecordingPass: Sendable {
    /// The resolved configuration.
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

    /// Runs the pass; errors carry their exit status through ``CommandFailure``.
    public func run() async throws -> PassReport {
        let now = configuration.now
        let journal = try JournalDatabase.open(at: configuration.journal)
        let lock = try PassLock(path: configuration.journal.lockPath)
        defer { withExtendedLifetime(lock) {} }
        let journald = events.isAvailable
        let note = journald ? nil : "journald socket missing: no entries sent to the systemd journal"
        if !journald {
            Self.logger.warning("journald is not running; this pass is recorded in the database only")
        }

        let endpoint: PiecesEndpoint
        let snapshot: Models
        do {
            endpoint = try await discovery.endpoint(configured: configuration.piecesURL, allowRemote: configuration.allowRemote)
            snapshot = try await PiecesHTTPClient(endpoint: endpoint, timeout: configuration.requestTimeout).snapshot()
        } catch {
            let failure = CommandFailure(error)
            let runID = try journal.recordRunWithoutSnapshot(kind: .pass, at: now)
            events.send(JournalEntry(.piecesUnreachable, failure.message, fields: [.runID: String(runID)]))
            try journal.finishRun(runID, at: now, exitStatus: failure.status, journald: journald, note: failure.message)
            throw failure
        }

        let recorded = try journal.recordSnapshot(snapshot, kind: .pass, piecesURL: endpoint.baseURL, at: now)
        let reconciled = try journal.reconcileOpenActions(with: snapshot, at: now).map { action, outcome in
            Self.logger.notice(
                "closed an action a crash left open",
                metadata: ["action_id": "\(action.id)", "outcome": "\(outcome.code.rawValue)", "note": "\(outcome.note ?? "")"])
            return PassReport.Reconciled(
                actionID: action.id, kind: action.intent.kind.rawValue, modelID: action.intent.modelID,
                outcome: outcome.code.rawValue, note: outcome.note)
        }
        let pruned = try journal.prune(olderThan: now.addingTimeInterval(-configuration.journalKeep.seconds))
        try journal.finishRun(recorded.runID, at: now, exitStatus: .ok, journald: journald, note: note)

        let report = PassReport(
            runID: recorded.runID, dryRun: false, at: now, piecesURL: endpoint.baseURL, models: snapshot.iterable.count,
            changedModels: recorded.changedModels, reconciled: reconciled, pruned: pruned, journald: journald)
        events.send(JournalEntry(
            .passFinished, report.summary().trimmingCharacters(in: .newlines),
            fields: [.runID: String(recorded.runID), .dryRun: "0", .outcome: "succeeded", .bytes: "0"]))
        return report
    }
}

extension Duration {
    /// The duration in seconds, as a `TimeInterval`.
    public var seconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
