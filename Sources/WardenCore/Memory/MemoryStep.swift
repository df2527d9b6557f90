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

    /// The unload of every model, with MemAvailable and Pieces OS's RSS before and after.
    public struct UnloadResult: Sendable {
        /// The action row.
        public var actionID: Int64
        /// RAM of the loaded models, by Pieces OS's account.
        public var expectedBytes: Int
        /// How it ended.
        public var outcome: ActionOutcome
        /// MemAvailable after the settle.
        public var availableAfterBytes: Int?
        /// Pieces OS's RSS after the settle, when its process was found (before: the sample's).
        public var piecesRSSAfterBytes: Int? = nil
    }
}

/// The memory step: one sample, the decision, and at most one ``UnloadAll`` under the action
/// protocol. A pass acts on one sample; the watcher decides with `sustain` and acts the same way.
struct MemoryStep {
    /// The action protocol of the run the unload belongs to.
    let actions: ActionProtocol
    /// The policy's memory section, the probe and the settle.
    let configuration: WardenConfiguration
    /// Reads the Pieces OS process now: again after an unload, or before one the watcher decided.
    let piecesProcess: @Sendable () -> PiecesProcessReading

    /// A pass's memory step: one sample, with the Pieces OS process the pass read (`pieces`),
    /// acted on at once (no sustain).
    func run(snapshot: Models, pieces: PiecesProcessReading) async throws -> MemoryReport {
        var sample: MemorySample
        do {
            sample = try configuration.memoryProbe.sample()
        } catch {
            return MemoryReport(error: error.description)
        }
        sample.pieces = pieces.process
        let anyLoaded = snapshot.iterable.contains { $0.loaded == true }
        let decision = try decide(sample, anyLoaded: anyLoaded, pressureSince: nil, sustained: false)
        var report = MemoryReport(sample: sample, decision: decision)
        if decision.unload {
            report.unload = try await unload(snapshot: snapshot, sample: sample)
        }
        return report
    }

    /// Decides on `sample`; no action.
    func decide(_ sample: MemorySample, anyLoaded: Bool, pressureSince: Date?, sustained: Bool) throws -> PressureDecision {
        let memory = configuration.policy.memory
        // The journal is read only under pressure: most samples are not.
        let lastUnload = PressureDecision.isPressure(sample, memory) ? try actions.journal.lastUnload() : nil
        return PressureDecision.decide(
            sample: sample, pressureSince: pressureSince, memory: memory, now: actions.now,
            anyLoaded: anyLoaded, lastUnload: lastUnload, sustained: sustained)
    }

    /// Unloads every model; the intent records the RAM the loaded models of `snapshot` hold,
    /// and the action row Pieces OS's RSS before and after.
    func unload(snapshot: Models, sample: MemorySample) async throws -> MemoryReport.UnloadResult {
        let expected = ByteCount.sum(snapshot.iterable.filter { $0.loaded == true }.map { $0.ram?.value ?? 0 })
        // A sample taken without the process (a policy that does not use it) reads it now.
        let before = (sample.pieces ?? piecesProcess().process)?.rssBytes
        let carried = try await actions.carryOut(UnloadAll(
            expectedBytes: expected, availableBefore: sample.memInfo.availableBytes, piecesRSSBefore: before,
            probe: configuration.memoryProbe, piecesProcess: piecesProcess, settle: configuration.settle))
        let after = carried.evidence?.piecesRSSAfter
        try actions.journal.recordUnloadEvidence(
            availableBefore: sample.memInfo.availableBytes, availableAfter: carried.evidence?.availableAfter,
            piecesRSSBefore: before, piecesRSSAfter: after, of: carried.actionID)
        return .init(
            actionID: carried.actionID, expectedBytes: expected, outcome: carried.outcome,
            availableAfterBytes: carried.evidence?.availableAfter, piecesRSSAfterBytes: after)
    }
}
