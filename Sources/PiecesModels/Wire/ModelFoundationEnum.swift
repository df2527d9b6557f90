/// `ModelFoundationEnum`: the model family and size a model is built on.
///
/// Raw values carry dots and a lower-case `x` (`GEMMA_1.1_7B`, `MIXTRAL_8_x_7B`); they are
/// compared exactly, never normalised.
public struct ModelFoundationEnum: OpenEnum {
    /// The raw wire value.
    public let rawValue: String
    /// Wraps a raw value, known or not.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// The encoder, embedding and classifier families: models Pieces OS runs internally that
    /// never generate text, so they are never LLMs whatever their usage says.
    public static let nonGenerativeRawValues: Set<String> = [
        "T5", "DISTILROBERTA", "FAST_TEXT", "UNIXCODER", "TEXTEMBEDDING_GECKO", "POTION",
    ]

    /// Whether this is a known text-generating family (not `UNKNOWN`, not an encoder).
    public var isGenerativeFamily: Bool {
        isKnown && self != .unknown && !Self.nonGenerativeRawValues.contains(rawValue)
    }

    /// The values of pieces-os-client 5.0.1.
    public static let knownRawValues: Set<String> = [
        "UNKNOWN", "GPT_3.5", "GPT_4", "T5", "LLAMA_2_7B", "LLAMA_2_13B", "LLAMA_2_70B",
        "LLAMA_3_2B", "LLAMA_3_13B", "LLAMA_3_70B", "CODE_LLAMA_2_7B", "CODE_LLAMA_2_13B",
        "CODE_LLAMA_2_70B", "BARD", "ALPACA_7B", "ALPACA_13B", "ALPACA_33B", "ALPACA_65B",
        "VICUNA_7B", "VICUNA_13B", "VICUNA_33B", "VICUNA_65B", "GUANACO_7B", "GUANACO_13B",
        "GUANACO_33B", "GUANACO_65B", "OPENLLAMA_7B", "OPENLLAMA_13B", "GORILLA_7B", "GORILLA_13B",
        "GORILLA_33B", "GORILLA_65B", "WIZARDLM_7B", "WIZARDLM_13B", "WIZARDLM_30B",
        "YULANCHAT_13B", "YULANCHAT_65B", "REDPAJAMA_3B", "REDPAJAMA_7B", "REDPAJAMA_13B",
        "REDPAJAMA_33B", "REDPAJAMA_65B", "DOLLY_70M", "DOLLY_160M", "DOLLY_410M", "DOLLY_1B",
        "DOLLY_1.4B", "DOLLY_2.8B", "DOLLY_6.9B", "DOLLY_12B", "PYTHIA_70M", "PYTHIA_160M",
        "PYTHIA_410M", "PYTHIA_1B", "PYTHIA_1.4B", "PYTHIA_2.8B", "PYTHIA_6.9B", "PYTHIA_12B",
        "MOSS_7B", "MOSS_13B", "RMKV_LM_100M", "RMKV_LM_400M", "RMKV_LM_1.5B", "RMKV_LM_3B",
        "RMKV_LM_7B", "RMKV_LM_14B", "STARCODER_15.5B", "WIZARDCODER_15B", "SANTACODER_1.1B",
        "TEXT_BISON", "TEXTEMBEDDING_GECKO", "CHAT_BISON", "CODE_BISON", "CODECHAT_BISON",
        "CODE_GECKO", "DISTILROBERTA", "MISTRAL_7B", "GEMINI", "GEMINI_1.5", "GEMINI_2",
        "FAST_TEXT", "UNIXCODER", "PHI_1.5", "PHI_2", "MIXTRAL_8_x_7B", "MIXTRAL_8_x_22B",
        "GEMMA_7B", "GEMMA_2B", "CODE_GEMMA_7B", "CODE_GEMMA_2B", "RECURRENT_GEMMA_2B", "GROK_1",
        "GROK_1.5", "CLAUDE_2", "CLAUDE_3", "STARLING_7B", "DBRX", "COMMAND_R+", "GEMMA_1.1_2B",
        "GEMMA_1.1_7B", "GEMMA_2_9B", "PHI_3_MINI", "PHI_3_SMALL", "GRANITE_3B", "GRANITE_8B",
        "LLAMA_3_8B", "CLAUDE_3.5", "CLAUDE_4", "CLAUDE_LATEST", "GRANITE_LATEST", "LLAMA_LATEST",
        "PHI_LATEST", "GEMMA_LATEST", "GEMINI_LATEST", "GPT_LATEST", "AZURE_LATEST", "AZURE_FAST",
        "AZURE_BEST", "AZURE_DEFAULT", "AZURE_CUSTOM", "PERPLEXITY_LATEST", "PERPLEXITY_FAST",
        "PERPLEXITY_BEST", "PERPLEXITY_DEFAULT", "PERPLEXITY_CUSTOM", "CODESTRAL_LATEST",
        "DEEPSEEK_LATEST", "LLAVA_LATEST", "MIXTRAL_LATEST", "MISTRAL_LATEST", "ORCA_LATEST",
        "QWEN_CODER_LATEST", "QWEN_LATEST", "QWQ_LATEST", "STARCODER_LATEST", "TINYLLAMA_LATEST",
        "VICUNA_LATEST", "WIZARD_LATEST", "ZEPHYR_LATEST", "POTION", "MSFT_AZURE_OPEN_AI_LATEST",
        "AWS_BEDROCK_LATEST",
    ]
}
