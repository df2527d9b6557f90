import Foundation
import PiecesModels
import Testing
import WardenCore

@Suite("The status report")
struct StatusReportTests {
    static func model(
        _ id: String, cloud: Bool = false, usage: ModelUsageEnum = .codeConversation, downloaded: Bool? = true,
        downloading: Bool? = nil, loaded: Bool? = nil, bytes: Int? = nil, ram: Int? = nil
    ) -> Model {
        var model = Model(
            id: id, name: "Model \(id)", version: "1", cloud: cloud,
            created: GroupedTimestamp(value: Date(timeIntervalSince1970: 0)), type: .balanced, usage: usage)
        model.foundation = "LLAMA_3_8B"
        model.downloaded = downloaded
        model.downloading = downloading
        model.loaded = loaded
        model.bytes = bytes.map { ByteDescriptor(value: $0) }
        model.ram = ram.map { ByteDescriptor(value: $0) }
        return model
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// What the journal knows: "a" first seen 40 days ago and loaded 2 hours ago, "b" seen 3 days ago.
    static let usage: [String: ModelUsage] = {
        let known = SnapshotDiffTests.known([model("a"), model("b")])
        var usage: [String: ModelUsage] = [:]
        usage["a"] = known["a"].map { row in
            var row = row
            row.firstSeen = now.addingTimeInterval(-40 * 86_400)
            row.lastLoaded = now.addingTimeInterval(-2 * 3600)
            return row
        }
        usage["b"] = known["b"].map { row in
            var row = row
            row.firstSeen = now.addingTimeInterval(-3 * 86_400)
            return row
        }
        return usage
    }()

    static let snapshot = Models(iterable: [
        model("a", loaded: true, bytes: 4 << 30, ram: 6 << 30),
        model("b", bytes: 2 << 30, ram: 3 << 30),
        model("c", downloaded: false, downloading: true, bytes: 5 << 30),
        model("d", cloud: true, downloaded: nil),
        model("e", usage: .ocr, bytes: 50 << 20, ram: nil),
    ])

    @Test func sumsDiskOfDownloadedLocalModelsAndRAMOfLoadedOnes() {
        let totals = StatusReport(piecesURL: "http://127.0.0.1:39300", snapshot: Self.snapshot, at: Self.now).totals
        let disk: Int = (4 << 30) + (2 << 30) + (50 << 20)
        #expect(totals.models == 5)
        #expect(totals.llms == 4)
        #expect(totals.loaded == 1)
        #expect(totals.diskBytes == disk)
        #expect(totals.ramBytes == 6 << 30)
    }

    @Test func printsATableAPersonReadsAtAGlance() {
        let table = StatusReport(piecesURL: "http://127.0.0.1:39300", snapshot: Self.snapshot, usage: Self.usage, at: Self.now)
            .renderTable()
        #expect(table == """
            Pieces OS at http://127.0.0.1:39300: 5 models, 4 LLMs

            NAME     WHERE  LLM  DOWNLOADED             LOADED       DISK       RAM  FIRST SEEN  LAST USED
            Model a  local  yes  yes                    yes      4.00 GiB  6.00 GiB     40d ago     2h ago
            Model b  local  yes  yes                    no       2.00 GiB  3.00 GiB      3d ago     3d ago
            Model c  local  yes  downloading, 5.00 GiB  no              -         ?           -          -
            Model d  cloud  yes  -                      -               -         -           -          -
            Model e  local  no   yes                    no      50.00 MiB         ?           -          -

            On disk: 6.05 GiB (downloaded local models). In RAM: 6.00 GiB (1 loaded).

            """)
    }

    @Test func printsTheJSONContract() throws {
        let report = StatusReport(piecesURL: "http://127.0.0.1:39300", snapshot: Self.snapshot, usage: Self.usage, at: Self.now)
        let text = try JSONOutput.render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["pieces_url"] as? String == "http://127.0.0.1:39300")
        let models = try #require(object["models"] as? [[String: Any]])
        #expect(models.count == 5)
        for key in ["id", "name", "cloud", "llm", "downloaded", "downloading", "loaded", "bytes", "ram", "first_seen", "last_used"] {
            #expect(models.allSatisfy { $0.keys.contains(key) }, "every model has \(key)")
        }
        #expect(models[4]["ram"] is NSNull)
        #expect(models[2]["downloading"] as? Bool == true)
        #expect(models[0]["last_used"] as? String == "2027-01-15T06:00:00.000Z")
        #expect(models[2]["first_seen"] is NSNull)
        #expect((object["totals"] as? [String: Any])?["ram_bytes"] as? Int == 6 << 30)
    }
}
