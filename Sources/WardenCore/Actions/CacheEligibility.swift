import PiecesModels

/// Whether a model's state allows deleting its cache: the one rule the planner applies and
/// every deletion re-checks just before the call.
public enum CacheEligibility {
    /// The reason code that keeps `model`'s cache, or nil when its state allows deletion.
    ///
    /// Cloud models have nothing local, non-LLMs are never touched, and a model downloading,
    /// not downloaded or loaded must not lose its files under Pieces OS.
    public static func refusal(of model: Model) -> ReasonCode? {
        if model.cloud { return .cloud }
        if !model.isLLM { return .notLLM }
        if model.downloading == true { return .downloading }
        if model.downloaded != true { return .notDownloaded }
        if model.loaded == true { return .loaded }
        return nil
    }

    /// `refusal(of:)` in words, for the note of a deletion skipped at the re-check.
    public static func explanation(_ reason: ReasonCode) -> String {
        switch reason {
        case .cloud: "it runs in the cloud"
        case .notLLM: "it is not an LLM"
        case .downloading: "it is downloading"
        case .notDownloaded: "it is not downloaded"
        case .loaded: "it is loaded"
        default: reason.rawValue
        }
    }
}
