import Foundation

extension BenchCatalogEntry {
    /// The model as one JSON object, field for field what `script/bench-catalog` writes
    /// (about 650 bytes), so that decoding pays for what a real answer carries.
    var json: String {
        let stamp = "{\"value\":\"2024-05-02T09:14:27.\(Self.padded(millisecond, 3))Z\",\"readable\":\"May 2, 2024\"}"
        let bytes = cloud ? "null" : "{\"value\":\(size),\"readable\":\"\(Self.gigabytes(Double(size)))\"}"
        let ram = cloud ? "null" : "{\"value\":\(size + 1_000_000_000),\"readable\":\"\(Self.gigabytes(Double(size) + 1e9))\"}"
        let fields = [
            "\"schema\":{\"migration\":0,\"semantic\":\"MAJOR_0_MINOR_0_PATCH_1\"}",
            "\"id\":\"\(id)\"",
            "\"version\":\"\(version)\"",
            "\"created\":\(stamp)",
            "\"name\":\"\(name)\"",
            "\"cloud\":\(cloud)",
            "\"type\":\"BALANCED\"",
            "\"usage\":\"\(usage)\"",
            "\"bytes\":\(bytes)",
            "\"ram\":\(ram)",
            "\"custom\":false",
            "\"foundation\":\"\(foundation)\"",
            "\"downloaded\":\(downloaded)",
            "\"loaded\":\(kind == .loaded)",
            "\"unique\":\"\(unique)\"",
            "\"provider\":\"META\"",
            "\"cpu\":\(index % 2 == 0)",
            "\"quantization\":\"q4f16_1\"",
            "\"downloading\":\(kind == .downloading)",
            "\"maxTokens\":{\"total\":8192,\"input\":6144,\"output\":2048}",
            "\"score\":{\"manual\":0,\"automatic\":0}",
        ]
        return "{" + fields.joined(separator: ",") + "}"
    }

    /// `value` in decimal, zero-padded to `width` digits.
    static func padded(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

extension BenchCatalog {
    /// The `GET /models` body of `count` models, byte for byte what `script/bench-catalog count`
    /// prints.
    static func body(count: Int) -> Data {
        let text = "{\"iterable\":[" + (0..<count).map { BenchCatalogEntry($0).json }.joined(separator: ",") + "]}"
        return Data(text.utf8)
    }
}
