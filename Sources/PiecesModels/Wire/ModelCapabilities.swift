/// `ModelCapabilities`: what a model can take into its context window.
public struct ModelCapabilities: Codable, Hashable, Sendable {
    /// Saved assets and their metadata.
    public var assets: Bool?
    /// Whole code bases.
    public var codebases: Bool?
    /// Code, text and other files.
    public var documents: Bool?
    /// Images.
    public var images: Bool?
    /// Live, time-based context.
    public var temporal: Bool?
    /// Videos.
    public var videos: Bool?
    /// Websites.
    public var websites: Bool?
    /// The schema stamp.
    public var schema: EmbeddedModelSchema?

    /// Creates a capability set.
    public init(
        assets: Bool? = nil, codebases: Bool? = nil, documents: Bool? = nil, images: Bool? = nil,
        temporal: Bool? = nil, videos: Bool? = nil, websites: Bool? = nil, schema: EmbeddedModelSchema? = nil
    ) {
        self.assets = assets
        self.codebases = codebases
        self.documents = documents
        self.images = images
        self.temporal = temporal
        self.videos = videos
        self.websites = websites
        self.schema = schema
    }
}
