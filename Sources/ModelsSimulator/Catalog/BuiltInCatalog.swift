import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The simulator's default models: a realistic Pieces OS install.
///
/// Five local LLMs of 2–8 GB in every state (loaded, idle, not downloaded, downloading),
/// two cloud LLMs, and three internal non-LLM models. Ids are fixed so demos and tests can
/// name them.
public enum BuiltInCatalog {
    /// The models, in the order `GET /models` lists them.
    public static var models: [Model] {
        [
            local("6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b01", "Llama-3 8B Instruct (CPU)", "LLAMA_3_8B", .meta,
                  bytes: 4_920_000_000, ram: 6_100_000_000, state: .loaded, score: 41),
            local("6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02", "Phi-3 Mini 4K (CPU)", "PHI_3_MINI", .microsoft,
                  bytes: 2_280_000_000, ram: 3_000_000_000, state: .idle, score: 3),
            local("6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b03", "Granite 8B Code (GPU)", "GRANITE_8B", .ibm,
                  bytes: 4_600_000_000, ram: 5_800_000_000, state: .idle, score: 0),
            local("6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b04", "Mistral 7B Instruct (GPU)", "MISTRAL_7B", "MISTRAL",
                  bytes: 4_100_000_000, ram: 5_200_000_000, state: .notDownloaded, score: 0),
            local("6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b05", "Gemma 1.1 7B (CPU)", "GEMMA_1.1_7B", .google,
                  bytes: 5_400_000_000, ram: 6_800_000_000, state: .downloading, score: 0),
            cloud("6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b06", "GPT-4o", "GPT_LATEST", .openAI),
            cloud("6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b07", "Claude 3.5 Sonnet", "CLAUDE_3.5", .anthropic),
            internalModel("6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b08", "Pieces OCR", .ocr, nil,
                          bytes: 48_000_000, ram: 160_000_000),
            internalModel("6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b09", "Code Embeddings (UniXcoder)", .textEmbedding,
                          "UNIXCODER", bytes: 503_000_000, ram: 700_000_000),
            internalModel("6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b0a", "Code Description (T5)", .codeDescription,
                          "T5", bytes: 242_000_000, ram: 400_000_000),
        ]
    }

    private enum LocalState { case loaded, idle, notDownloaded, downloading }

    private static let created = GroupedTimestamp(
        value: Date(timeIntervalSince1970: 1_709_658_131.123), readable: "March 5, 2024", schema: .current)

    private static func local(
        _ id: String, _ name: String, _ foundation: ModelFoundationEnum, _ provider: ExternalMLProviderEnum,
        bytes: Int, ram: Int, state: LocalState, score: Int
    ) -> Model {
        var model = base(id, name, .codeConversation, foundation, cloud: false)
        model.provider = provider
        model.bytes = ByteDescriptor(value: bytes, schema: .current)
        model.ram = ByteDescriptor(value: ram, schema: .current)
        model.cpu = name.hasSuffix("(CPU)")
        model.quantization = "q4f16_1"
        model.downloaded = state == .loaded || state == .idle
        model.downloading = state == .downloading
        model.loaded = state == .loaded
        model.score = Score(manual: 0, automatic: score, schema: .current)
        model.maxTokens = ModelMaxTokens(total: 4096, input: 3072, output: 1024, schema: .current)
        return model
    }

    private static func cloud(
        _ id: String, _ name: String, _ foundation: ModelFoundationEnum, _ provider: ExternalMLProviderEnum
    ) -> Model {
        var model = base(id, name, .codeConversation, foundation, cloud: true)
        model.provider = provider
        model.loaded = false
        model.downloading = false
        model.maxTokens = ModelMaxTokens(total: 128_000, input: 124_000, output: 4000, schema: .current)
        model.capabilities = ModelCapabilities(assets: true, documents: true, images: true, schema: .current)
        return model
    }

    private static func internalModel(
        _ id: String, _ name: String, _ usage: ModelUsageEnum, _ foundation: ModelFoundationEnum?,
        bytes: Int, ram: Int
    ) -> Model {
        var model = base(id, name, usage, foundation, cloud: false)
        model.provider = .pieces
        model.bytes = ByteDescriptor(value: bytes, schema: .current)
        model.ram = ByteDescriptor(value: ram, schema: .current)
        model.downloaded = true
        model.downloading = false
        model.loaded = false
        return model
    }

    private static func base(
        _ id: String, _ name: String, _ usage: ModelUsageEnum, _ foundation: ModelFoundationEnum?, cloud: Bool
    ) -> Model {
        var model = Model(
            id: id, name: name, version: "1.0.0", cloud: cloud, created: created, type: .balanced, usage: usage)
        model.foundation = foundation
        model.custom = false
        model.denied = false
        model.schema = .current
        model.unique = name.lowercased().filter { $0.isLetter || $0.isNumber || $0 == " " }
            .split(separator: " ").joined(separator: "-")
        return model
    }
}
