import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One change of one model between two snapshots, as the journal stores it.
public struct ModelChange: Hashable, Sendable {
    /// The model.
    public var modelID: String
    /// What changed: `appeared`, `disappeared`, `reappeared`, `name`, `bytes`, `downloaded`,
    /// `downloading`, `loaded` or `score`.
    public var field: String
    /// The value before, as text.
    public var oldValue: String?
    /// The value after, as text.
    public var newValue: String?

    /// Creates a change.
    public init(modelID: String, field: String, oldValue: String? = nil, newValue: String? = nil) {
        self.modelID = modelID
        self.field = field
        self.oldValue = oldValue
        self.newValue = newValue
    }
}

/// How a snapshot changes what the journal knows: a pure function, so it is tested as a table.
public enum SnapshotDiff {
    /// The rows to write and the changes to log.
    public struct Result: Hashable, Sendable {
        /// Usage rows to insert or replace: only models that changed.
        public var rows: [ModelUsage] = []
        /// The change log.
        public var changes: [ModelChange] = []
        /// How many models changed.
        public var changedModels: Int { Set(changes.map(\.modelID)).count }
    }

    /// Compares `snapshot`, taken at `now`, with what the journal knew (`previous`, by id).
    /// `previousSnapshotAt` is when the last snapshot was taken: a model missing now was last
    /// seen then.
    public static func compare(
        previous: [String: ModelUsage], snapshot: Models, at now: Date, previousSnapshotAt: Date?
    ) -> Result {
        var result = Result()
        var listed = Set<String>()
        for model in snapshot.iterable where listed.insert(model.id).inserted {
            let observed = observation(of: model)
            guard let old = previous[model.id] else {
                var row = observed
                row.firstSeen = now
                row.lastLoaded = model.loaded == true ? now : nil
                result.rows.append(row)
                result.changes.append(ModelChange(modelID: model.id, field: "appeared", newValue: model.name))
                continue
            }
            var row = old
            row.name = observed.name
            row.cloud = observed.cloud
            row.llm = observed.llm
            row.present = true
            row.bytes = observed.bytes
            row.downloaded = observed.downloaded
            row.downloading = observed.downloading
            row.loaded = observed.loaded
            row.score = observed.score
            if model.loaded == true { row.lastLoaded = now }
            if old.score != observed.score, old.score != nil || observed.score != nil { row.lastScored = now }

            var changes: [ModelChange] = []
            if !old.present { changes.append(ModelChange(modelID: model.id, field: "reappeared", newValue: model.name)) }
            func track<Value: Equatable>(_ field: String, _ before: Value?, _ after: Value?) {
                if before != after {
                    changes.append(ModelChange(modelID: model.id, field: field, oldValue: before.map { "\($0)" }, newValue: after.map { "\($0)" }))
                }
            }
            track("name", old.name, row.name)
            track("bytes", old.bytes, row.bytes)
            track("downloaded", old.downloaded, row.downloaded)
            track("downloading", old.downloading, row.downloading)
            track("loaded", old.loaded, row.loaded)
            track("score", old.score, row.score)
            result.changes += changes
            if row != old { result.rows.append(row) }
        }
        for old in previous.values.sorted(by: { $0.modelID < $1.modelID }) where old.present && !listed.contains(old.modelID) {
            var row = old
            row.present = false
            row.lastSeen = previousSnapshotAt ?? now
            result.rows.append(row)
            result.changes.append(ModelChange(modelID: old.modelID, field: "disappeared", oldValue: old.name))
        }
        return result
    }

    private static func observation(of model: Model) -> ModelUsage {
        ModelUsage(
            modelID: model.id, name: model.name, cloud: model.cloud, llm: model.isLLM, present: true,
            firstSeen: .distantPast, lastSeen: nil, lastLoaded: nil, lastScored: nil, bytes: model.bytes?.value,
            downloaded: model.downloaded, downloading: model.downloading, loaded: model.loaded,
            score: ScoreSignature.of(model.score))
    }
}
