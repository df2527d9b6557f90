import GRDB
import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the memory step of a pass saw and did.
public struct MemoryReport: Sendable {
    /// The sample, when it could be read.
    public var sample: MemorySample?
    /// Why there is no sample.
    public var error: String?
    /// The decision, when there is a sample.
    public var decision: PressureDecision?
    /// The unload, when the decision called for one.
    public var unload: UnloadResult?

    /// The unload of every model, with MemAvailable before and after.
    public struct UnloadResult: Sendable {
        /// The action row.
        public var actionID: Int64
        /// RAM of the loaded models, by Pieces OS's account.
        public var expectedBytes: Int
        /// How it ended.
        public var outcome: ActionOutcome
        /// MemAvailable after the settle.
        public var availableAfterBytes: Int?
    }
}

/// The memory step of a pass: one sample, the decision, and at most one `unload_all` with the
/// intent → re-check → call → verify → outcome protocol.
struct MemoryStep {
    let client: PiecesHTTPClient
    let journal: JournalDatabase
    let runID: Int64
    let now: Date
    let probe: MemoryProbe
    let memory: Policy.Memory
    let settle: Duration

    /// A pass's memory step: one sample, acted on at once (no sustain).
    func run(snapshot: Models, dryRun: Bool) async throws -> MemoryReport {
        let sample: MemorySample
        do {
            sample = try probe.sample()
        } catch {
            return MemoryReport(error: error.description)
        }
        let anyLoaded = snapshot.iterable.contains { $0.loaded == true }
        let decision = try decide(sample, anyLoaded: anyLoaded, pressureSince: nil, sustained: false)
        var report = MemoryReport(sample: sample, decision: decision)
        if decision.unload {
            report.unload = try await act(snapshot: snapshot, sample: sample, runID: runID, dryRun: dryRun)
        }
        return report
    }

    /// Decides on `sample`; no action.
    func decide(_ sample: MemorySample, anyLoaded: Bool, pressureSince: Date?, sustained: Bool) throws -> PressureDecision {
        // The journal is read only under pressure: most samples are not.
        let lastUnload = PressureDecision.isPressure(sample, memory) ? try journal.lastUnload() : nil
        return PressureDecision.decide(
            sample: sample, pressureSince: pressureSince, memory: memory, now: now,
            anyLoaded: anyLoaded, lastUnload: lastUnload, sustained: sustained)
    }

    /// Unloads every model under the action protocol, as run `runID`.
    func act(snapshot: Models, sample: MemorySample, runID: Int64, dryRun: Bool) async throws -> MemoryReport.UnloadResult {
        let expected = snapshot.iterable.filter { $0.loaded == true }.reduce(0) { $0 + ($1.ram?.value ?? 0) }
        let id = try journal.recordIntent(
            ActionIntent(kind: .unloadAll, reason: MemoryReason.memoryPressure.rawValue, expectedBytes: expected),
            runID: runID, dryRun: dryRun, at: now)
        let (outcome, after) = dryRun ? (ActionOutcome(.planned), nil) : await unload(before: sample.memInfo.availableBytes)
        try journal.recordOutcome(outcome, of: id, at: now)
        return .init(actionID: id, expectedBytes: expected, outcome: outcome, availableAfterBytes: after)
    }

    private func unload(before: Int) async -> (ActionOutcome, Int?) {
        guard let fresh = try? await client.snapshot() else {
            return (ActionOutcome(.failed, error: "re-check failed: Pieces OS did not answer"), nil)
        }
        guard fresh.iterable.contains(where: { $0.loaded == true }) else {
            return (ActionOutcome(.skipped, note: "no model was loaded any more at the re-check"), nil)
        }
        do {
            try await client.unloadAll()
        } catch PiecesClientError.http(_, _, let status, let body) {
            return (ActionOutcome(.failed, httpStatus: status, error: "HTTP \(status): \(body)"), nil)
        } catch {
            // Ambiguous: verification decides.
        }
        try? await EventLoopSleep.sleep(for: settle)
        let after = try? probe.sample().memInfo.availableBytes
        let note = "MemAvailable \(ByteCount(before)) before, \(after.map { ByteCount($0).description } ?? "unknown") after"
        guard let verification = try? await client.snapshot() else {
            return (ActionOutcome(.unknown, note: note + "; the verification snapshot failed"), after)
        }
        if verification.iterable.contains(where: { $0.loaded == true }) {
            return (ActionOutcome(.failed, error: "a model still reads loaded: true after the unload", note: note), after)
        }
        return (ActionOutcome(.succeeded, httpStatus: 204, freedBytes: after.map { max(0, $0 - before) }, note: note), after)
    }
}

extension JournalDatabase {
    /// Sets `last_loaded` of the models in `loaded`, and of those in `unloaded` that were
    /// loaded until this sample, to `now`: the watcher's cheap, frequent sample of what is
    /// loaded, which adds no rows.
    public func recordLoaded(_ loaded: Set<String>, unloaded: Set<String> = [], at now: Date) throws(JournalError) {
        guard !loaded.isEmpty || !unloaded.isEmpty else { return }
        try write { db in
            for (ids, flag) in [(loaded, 1), (unloaded.subtracting(loaded), 0)] where !ids.isEmpty {
                let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
                try db.execute(
                    sql: "UPDATE model_usage SET last_loaded = ?, loaded = ? WHERE model_id IN (\(marks))",
                    arguments: StatementArguments([now.timeIntervalSince1970, flag] + ids.sorted() as [any DatabaseValueConvertible]))
            }
        }
    }

    /// When the last real (not dry-run) unload was attempted, for the cooldown.
    public func lastUnload() throws(JournalError) -> Date? {
        try read { db in
            try Double.fetchOne(db, sql: "SELECT max(intent_at) FROM action WHERE kind = 'unload_all' AND dry_run = 0")
                .map(Date.init(timeIntervalSince1970:))
        }
    }
}
