import PiecesModels
import Testing

@Suite("Which models are LLMs")
struct LLMClassificationTests {
    @Test(arguments: [
        // Conversation and generation models are LLMs, whatever family.
        ("CODE_CONVERSATION", "LLAMA_3_8B", true),
        ("CODE_CONVERSATION", "GPT_4", true),
        ("CODE_GENERATION", "CODE_LLAMA_2_13B", true),
        ("CODE_CONVERSATION", nil, true),
        ("CODE_CONVERSATION", "LLAMA_5_400B", true),
        // Encoder families never are, even with a conversational usage.
        ("CODE_CONVERSATION", "UNIXCODER", false),
        ("CODE_GENERATION", "T5", false),
        ("TEXT_EMBEDDING", "TEXTEMBEDDING_GECKO", false),
        // Internal usages are not LLMs, whatever family.
        ("OCR", nil, false),
        ("OCR", "LLAMA_3_8B", false),
        ("TLP_NEURAL_CODE_SEARCH", "DISTILROBERTA", false),
        ("CODE_DESCRIPTION", "T5", false),
        ("TEXT_EMBEDDING", "POTION", false),
        // Unknown or newer usages fall back on the family.
        ("UNKNOWN", "MISTRAL_7B", true),
        ("UNKNOWN", "GEMMA_1.1_7B", true),
        ("CODE_AGENT", "PHI_3_MINI", true),
        ("UNKNOWN", "UNKNOWN", false),
        ("UNKNOWN", nil, false),
        ("CODE_AGENT", "LLAMA_5_400B", false),
        ("UNKNOWN", "FAST_TEXT", false),
    ] as [(String, String?, Bool)])
    func classifies(usage: String, foundation: String?, isLLM: Bool) {
        let result = LLMClassification.isLLM(
            usage: ModelUsageEnum(rawValue: usage), foundation: foundation.map(ModelFoundationEnum.init(rawValue:)))
        #expect(result == isLLM)
    }

    @Test func modelsAndSeedsUseTheSameFunction() throws {
        let seed = try Fixture.decode(SeededModel.self, "seeded-model")
        #expect(seed.isLLM)
        #expect(Model(id: "x", seed: seed).isLLM)
        let snapshot = try Fixture.decode(Models.self, "snapshot-realistic")
        #expect(snapshot.iterable.map(\.isLLM) == [true, true, false, true, false])
    }
}
