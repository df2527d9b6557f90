/// `EmbeddedModelSchema`: the schema version Pieces OS stamps on most objects.
public struct EmbeddedModelSchema: Codable, Hashable, Sendable {
    /// The database migration the object was written under.
    public var migration: Int
    /// The semantic schema version, e.g. `MAJOR_0_MINOR_0_PATCH_1`.
    public var semantic: SemanticVersion

    /// Creates a schema stamp.
    public init(migration: Int = 0, semantic: SemanticVersion = .v0_0_1) {
        self.migration = migration
        self.semantic = semantic
    }

    /// The schema stamp Pieces OS writes today.
    public static let current = EmbeddedModelSchema()

    /// `EmbeddedModelSchemaSemanticVersionEnum`.
    public struct SemanticVersion: OpenEnum {
        /// The raw wire value.
        public let rawValue: String
        /// Wraps a raw value, known or not.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// `MAJOR_0_MINOR_0_PATCH_1`.
        public static let v0_0_1: Self = "MAJOR_0_MINOR_0_PATCH_1"
        /// The values of pieces-os-client 5.0.1.
        public static let knownRawValues: Set<String> = ["UNKNOWN", "MAJOR_0_MINOR_0_PATCH_1"]
    }
}
