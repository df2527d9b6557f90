import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What became of one planned action.
public struct ActionResult: Sendable {
    /// The action row.
    public var actionID: Int64
    /// What was planned.
    public var action: PlannedAction
    /// How it ended.
    public var outcome: ActionOutcome
}

/// Carries out a plan's cache deletions with the intent → re-check → call → verify → outcome
/// protocol. One failure never stops the others.
struct RetentionExecutor {
    let client: PiecesHTTPClient
    let journal: JournalDatabase
    let runID: Int64
    let now: Date

    /// Runs `actions`; a dry run journals them as `planned` and calls nothing.
    func execute(_ actions: [PlannedAction], dryRun: Bool) async throws -> [ActionResult] {
        var attempted: [(Int64, PlannedAction, ActionOutcome?)] = []
        for action in actions {
            let intent = ActionIntent(
                kind: .deleteCache, modelID: action.modelID, modelName: action.modelName, reason: action.reason.rawValue,
                rule: action.rule, expectedBytes: action.expectedBytes)
            let id = try journal.recordIntent(intent, runID: runID, dryRun: dryRun, at: now)
            if dryRun {
                attempted.append((id, action, ActionOutcome(.planned)))
                continue
            }
            attempted.append((id, action, await attempt(action)))
        }
        // Verify with a second snapshot: a deletion counts only if the model reads downloaded: false.
        let verification = attempted.contains { $0.2 == nil } ? try? await client.snapshot() : nil
        var results: [ActionResult] = []
        for (id, action, early) in attempted {
            let outcome = early ?? verify(action, in: verification)
            try journal.recordOutcome(outcome, of: id, at: now)
            results.append(ActionResult(actionID: id, action: action, outcome: outcome))
        }
        return results
    }

    /// Re-checks the model and calls delete/cache; nil means "called, verify it".
    private func attempt(_ action: PlannedAction) async -> ActionOutcome? {
        let fresh: Models
        do {
            fresh = try await client.snapshot()
        } catch {
            return ActionOutcome(.failed, error: "re-check failed: \(error)")
        }
        guard let model = fresh.iterable.first(where: { $0.id == action.modelID }) else {
            return ActionOutcome(.skipped, note: "the model is no longer listed")
        }
        if let reason = Self.ineligibility(model) {
            return ActionOutcome(.skipped, note: "no longer eligible at the re-check: \(reason)")
        }
        do {
            _ = try await client.deleteCache(modelID: action.modelID)
            return nil
        } catch PiecesClientError.http(_, _, let status, let body) {
            return ActionOutcome(.failed, httpStatus: status, error: "HTTP \(status): \(body)")
        } catch {
            // Ambiguous: the request may or may not have reached Pieces OS. Verification decides.
            return nil
        }
    }

    private func verify(_ action: PlannedAction, in snapshot: Models?) -> ActionOutcome {
        guard let snapshot else {
            return ActionOutcome(.unknown, httpStatus: 200, note: "the verification snapshot failed; the next pass reconciles")
        }
        guard let model = snapshot.iterable.first(where: { $0.id == action.modelID }) else {
            return ActionOutcome(.unknown, note: "the model vanished before verification")
        }
        if model.downloaded == false {
            return ActionOutcome(.succeeded, httpStatus: 200, freedBytes: action.expectedBytes)
        }
        return ActionOutcome(.failed, error: "the model still reads downloaded: true after delete/cache")
    }

    /// Why `model` must not be touched now, or nil when it may be.
    static func ineligibility(_ model: Model) -> String? {
        if model.cloud { return "it runs in the cloud" }
        if !model.isLLM { return "it is not an LLM" }
        if model.loaded == true { return "it is loaded" }
        if model.downloading == true { return "it is downloading" }
        if model.downloaded != true { return "it is not downloaded" }
        return nil
    }
}
