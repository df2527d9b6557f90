/// `ModelTypeEnum`: what a model is tuned for.
public struct ModelTypeEnum: OpenEnum {
    /// The raw wire value.
    public let rawValue: String
    /// Wraps a raw value, known or not.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `BALANCED`.
    public static let balanced: Self = "BALANCED"
    /// `SPEED`.
    public static let speed: Self = "SPEED"
    /// `ACCURACY`.
    public static let accuracy: Self = "ACCURACY"

    /// The values of pieces-os-client 5.0.1.
    public static let knownRawValues: Set<String> = ["UNKNOWN", "BALANCED", "SPEED", "ACCURACY"]
}
