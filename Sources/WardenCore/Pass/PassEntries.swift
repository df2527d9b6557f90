import PiecesModels

/// The systemd journal entries of a pass: one per action, memory pressure, and one for the pass.
enum PassEntries {
    static func entries(for report: PassReport) -> [JournalEntry] {
        let run = report.runID.map(String.init) ?? ""
        let dryRun = report.dryRun ? "1" : "0"
        var entries = report.results.compactMap { result -> JournalEntry? in
            let action = result.action
            let fields: [JournalField: String] = [
                .runID: run, .action: "delete_cache", .modelID: action.modelID, .modelName: action.modelName,
                .reason: action.reason.rawValue, .outcome: result.outcome.code.rawValue,
                .bytes: String(result.outcome.freedBytes ?? action.expectedBytes), .dryRun: dryRun,
            ]
            switch result.outcome.code {
            case .succeeded:
                return JournalEntry(.cacheDeleted, "deleted the cache of \(action.modelName) (\(action.reason.rawValue))", fields: fields)
            case .failed, .unknown:
                let cause = result.outcome.error ?? result.outcome.note ?? result.outcome.code.rawValue
                return JournalEntry(.cacheDeletionFailed, "could not delete the cache of \(action.modelName): \(cause)", fields: fields)
            case .planned, .skipped:
                return nil
            }
        }
        entries += report.memory.map { memoryEntries($0, run: run, dryRun: dryRun) } ?? []
        let verb = report.dryRun ? "dry run" : "pass"
        let summary = "\(verb) \(run) finished: \(report.results.count) action(s), \(report.failed) failed, "
            + (report.unverified > 0 ? "\(report.unverified) unverified, " : "")
            + "\(report.freedBytes) bytes freed, \(report.models) models"
        entries.append(JournalEntry(
            .passFinished, summary,
            fields: [.runID: run, .dryRun: dryRun, .outcome: report.failure != nil ? "failed" : "succeeded", .bytes: String(report.freedBytes)]))
        return entries
    }

    /// The memory pressure entry, then the unload's entry if there was one.
    static func memoryEntries(_ memory: MemoryReport, run: String, dryRun: String) -> [JournalEntry] {
        guard let sample = memory.sample, let decision = memory.decision, decision.pressure else {
            return []
        }
        let available = "MemAvailable \(ByteCount(sample.memInfo.availableBytes)) of \(ByteCount(sample.memInfo.totalBytes))"
        var entries = [JournalEntry(
            .memoryPressure, "memory pressure: \(available); \(decision.reason.rawValue)",
            fields: [
                .runID: run, .reason: decision.reason.rawValue, .bytes: String(sample.memInfo.availableBytes), .dryRun: dryRun,
                .signals: decision.signals.map(\.rawValue).joined(separator: ","),
            ])]
        if let unload = memory.unload { entries += unloadEntries(unload, run: run, dryRun: dryRun) }
        return entries
    }

    /// The entry of an unload that was attempted (unloaded, or could not unload); none for
    /// one planned or skipped.
    static func unloadEntries(_ unload: MemoryReport.UnloadResult, run: String, dryRun: String) -> [JournalEntry] {
        let fields: [JournalField: String] = [
            .runID: run, .action: "unload_all", .reason: MemoryReason.memoryPressure.rawValue,
            .outcome: unload.outcome.code.rawValue, .bytes: String(unload.outcome.freedBytes ?? unload.expectedBytes), .dryRun: dryRun,
        ]
        switch unload.outcome.code {
        case .succeeded:
            return [JournalEntry(.modelsUnloaded, "unloaded every model: \(unload.outcome.note ?? "")", fields: fields)]
        case .failed, .unknown:
            let cause = unload.outcome.error ?? unload.outcome.note ?? unload.outcome.code.rawValue
            return [JournalEntry(.unloadFailed, "could not unload the models: \(cause)", fields: fields)]
        case .planned, .skipped:
            return []
        }
    }
}
