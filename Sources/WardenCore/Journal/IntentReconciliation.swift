import PiecesModels

/// Decides how an action a crash left open ended, from a fresh snapshot alone.
public enum IntentReconciliation {
    /// The outcome of `intent`, judged by `snapshot`.
    ///
    /// A cache deletion succeeded if the model now reads `downloaded: false` and failed if it is
    /// still downloaded; an unload succeeded if no model reads `loaded: true`. Anything the
    /// snapshot cannot tell is `unknown`. Every outcome carries a note saying so.
    public static func outcome(of intent: ActionIntent, in snapshot: Models) -> ActionOutcome {
        switch intent.kind {
        case .deleteCache:
            let listed = snapshot.iterable.filter { $0.id == intent.modelID }
            guard let model = listed.first else {
                return ActionOutcome(.unknown, note: "closed at start: the model is no longer listed by Pieces OS")
            }
            if listed.count > 1 {
                return ActionOutcome(.unknown, note: "closed at start: the id is listed more than once, so its state cannot be told")
            }
            if model.downloading == true {
                return ActionOutcome(.unknown, note: "closed at start: the model is downloading again")
            }
            if model.downloaded == false {
                return ActionOutcome(
                    .succeeded, freedBytes: intent.expectedBytes,
                    note: "closed at start: the model reads downloaded: false")
            }
            return ActionOutcome(.failed, error: "the cache is still there", note: "closed at start: the model reads downloaded: true")
        case .unloadAll:
            if snapshot.iterable.allSatisfy({ $0.loaded != true }) {
                return ActionOutcome(.succeeded, note: "closed at start: no model reads loaded: true")
            }
            return ActionOutcome(.unknown, note: "closed at start: a model is loaded, so whether the unload ran cannot be told")
        }
    }
}
