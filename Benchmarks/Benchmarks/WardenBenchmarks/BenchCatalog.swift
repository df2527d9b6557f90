import Foundation
import PiecesModels

/// One model of the benchmark catalog, as `script/bench-catalog` writes it: every tenth model
/// is in turn loaded (the first only), not downloaded, downloading, a cloud LLM and an OCR
/// model; the rest are local LLMs with their cache on disk and no use.
struct BenchCatalogEntry {
    /// What the model is, by its place in the catalog.
    enum Kind { case loaded, idle, notDownloaded, downloading, cloud, internalOCR }

    let index: Int
    let kind: Kind

    init(_ index: Int) {
        self.index = index
        let kinds: [Kind] = [.loaded, .idle, .idle, .notDownloaded, .idle, .downloading, .idle, .cloud, .idle, .internalOCR]
        let kind = kinds[index % 10]
        self.kind = index == 0 ? .loaded : (kind == .loaded ? .idle : kind)
    }

    var cloud: Bool { kind == .cloud }
    var size: Int { 2_000_000_000 + (index * 7_919_000) % 6_000_000_000 }
    var id: String { "8d2ae6c9-47b8-4a8e-\(Self.hex(index % 0x10000, 4))-\(Self.hex(index, 12))" }
    var name: String { "Bench model \(index) (\(index % 2 == 1 ? "GPU" : "CPU"))" }
    var version: String { "3.0.\(index % 9)" }
    var millisecond: Int { index % 1000 }
    var usage: String { kind == .internalOCR ? "OCR" : "CODE_CONVERSATION" }
    var foundation: String { ["LLAMA_3_8B", "PHI_3_MINI", "GEMMA_1.1_7B", "MISTRAL_7B", "GRANITE_8B"][index % 5] }
    var downloaded: Bool { [.loaded, .idle, .internalOCR].contains(kind) }
    var unique: String { "bench-\(index)-q4f16_1-MLC" }

    /// `size` in decimal gigabytes with two decimals, as Pieces OS writes `readable`.
    static func gigabytes(_ bytes: Double) -> String { String(format: "%.2f GB", bytes / 1e9) }

    /// `value` in lower-case hexadecimal, zero-padded to `width` digits.
    static func hex(_ value: Int, _ width: Int) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The model, built in code: no decoding, so any count is possible.
    var model: Model {
        let created = GroupedTimestamp(
            value: Date(timeIntervalSince1970: 1_714_641_267 + Double(millisecond) / 1000), readable: "May 2, 2024",
            schema: nil)
        var model = Model(
            id: id, name: name, version: version, cloud: cloud, created: created, type: .balanced,
            usage: ModelUsageEnum(rawValue: usage))
        model.schema = EmbeddedModelSchema()
        if !cloud {
            model.bytes = ByteDescriptor(value: size, readable: Self.gigabytes(Double(size)))
            model.ram = ByteDescriptor(value: size + 1_000_000_000, readable: Self.gigabytes(Double(size) + 1e9))
        }
        model.custom = false
        model.foundation = ModelFoundationEnum(rawValue: foundation)
        model.downloaded = downloaded
        model.loaded = kind == .loaded
        model.unique = unique
        model.provider = .meta
        model.cpu = index % 2 == 0
        model.quantization = "q4f16_1"
        model.downloading = kind == .downloading
        model.maxTokens = ModelMaxTokens(total: 8192, input: 6144, output: 2048)
        model.score = Score(manual: 0, automatic: 0)
        return model
    }
}

/// The catalog of `count` models.
enum BenchCatalog {
    /// The snapshot of `count` models, built in code.
    static func models(count: Int) -> Models {
        Models(iterable: (0..<count).map { BenchCatalogEntry($0).model })
    }
}
