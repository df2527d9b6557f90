import PiecesModels

/// `POST /models/{id}/delete/cache` for one planned action, under the action protocol.
///
/// The re-check and the verification each ask for the one model (`GET /model/{id}`), so a
/// pass's cost does not grow with the catalog. The deletion counts only once the model reads
/// `downloaded: false`.
struct CacheDeletion: GuardedAction {
    typealias Evidence = Never
    /// What the plan called for.
    let action: PlannedAction

    var intent: ActionIntent {
        ActionIntent(
            kind: .deleteCache, modelID: action.modelID, modelName: action.modelName, reason: action.reason.rawValue,
            rule: action.rule, expectedBytes: action.expectedBytes)
    }

    func recheck(_ api: any ModelsAPI) async throws -> String? {
        let model: Model
        do {
            model = try await api.model(id: action.modelID)
        } catch PiecesClientError.http(_, _, 404, _) {
            return "the model is no longer listed"
        }
        return CacheEligibility.refusal(of: model).map { "no longer eligible at the re-check: \(CacheEligibility.explanation($0))" }
    }

    func perform(_ api: any ModelsAPI) async throws -> Int {
        _ = try await api.deleteCache(modelID: action.modelID)
        return 200
    }

    func verify(_ api: any ModelsAPI, answered: Int?) async -> (ActionOutcome, Never?) {
        let model: Model
        do {
            model = try await api.model(id: action.modelID)
        } catch PiecesClientError.http(_, _, 404, _) {
            return (ActionOutcome(.unknown, httpStatus: answered, note: "the model vanished before verification"), nil)
        } catch {
            return (ActionOutcome(.unknown, httpStatus: answered, note: "the verification failed; the next pass reconciles"), nil)
        }
        if model.downloaded == false {
            return (ActionOutcome(.succeeded, httpStatus: answered, freedBytes: action.expectedBytes), nil)
        }
        return (ActionOutcome(.failed, httpStatus: answered, error: "the model still reads downloaded: true after delete/cache"), nil)
    }
}
