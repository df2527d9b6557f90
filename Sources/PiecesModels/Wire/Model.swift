/// `Model`: one machine-learning model as Pieces OS reports it.
///
/// On the wire a `Model` is a ``SeededModel`` plus the fields Pieces OS assigns or computes
/// (`id`, `loaded`, `downloading`, `score`), all in one flat JSON object. The seed's fields
/// read and write through the model (`model.name`, `model.downloaded = false`).
@dynamicMemberLookup
public struct Model: Codable, Hashable, Sendable, Identifiable {
    /// The model's UUID.
    public var id: String
    /// Whether a download is in progress (computed by Pieces OS).
    public var downloading: Bool?
    /// Whether the model is in memory now (computed by Pieces OS, not persisted).
    public var loaded: Bool?
    /// Usage counters; odd ones (a count beyond 64 bits) read as absent.
    @Lenient public var score: Score?
    /// Every other field.
    public var seed: SeededModel

    /// Creates the model Pieces OS makes of `seed` under `id`.
    public init(id: String, seed: SeededModel, downloading: Bool? = nil, loaded: Bool? = nil, score: Score? = nil) {
        self.id = id
        self.seed = seed
        self.downloading = downloading
        self.loaded = loaded
        self.score = score
    }

    /// Creates a model with the required fields; set the rest as needed.
    public init(
        id: String, name: String, version: String, cloud: Bool, created: GroupedTimestamp,
        type: ModelTypeEnum, usage: ModelUsageEnum
    ) {
        self.init(
            id: id,
            seed: SeededModel(name: name, version: version, cloud: cloud, created: created, type: type, usage: usage))
    }

    /// A field of the seed, e.g. `model.name`.
    public subscript<Value>(dynamicMember keyPath: WritableKeyPath<SeededModel, Value>) -> Value {
        get { seed[keyPath: keyPath] }
        set { seed[keyPath: keyPath] = newValue }
    }

    /// The fields whose odd values were set aside, and why, for a warning.
    public var rejections: [String] {
        seed.rejections + ($score.rejection.map { ["score: \($0)"] } ?? [])
    }

    private enum CodingKeys: String, CodingKey {
        case id, downloading, loaded, score
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        downloading = try container.decodeIfPresent(Bool.self, forKey: .downloading)
        loaded = try container.decodeIfPresent(Bool.self, forKey: .loaded)
        _score = try container.decode(Lenient<Score>.self, forKey: .score)
        seed = try SeededModel(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encodeIfPresent(downloading, forKey: .downloading)
        try container.encodeIfPresent(loaded, forKey: .loaded)
        try container.encodeIfPresent(score, forKey: .score)
        try seed.encode(to: encoder)
    }
}
