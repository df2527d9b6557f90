/// `SeededModel`: the body of `POST /models/create`, a `Model` without the fields Pieces OS
/// assigns or computes (`id`, `loaded`, `downloading`, `score`).
public struct SeededModel: Codable, Hashable, Sendable {
    /// The display name.
    public var name: String
    /// The model's version string.
    public var version: String
    /// Whether the model runs in the cloud.
    public var cloud: Bool
    /// When the model was registered.
    public var created: GroupedTimestamp
    /// What the model is tuned for.
    public var type: ModelTypeEnum
    /// The job Pieces OS uses the model for.
    public var usage: ModelUsageEnum
    /// Bytes on disk.
    @Lenient public var bytes: ByteDescriptor?
    /// Bytes of RAM while loaded.
    @Lenient public var ram: ByteDescriptor?
    /// What the model takes into its context.
    public var capabilities: ModelCapabilities?
    /// Whether the model is optimised for CPU.
    public var cpu: Bool?
    /// Reserved for registering custom models; Pieces OS sets it to true on create.
    public var custom: Bool?
    /// Whether the user denied the model.
    public var denied: Bool?
    /// A description.
    public var description: String?
    /// Whether the model's files are on this machine.
    public var downloaded: Bool?
    /// The model family.
    public var foundation: ModelFoundationEnum?
    /// Token limits.
    @Lenient public var maxTokens: ModelMaxTokens?
    /// The organization the model belongs to.
    public var organization: OrganizationReference?
    /// Parameters, in billions.
    @Lenient public var parameters: Double?
    /// The publisher.
    public var provider: ExternalMLProviderEnum?
    /// The quantization.
    public var quantization: String?
    /// The schema stamp.
    public var schema: EmbeddedModelSchema?
    /// The name used to load the model.
    public var unique: String?

    /// The optional fields whose odd values were set aside, and why: `bytes: a negative size`.
    public var rejections: [String] {
        [("bytes", $bytes.rejection), ("ram", $ram.rejection), ("maxTokens", $maxTokens.rejection),
         ("parameters", $parameters.rejection)].compactMap { field, reason in reason.map { "\(field): \($0)" } }
    }

    /// Creates a seed with the required fields; set the rest as needed.
    public init(
        name: String, version: String, cloud: Bool, created: GroupedTimestamp,
        type: ModelTypeEnum, usage: ModelUsageEnum
    ) {
        self.name = name
        self.version = version
        self.cloud = cloud
        self.created = created
        self.type = type
        self.usage = usage
    }
}
