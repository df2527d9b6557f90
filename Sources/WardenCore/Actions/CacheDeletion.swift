import PiecesModels

/// `POST /models/{id}/delete/cache` for one planned action, under the action protocol.
///
/// The re-check and the verification ask for the one model (`GET /model/{id}`), so a pass's
/// cost does not grow with the catalog. Where that answer cannot be trusted to say everything
/// (an error, such as the 404 or 500 a Pieces OS may give for an id it no longer has, or a
/// model that leaves out `loaded` or `downloading`), the whole snapshot decides, as before.
/// The deletion counts only once the model reads `downloaded: false`.
struct CacheDeletion: GuardedAction {
    /// What the plan called for.
    let action: PlannedAction

    var intent: ActionIntent {
        ActionIntent(
            kind: .deleteCache, modelID: action.modelID, modelName: action.modelName, reason: action.reason.rawValue,
            rule: action.rule, expectedBytes: action.expectedBytes)
    }

    func recheck(_ api: any ModelsAPI) async throws -> String? {
        let found: Model?
        do {
            found = try await current(api)
        } catch let error as ListedTwice {
            return "\(error)"
        }
        guard let model = found else { return "the model is no longer listed" }
        return CacheEligibility.refusal(of: model).map { "no longer eligible at the re-check: \(CacheEligibility.explanation($0))" }
    }

    func perform(_ api: any ModelsAPI) async throws -> Int {
        try await api.deleteCache(modelID: action.modelID)
    }

    func verify(_ api: any ModelsAPI, answered: CallAnswer) async -> (ActionOutcome, Never?) {
        let model: Model?
        do {
            model = try await current(api)
        } catch {
            return (ActionOutcome(
                .unknown, httpStatus: answered.status, error: answered.problem,
                note: "the verification request failed (\(error)); the next pass reconciles"), nil)
        }
        guard let model else {
            return (ActionOutcome(
                .unknown, httpStatus: answered.status, error: answered.problem,
                note: "the model vanished before verification; the next pass reconciles"), nil)
        }
        if model.downloaded == false {
            let note = answered.problem.map { "\($0); but the model reads downloaded: false" }
            return (ActionOutcome(.succeeded, httpStatus: answered.status, freedBytes: action.expectedBytes, note: note), nil)
        }
        return (ActionOutcome(
            .failed, httpStatus: answered.status,
            error: answered.error(or: "the model still reads downloaded: true after delete/cache")), nil)
    }

    /// The model as Pieces OS describes it now, or nil when it is no longer listed.
    private func current(_ api: any ModelsAPI) async throws -> Model? {
        do {
            let model = try await api.model(id: action.modelID)
            // An answer about another model (or one that leaves a state out) is not trusted.
            if model.id == action.modelID, model.loaded != nil, model.downloading != nil { return model }
        } catch let error as PiecesClientError {
            guard case .http = error else { throw error }
        }
        let listed = try await api.snapshot().iterable.filter { $0.id == action.modelID }
        guard listed.count <= 1 else { throw ListedTwice(modelID: action.modelID) }
        return listed.first
    }
}

/// A snapshot lists the id more than once, so it cannot say which of them is the model.
struct ListedTwice: Error, CustomStringConvertible {
    let modelID: String
    var description: String { "its id is now listed more than once, so which model it names cannot be told" }
}
