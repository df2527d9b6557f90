import PiecesModels

/// `POST /models/unload` under memory pressure, under the action protocol.
///
/// It counts only once no model reads `loaded: true`; MemAvailable is sampled again after
/// `settle`, and the difference is what it freed.
struct UnloadAll: GuardedAction {
    /// MemAvailable after the settle, when it could be read.
    typealias Evidence = Int
    /// RAM of the loaded models, by Pieces OS's account.
    let expectedBytes: Int
    /// MemAvailable when the decision was taken.
    let availableBefore: Int
    /// Where MemAvailable is read again.
    let probe: MemoryProbe
    /// How long the kernel gets to reclaim before the second sample.
    let settle: Duration

    var intent: ActionIntent {
        ActionIntent(kind: .unloadAll, reason: MemoryReason.memoryPressure.rawValue, expectedBytes: expectedBytes)
    }

    func recheck(_ api: any ModelsAPI) async throws -> String? {
        try await api.loadStates().loadedIDs.isEmpty ? "no model was loaded any more at the re-check" : nil
    }

    func perform(_ api: any ModelsAPI) async throws -> Int {
        try await api.unloadAll()
    }

    func verify(_ api: any ModelsAPI, answered: CallAnswer) async -> (ActionOutcome, Int?) {
        try? await EventLoopSleep.sleep(for: settle)
        let after = try? probe.sample().memInfo.availableBytes
        var note = "MemAvailable \(ByteCount(availableBefore)) before, \(after.map { ByteCount($0).description } ?? "unknown") after"
        guard let states = try? await api.loadStates() else {
            return (ActionOutcome(
                .unknown, httpStatus: answered.status, error: answered.problem,
                note: note + "; the verification request failed; the next pass reconciles"), after)
        }
        if !states.loadedIDs.isEmpty {
            return (ActionOutcome(
                .failed, httpStatus: answered.status,
                error: answered.error(or: "a model still reads loaded: true after the unload"), note: note), after)
        }
        if let problem = answered.problem { note += "; \(problem); but no model reads loaded: true" }
        let freed = after.map { max(0, $0 - availableBefore) }
        return (ActionOutcome(.succeeded, httpStatus: answered.status, freedBytes: freed, note: note), after)
    }
}
