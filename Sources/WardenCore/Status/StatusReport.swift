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
        public var bytes: Int?
        /// Bytes of RAM while loaded, when Pieces OS reports them.
        public var ram: Int?
        /// The family, raw.
        public var foundation: String?
        /// The usage, raw.
        public var usage: String
        /// When modelwarden first saw the model.
        public var firstSeen: Date?
        /// When it was last loaded or scored, else first seen.
        public var lastUsed: Date?

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

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(cloud, forKey: .cloud)
            try container.encode(llm, forKey: .llm)
            try container.encode(downloaded, forKey: .downloaded)
            try container.encode(downloading, forKey: .downloading)
            try container.encode(loaded, forKey: .loaded)
            try container.encode(custom, forKey: .custom)
            try container.encode(bytes, forKey: .bytes)  // null, not absent, when unknown
            try container.encode(ram, forKey: .ram)
            try container.encode(foundation, forKey: .foundation)
            try container.encode(usage, forKey: .usage)
            try container.encode(firstSeen.map(RFC3339.format), forKey: .firstSeen)
            try container.encode(lastUsed.map(RFC3339.format), forKey: .lastUsed)
        }

        private enum CodingKeys: String, CodingKey {
            case id, name, cloud, llm, downloaded, downloading, loaded, custom, bytes, ram, foundation, usage
            case firstSeen = "first_seen", lastUsed = "last_used"
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

        private enum CodingKeys: String, CodingKey {
            case models, llms, loaded
            case diskBytes = "disk_bytes"
            case ramBytes = "ram_bytes"
        }
    }

    /// Where Pieces OS answered.
    public var piecesURL: String
    /// The models, in Pieces OS's order.
    public var models: [Row]
    /// The sums.
    public var totals: Totals
    /// When the snapshot was taken.
    public var at: Date

    /// Builds the report of `snapshot`, taken from `piecesURL` at `at`, with the journal's `usage`.
    public init(piecesURL: String, snapshot: Models, usage: [String: ModelUsage] = [:], at: Date) {
        self.piecesURL = piecesURL
        self.at = at
        models = snapshot.iterable.map { Row($0, usage: usage[$0.id]) }
        totals = Totals(
            models: models.count,
            llms: models.count(where: \.llm),
            loaded: models.count(where: \.loaded),
            diskBytes: models.filter { !$0.cloud && $0.downloaded }.reduce(0) { $0 + ($1.bytes ?? 0) },
            ramBytes: models.filter(\.loaded).reduce(0) { $0 + ($1.ram ?? 0) })
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(piecesURL, forKey: .piecesURL)
        try container.encode(RFC3339.format(at), forKey: .at)
        try container.encode(models, forKey: .models)
        try container.encode(totals, forKey: .totals)
    }

    private enum CodingKeys: String, CodingKey {
        case piecesURL = "pieces_url"
        case at, models, totals
    }
}
