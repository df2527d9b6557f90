import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A destructive call to Pieces OS, in the steps the one action protocol runs it by.
///
/// ``ActionProtocol`` commits the intent, then calls ``recheck(_:)``, ``perform(_:)`` and
/// ``verify(_:answered:)``, and commits the outcome. Each action says only what its steps are.
protocol GuardedAction: Sendable {
    /// What verification measured besides the outcome (e.g. MemAvailable after an unload).
    associatedtype Evidence: Sendable = Never

    /// The intent row committed before anything is called.
    var intent: ActionIntent { get }
    /// Looks again just before acting: nil to go ahead, or why the action no longer applies.
    func recheck(_ api: any ModelsAPI) async throws -> String?
    /// The destructive call; returns the HTTP status Pieces OS answered.
    func perform(_ api: any ModelsAPI) async throws -> Int
    /// Judges what happened from Pieces OS's state after the call; `answered` is nil when the
    /// call failed ambiguously (it may have reached Pieces OS).
    func verify(_ api: any ModelsAPI, answered: Int?) async -> (ActionOutcome, Evidence?)
}

/// How one guarded action ended: its row, its outcome, and what verification measured.
struct CarriedAction<Evidence: Sendable>: Sendable {
    /// The action row.
    var actionID: Int64
    /// How it ended.
    var outcome: ActionOutcome
    /// What verification measured, when it ran.
    var evidence: Evidence?
}

/// The one protocol of every destructive action: intent → re-check → call → verify → outcome.
///
/// The intent is committed before the call, so a crash never leaves an action without its row
/// (the next pass reconciles it). A dry run commits the intent as `planned` and calls nothing.
/// A refused call fails; an ambiguous one is judged by verification; nothing is retried.
struct ActionProtocol: Sendable {
    let api: any ModelsAPI
    let journal: JournalDatabase
    let runID: Int64
    let now: Date
    let dryRun: Bool

    /// Runs `action` and commits its outcome.
    func carryOut<Action: GuardedAction>(_ action: Action) async throws -> CarriedAction<Action.Evidence> {
        let id = try journal.recordIntent(action.intent, runID: runID, dryRun: dryRun, at: now)
        let (outcome, evidence) = dryRun ? (ActionOutcome(.planned), nil) : await attempt(action)
        try journal.recordOutcome(outcome, of: id, at: now)
        return CarriedAction(actionID: id, outcome: outcome, evidence: evidence)
    }

    private func attempt<Action: GuardedAction>(_ action: Action) async -> (ActionOutcome, Action.Evidence?) {
        do {
            if let reason = try await action.recheck(api) { return (ActionOutcome(.skipped, note: reason), nil) }
        } catch {
            return (ActionOutcome(.failed, error: "re-check failed: \(error)"), nil)
        }
        let answered: Int?
        do {
            answered = try await action.perform(api)
        } catch PiecesClientError.http(_, _, let status, let body) {
            return (ActionOutcome(.failed, httpStatus: status, error: "HTTP \(status): \(body)"), nil)
        } catch {
            answered = nil  // Ambiguous: the request may have reached Pieces OS. Verification decides.
        }
        return await action.verify(api, answered: answered)
    }
}
