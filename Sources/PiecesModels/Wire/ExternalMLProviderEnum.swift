/// `ExternalMLProviderEnum`: who publishes a model.
public struct ExternalMLProviderEnum: OpenEnum {
    /// The raw wire value.
    public let rawValue: String
    /// Wraps a raw value, known or not.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// `META`.
    public static let meta: Self = "META"
    /// `MICROSOFT`.
    public static let microsoft: Self = "MICROSOFT"
    /// `GOOGLE`.
    public static let google: Self = "GOOGLE"
    /// `OPENAI`.
    public static let openAI: Self = "OPENAI"
    /// `ANTHROPIC`.
    public static let anthropic: Self = "ANTHROPIC"
    /// `IBM`.
    public static let ibm: Self = "IBM"
    /// `PIECES`.
    public static let pieces: Self = "PIECES"

    /// The values of pieces-os-client 5.0.1.
    public static let knownRawValues: Set<String> = [
        "UNKNOWN", "APPLE", "AMAZON", "GOOGLE", "META", "OPENAI", "LMSYS", "SALESFORCE",
        "HUGGING_FACE", "UNIVERSITY_OF_WASHINGTON", "OPEN_LM_RESEARCH", "MICROSOFT", "UC_BERKLEY",
        "PEKING_UNIVERSITY", "RENMIN_UNIVERSITY_OF_CHINA", "TOGETHER_AI", "DATABRICKS", "ELEUTHER_AI",
        "FUDAN_UNIVERSITY", "BLICKDL", "HONG_KONG_BAPTIST_UNIVERSITY", "BIGCODE", "JINA", "PIECES",
        "ANTHROPIC", "IBM", "SNOWFLAKE", "PERPLEXITY", "MINISHLABS", "MSFT_AZURE_OPEN_AI",
        "AWS_BEDROCK",
    ]
}
