import PiecesModels

/// `POST /models/unload` under memory pressure, under the action protocol.
///
/// It counts only once no model reads `loaded: true`; MemAvailable is sampled again after
/// `settle`, and the difference is what it freed. Pieces OS's own RSS is read again too: the
/// models live in its process, so its drop shows what the unload gave back.
struct UnloadAll: GuardedAction {
    /// What the second reading after the settle found.
    struct Evidence: Sendable {
        /// MemAvailable, when it could be read.
        var availableAfter: Int?
        /// Pieces OS's RSS, when its process was found.
        var piecesRSSAfter: Int?
    }

    /// RAM of the loaded models, by Pieces OS's account.
    let expectedBytes: Int
    /// MemAvailable when the decision was taken.
    let availableBefore: Int
    /// Pieces OS's RSS when the decision was taken, when its process was found.
    let piecesRSSBefore: Int?
    /// Where MemAvailable is read again.
    let probe: MemoryProbe
    /// Reads the Pieces OS process again.
    let piecesProcess: @Sendable () -> PiecesProcessReading
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

    func verify(_ api: any ModelsAPI, answered: CallAnswer) async -> (ActionOutcome, Evidence?) {
        try? await EventLoopSleep.sleep(for: settle)
        let after = try? probe.sample().memInfo.availableBytes
        let evidence = Evidence(availableAfter: after, piecesRSSAfter: piecesProcess().process?.rssBytes)
        var note = "MemAvailable \(ByteCount(availableBefore)) before, \(Self.size(after)) after"
        if piecesRSSBefore != nil || evidence.piecesRSSAfter != nil {
            note += "; Pieces OS RSS \(Self.size(piecesRSSBefore)) before, \(Self.size(evidence.piecesRSSAfter)) after"
        }
        guard let states = try? await api.loadStates() else {
            return (ActionOutcome(
                .unknown, httpStatus: answered.status, error: answered.problem,
                note: note + "; the verification request failed; the next pass reconciles"), evidence)
        }
        if !states.loadedIDs.isEmpty {
            return (ActionOutcome(
                .failed, httpStatus: answered.status,
                error: answered.error(or: "a model still reads loaded: true after the unload"), note: note), evidence)
        }
        if let problem = answered.problem { note += "; \(problem); but no model reads loaded: true" }
        let freed = after.map { max(0, $0 - availableBefore) }
        return (ActionOutcome(.succeeded, httpStatus: answered.status, freedBytes: freed, note: note), evidence)
    }

    private static func size(_ bytes: Int?) -> String { bytes.map { ByteCount($0).description } ?? "unknown" }
}
