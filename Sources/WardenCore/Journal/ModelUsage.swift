import GRDB
import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What the journal knows of one model: when it was first and last seen, last loaded, last
/// scored, and its state in the latest snapshot.
public struct ModelUsage: Codable, Hashable, Sendable, FetchableRecord, TableRecord {
    /// The model id.
    public var modelID: String
    /// The latest name.
    public var name: String
    /// Whether it runs in the cloud.
    public var cloud: Bool
    /// Whether it is an LLM.
    public var llm: Bool
    /// Whether the latest snapshot lists it.
    public var present: Bool
    /// The first snapshot that listed it.
    public var firstSeen: Date
    /// The last snapshot that listed it, set when it leaves; nil while ``present``.
    public var lastSeen: Date?
    /// The last snapshot that showed it loaded.
    public var lastLoaded: Date?
    /// The last snapshot whose score counters differed from the one before.
    public var lastScored: Date?
    /// The latest size on disk.
    public var bytes: Int?
    /// The latest `downloaded`.
    public var downloaded: Bool?
    /// The latest `downloading`.
    public var downloading: Bool?
    /// The latest `loaded`.
    public var loaded: Bool?
    /// The latest score counters, as ``ScoreSignature``.
    public var score: String?

    /// The latest of ``lastLoaded`` and ``lastScored``, else ``firstSeen``: a model never seen
    /// in use ages from when modelwarden first saw it.
    public var lastUsed: Date {
        [lastLoaded, lastScored].compactMap { $0 }.max() ?? firstSeen
    }

    /// The journal's table of these rows, which `ModelUsage+Row.swift` reads and writes column by column.
    public static let databaseTableName = "model_usage"

    private enum CodingKeys: String, CodingKey {
        case modelID = "modelId", name, cloud, llm, present, firstSeen, lastSeen, lastLoaded, lastScored
        case bytes, downloaded, downloading, loaded, score
    }
}

/// A model's score counters as one comparable string, `manual:automatic:priority:…`.
public enum ScoreSignature {
    /// The signature of `score`, or nil when there is none.
    public static func of(_ score: Score?) -> String? {
        guard let score else { return nil }
        return [score.manual, score.automatic, score.priority, score.reference, score.reuse, score.searched, score.update]
            .map { $0.map(String.init) ?? "" }.joined(separator: ":")
    }
}
