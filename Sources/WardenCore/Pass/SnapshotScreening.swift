import Logging
import PiecesModels

/// What in a snapshot cannot be taken at its word, said once as warnings.
///
/// The planner keeps a model whose id is listed twice (`duplicate_id`) or cannot be sent as one
/// path segment (`unaddressable_id`), and a size Pieces OS gave as a negative or a too-large
/// number reads as unknown. The rest of the pass goes on; these warnings say what was set aside.
public enum SnapshotScreening {
    /// One model the snapshot describes oddly, and how.
    public struct Finding: Hashable, Sendable {
        /// The model's id as listed.
        public var modelID: String
        /// The model's name.
        public var modelName: String
        /// What is odd about it.
        public var problem: String
    }

    /// How many times `snapshot` lists each id.
    static func listings(_ snapshot: Models) -> [String: Int] {
        snapshot.iterable.reduce(into: [String: Int]()) { $0[$1.id, default: 0] += 1 }
    }

    /// The reason code that sets a model with `id` aside whatever its state, or nil: the one
    /// rule the planner keeps by and the warnings explain.
    static func setAside(_ id: String, listings: [String: Int]) -> ReasonCode? {
        if ModelPathSegment.problem(with: id) != nil { return .unaddressableID }
        if listings[id, default: 0] > 1 { return .duplicateID }
        return nil
    }

    /// Every odd thing in `snapshot`, in listing order, each model once.
    public static func findings(in snapshot: Models) -> [Finding] {
        let listings = listings(snapshot)
        var reported = Set<String>()
        var findings: [Finding] = []
        for model in snapshot.iterable {
            var problems: [String] = []
            switch setAside(model.id, listings: listings) {
            case .unaddressableID:
                let problem = ModelPathSegment.problem(with: model.id) ?? ""
                problems.append("its id cannot be sent as one path segment (\(problem)); kept as unaddressable_id")
            case .duplicateID:
                let count = listings[model.id, default: 0]
                guard reported.insert(model.id).inserted else { continue }
                problems.append("its id is listed \(count) times; each is kept as duplicate_id")
            default: break
            }
            problems += model.rejections.map { "\($0); read as unknown" }
            if !problems.isEmpty {
                findings.append(Finding(modelID: model.id, modelName: model.name, problem: problems.joined(separator: "; ")))
            }
        }
        return findings
    }

    /// The most findings logged one by one; the rest are counted in one more warning, so that
    /// a snapshot of 20,000 odd models does not flood the journal on every pass.
    public static let loggedFindings = 20

    /// Logs each finding as a warning, with the model in metadata (cut as a table cell is).
    public static func warn(about snapshot: Models, to logger: Logger) {
        let all = findings(in: snapshot)
        for finding in all.prefix(loggedFindings) {
            logger.warning("Pieces OS describes a model oddly; it is set aside", metadata: [
                "model_id": "\(TextTable.shown(finding.modelID))", "model_name": "\(TextTable.shown(finding.modelName))",
                "problem": "\(finding.problem)",
            ])
        }
        if all.count > loggedFindings {
            logger.warning("Pieces OS describes more models oddly; they are set aside too", metadata: ["more": "\(all.count - loggedFindings)"])
        }
    }
}

extension ModelsAPI {
    /// `GET /models`, warning on `logger` about what it describes oddly.
    public func screenedSnapshot(logger: Logger) async throws -> Models {
        let snapshot = try await snapshot()
        SnapshotScreening.warn(about: snapshot, to: logger)
        return snapshot
    }
}
