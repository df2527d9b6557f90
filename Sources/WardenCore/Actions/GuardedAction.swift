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
    /// The destructive call; returns the 2xx status Pieces OS answered.
    func perform(_ api: any ModelsAPI) async throws -> Int
    /// Judges what happened from Pieces OS's state after the call, whatever the call answered.
    func verify(_ api: any ModelsAPI, answered: CallAnswer) async -> (ActionOutcome, Evidence?)
}

/// What the destructive call got back, which verification weighs but does not trust alone.
struct CallAnswer: Sendable {
    /// The HTTP status received; nil when no answer arrived (a timeout, a reset).
    var status: Int?
    /// Why the call did not plainly succeed; nil for a 2xx.
    var problem: String?

    /// `problem` then `finding`, or `finding` alone when the call succeeded.
    func error(or finding: String) -> String {
        problem.map { "\($0); \(finding)" } ?? finding
    }
}

extension CallAnswer {
    /// What went wrong with a call that raised `error`.
    init(_ error: PiecesClientError) {
        status = error.receivedStatus
        switch error {
        case .http(_, _, let status, let body): problem = "HTTP \(status): \(body.isEmpty ? "(empty body)" : body)"
        case .redirected(_, _, let status, let location):
            problem = "HTTP \(status), a redirect to \(location ?? "nowhere") that was not followed"
        default: problem = error.description
        }
    }
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
/// Only a call that never left fails outright. Any answer other than a 2xx, a timeout or a
/// reset may still have taken effect, so verification judges every call that was sent;
/// nothing is retried.
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
        let answered: CallAnswer
        do {
            answered = CallAnswer(status: try await action.perform(api))
        } catch let error as PiecesClientError where error.neverSent {
            return (ActionOutcome(.failed, error: "not sent: \(error)"), nil)
        } catch let error as PiecesClientError {
            answered = CallAnswer(error)
        } catch {
            answered = CallAnswer(status: nil, problem: String(describing: error))
        }
        return await action.verify(api, answered: answered)
    }
}
