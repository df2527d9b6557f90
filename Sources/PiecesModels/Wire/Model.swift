/// `Model`: one machine-learning model as Pieces OS reports it.
///
/// Property names are the wire's camelCase keys. Optionals may be absent or `null` on the
/// wire and are left out when encoding.
public struct Model: Codable, Hashable, Sendable, Identifiable {
    /// The model's UUID.
    public var id: String
    /// The display name.
    public var name: String
    /// The model's version string.
    public var version: String
    /// Whether the model runs in the cloud rather than on this machine.
    public var cloud: Bool
    /// When the model was registered.
    public var created: GroupedTimestamp
    /// What the model is tuned for.
    public var type: ModelTypeEnum
    /// The job Pieces OS uses the model for.
    public var usage: ModelUsageEnum
    /// Bytes on disk.
    public var bytes: ByteDescriptor?
    /// Bytes of RAM while loaded.
    public var ram: ByteDescriptor?
    /// What the model takes into its context.
    public var capabilities: ModelCapabilities?
    /// Whether the model is optimised for CPU.
    public var cpu: Bool?
    /// Whether the user or an organization registered the model.
    public var custom: Bool?
    /// Whether the user denied the model.
    public var denied: Bool?
    /// A description.
    public var description: String?
    /// Whether the model's files are on this machine.
    public var downloaded: Bool?
    /// Whether a download is in progress (computed by Pieces OS).
    public var downloading: Bool?
    /// The model family.
    public var foundation: ModelFoundationEnum?
    /// Whether the model is in memory now (computed by Pieces OS, not persisted).
    public var loaded: Bool?
    /// Token limits.
    public var maxTokens: ModelMaxTokens?
    /// The organization the model belongs to.
    public var organization: OrganizationReference?
    /// Parameters, in billions.
    public var parameters: Double?
    /// The publisher.
    public var provider: ExternalMLProviderEnum?
    /// The quantization, e.g. `q4f16_1`.
    public var quantization: String?
    /// The schema stamp.
    public var schema: EmbeddedModelSchema?
    /// Usage counters.
    public var score: Score?
    /// The name used to load the model.
    public var unique: String?

    /// Creates a model with the required fields; set the rest as needed.
    public init(
        id: String, name: String, version: String, cloud: Bool, created: GroupedTimestamp,
        type: ModelTypeEnum, usage: ModelUsageEnum
    ) {
        self.id = id
        self.name = name
        self.version = version
        self.cloud = cloud
        self.created = created
        self.type = type
        self.usage = usage
    }
}
