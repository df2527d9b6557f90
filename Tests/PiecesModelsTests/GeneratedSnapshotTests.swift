import Foundation
import PiecesModels
import Testing

@Suite("A generated 10,000-model snapshot")
struct GeneratedSnapshotTests {
    /// A snapshot of `count` models, cycling through the shapes real payloads have.
    static func generate(count: Int) -> Data {
        let foundations = ["LLAMA_3_8B", "PHI_3_MINI", "GEMMA_1.1_7B", "MIXTRAL_8_x_7B", "T5", "FUTURE_FAMILY_9B"]
        let stamps = ["2024-03-05T17:02:11.123Z", "2024-03-05T17:02:11.123456Z", "2024-03-05T17:02:11Z"]
        var text = #"{"iterable":["#
        for index in 0..<count {
            if index > 0 { text += "," }
            let downloaded = index % 3 == 0 ? "null" : (index % 2 == 0 ? "true" : "false")
            text += """
                {"id":"model-\(index)","name":"Model \(index)","version":"1.\(index % 7)","cloud":\(index % 10 == 0),\
                "created":{"value":"\(stamps[index % 3])"},"type":"\(index % 11 == 0 ? "NEW_TYPE" : "BALANCED")",\
                "usage":"\(index % 4 == 0 ? "OCR" : "CODE_CONVERSATION")","foundation":"\(foundations[index % 6])",\
                "bytes":{"value":\(1_000_000_000 + index),"readable":"1 GB"},"downloaded":\(downloaded),\
                "score":{"manual":\(index % 5),"automatic":\(index)},"futureField":{"nested":[1,2,3]}}
                """
        }
        return Data((text + "]}").utf8)
    }

    @Test func decodesEveryModel() throws {
        let snapshot = try JSONDecoder().decode(Models.self, from: Self.generate(count: 10_000))
        #expect(snapshot.iterable.count == 10_000)
        #expect(snapshot.iterable[9_999].id == "model-9999")
        #expect(snapshot.iterable[9_999].bytes?.value == 1_000_009_999)
        #expect(snapshot.iterable.filter(\.cloud).count == 1_000)
        #expect(snapshot.iterable[5].foundation?.rawValue == "FUTURE_FAMILY_9B")
        #expect(snapshot.iterable.filter { $0.downloaded == nil }.count == 3_334)
        #expect(snapshot.iterable.filter { !$0.type.isKnown }.count == 910)
    }
}
