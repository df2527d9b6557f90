import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What `modelwarden status` shows: every model and the totals, from one snapshot.
public struct StatusReport: Encodable, Sendable, Equatable {
    /// One model, flattened to what an admin needs.
    public struct Row: Encodable, Sendable, Equatable {
        /// The model id.
        public var id: String
        /// The display name.
        public var name: String
        /// Whether it runs in the cloud.
        public var cloud: Bool
        /// Whether it is an LLM (see `LLMClassification`).
        public var llm: Bool
        /// Whether its files are on this machine.
        public var downloaded: Bool
        /// Whether a download is in progress.
        public var downloading: Bool
        /// Whether it is in memory.
        public var loaded: Bool
        /// Whether it was registered by the user or an organization.
        public var custom: Bool
        /// Bytes on disk, when Pieces OS reports them.
        @JSONNull public var bytes: Int?
        /// Bytes of RAM while loaded, when Pieces OS reports them.
        @JSONNull public var ram: Int?
        /// The family, raw.
        @JSONNull public var foundation: String?
        /// The usage, raw.
        public var usage: String
        /// When modelwarden first saw the model.
        @JSONNull public var firstSeen: Date?
        /// When it was last loaded or scored, else first seen.
        @JSONNull public var lastUsed: Date?
        /// When its cache is deleted, once announced; absent otherwise.
        public var deletesAt: Date?
        /// Until when a pin protects it; absent for no pin or a pin for good.
        public var pinnedUntil: Date?
        /// What the plan says beyond the state: a pin and its expiry, a deletion to come.
        public var note: String?

        /// Flattens `model`, with what the journal knows of it.
        public init(_ model: Model, usage history: ModelUsage? = nil) {
            id = model.id
            name = model.name
            cloud = model.cloud
            llm = model.isLLM
            downloaded = model.downloaded ?? false
            downloading = model.downloading ?? false
            loaded = model.loaded ?? false
            custom = model.custom ?? false
            bytes = model.bytes?.value
            ram = model.ram?.value
            foundation = model.foundation?.rawValue
            usage = model.usage.rawValue
            firstSeen = history?.firstSeen
            lastUsed = history?.lastUsed
        }
    }

    /// Sums over the snapshot.
    public struct Totals: Encodable, Sendable, Equatable {
        /// Every model.
        public var models: Int
        /// Models that are LLMs.
        public var llms: Int
        /// Models in memory.
        public var loaded: Int
        /// Bytes on disk of downloaded local models.
        public var diskBytes: Int
        /// Bytes of RAM of loaded models.
        public var ramBytes: Int
    }

    /// Where Pieces OS answered.
    public var piecesURL: String
    /// The models, in Pieces OS's order.
    public var models: [Row]
    /// The sums.
    public var totals: Totals
    /// When the snapshot was taken.
    public var at: Date
    /// Pieces OS's own process, when it was found.
    @JSONNull public var piecesProcess: PiecesProcess?
    /// Why it was not found, when it was looked for and was not.
    public var piecesProcessReason: PiecesProcessAbsence?

    /// Builds the report of `snapshot`, taken from `piecesURL` at `at`, with the journal's
    /// `usage`, what a pass would decide now (when given), and the Pieces OS process measured with it.
    public init(
        piecesURL: String, snapshot: Models, usage: [String: ModelUsage] = [:], plan: Plan? = nil,
        piecesProcess: PiecesProcessReading? = nil, at: Date
    ) {
        self.piecesURL = piecesURL
        self.at = at
        self.piecesProcess = piecesProcess?.process
        piecesProcessReason = piecesProcess?.absence
        let kept = Dictionary((plan?.kept ?? []).map { ($0.modelID, $0) }, uniquingKeysWith: { first, _ in first })
        let deleting = Dictionary((plan?.actions ?? []).map { ($0.modelID, $0) }, uniquingKeysWith: { first, _ in first })
        models = snapshot.iterable.map { model in
            var row = Row(model, usage: usage[model.id])
            if let decision = kept[model.id] {
                row.deletesAt = decision.deletesAt
                row.pinnedUntil = decision.pinnedUntil
                row.note = decision.note
            } else if let action = deleting[model.id] {
                row.note = "deletes at the next pass (\(action.reason.rawValue))"
            }
            return row
        }
        totals = Totals(
            models: models.count,
            llms: models.count(where: \.llm),
            loaded: models.count(where: \.loaded),
            diskBytes: ByteCount.sum(models.filter { !$0.cloud && $0.downloaded }.map { $0.bytes ?? 0 }),
            ramBytes: ByteCount.sum(models.filter(\.loaded).map { $0.ram ?? 0 }))
    }
}
