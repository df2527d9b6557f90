/// `ModelUsageEnum`: the job Pieces OS uses a model for.
public struct ModelUsageEnum: OpenEnum {
    /// The raw wire value.
    public let rawValue: String
    /// Wraps a raw value, known or not.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `CODE_CONVERSATION`: the chat ("Copilot") models.
    public static let codeConversation: Self = "CODE_CONVERSATION"
    /// `CODE_GENERATION`.
    public static let codeGeneration: Self = "CODE_GENERATION"
    /// `OCR`.
    public static let ocr: Self = "OCR"
    /// `TEXT_EMBEDDING`.
    public static let textEmbedding: Self = "TEXT_EMBEDDING"
    /// `TLP_NEURAL_CODE_SEARCH`.
    public static let tlpNeuralCodeSearch: Self = "TLP_NEURAL_CODE_SEARCH"
    /// `CODE_DESCRIPTION`.
    public static let codeDescription: Self = "CODE_DESCRIPTION"

    /// The values of pieces-os-client 5.0.1.
    public static let knownRawValues: Set<String> = [
        "UNKNOWN", "OCR", "CODE_CLASSIFICATION", "TEXT_VS_CODE", "TAGIFY_CODE", "TLP_TAG_SEARCH",
        "TLP_NEURAL_CODE_SEARCH", "TAGIFY_COLOR_FROM_CODE", "CODE_DESCRIPTION", "CODE_TITLE",
        "CODE_SEARCH_QUERIES", "CODE_EXTRACTIVE_TAGS", "CODE_EXTRACTIVE_LINKS", "CODE_CONVERSATION",
        "CODE_GENERATION", "CODE_SEARCH", "CODE_DISCOVERY", "CODE_RELATED_PEOPLE", "CODE_FRAMEWORK",
        "VIDEO_OCR", "TEXT_VS_CODE_SEGMENTATION", "TEXT_EMBEDDING", "TECHNICAL_ERROR",
    ]
}
