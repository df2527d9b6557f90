/// How modelwarden decides whether a model is a large language model.
///
/// Only LLMs have a cache that `POST /models/{id}/delete/cache` can delete, so this one
/// function decides which models retention may ever act on. It is shared by the engine and the
/// simulator. The rules, in order:
///
/// 1. A known encoder, embedding or classifier family (`T5`, `DISTILROBERTA`, `FAST_TEXT`,
///    `UNIXCODER`, `TEXTEMBEDDING_GECKO`, `POTION`) is never an LLM.
/// 2. A model used for conversation or generation (`CODE_CONVERSATION`, `CODE_GENERATION`) is.
/// 3. A model whose usage is `UNKNOWN` or a value newer than modelwarden is an LLM only when
///    its foundation is a known text-generating family (Llama, Mistral, Phi, Gemma, GPT, …).
/// 4. Any other usage (OCR, embeddings, tagging, search, …) is not.
///
/// When in doubt the answer is "not an LLM", because a wrong "yes" could delete a cache.
public enum LLMClassification {
    /// Usages that make a model an LLM.
    public static let generativeUsages: [ModelUsageEnum] = [.codeConversation, .codeGeneration]

    /// Whether a model with this usage and foundation is an LLM.
    public static func isLLM(usage: ModelUsageEnum, foundation: ModelFoundationEnum?) -> Bool {
        if let foundation, ModelFoundationEnum.nonGenerativeRawValues.contains(foundation.rawValue) {
            return false
        }
        if generativeUsages.contains(usage) { return true }
        if usage == .unknown || !usage.isKnown {
            return foundation?.isGenerativeFamily ?? false
        }
        return false
    }
}

extension Model {
    /// Whether this model is an LLM; see ``LLMClassification``.
    public var isLLM: Bool { seed.isLLM }
}

extension SeededModel {
    /// Whether the model this seed creates is an LLM; see ``LLMClassification``.
    public var isLLM: Bool { LLMClassification.isLLM(usage: usage, foundation: foundation) }
}
