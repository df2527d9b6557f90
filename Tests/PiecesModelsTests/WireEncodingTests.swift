import Foundation
import PiecesModels
import Testing

@Suite("Encoding and round trips")
struct WireEncodingTests {
    @Test(arguments: ["snapshot-realistic"])
    func snapshotsRoundTrip(fixture: String) throws {
        let decoded = try Fixture.decode(Models.self, fixture)
        let again = try JSONDecoder().decode(Models.self, from: JSONEncoder().encode(decoded))
        #expect(again == decoded)
    }

    @Test func modelsAndSeedsRoundTrip() throws {
        let minimal = try Fixture.decode(Model.self, "model-minimal")
        #expect(try JSONDecoder().decode(Model.self, from: JSONEncoder().encode(minimal)) == minimal)
        let seed = try Fixture.decode(SeededModel.self, "seeded-model")
        #expect(try JSONDecoder().decode(SeededModel.self, from: JSONEncoder().encode(seed)) == seed)
        let output = try Fixture.decode(ModelDeleteCacheOutput.self, "delete-cache-output")
        #expect(try JSONDecoder().decode(ModelDeleteCacheOutput.self, from: JSONEncoder().encode(output)) == output)
    }

    @Test func writesTheWireKeysAndLeavesAbsentOptionalsOut() throws {
        let minimal = try Fixture.decode(Model.self, "model-minimal")
        let keys = try Fixture.keyPaths(of: JSONEncoder().encode(minimal))
        #expect(keys == ["id", "name", "version", "cloud", "created", "created.value", "type", "usage"])

        let snapshot = try Fixture.decode(Models.self, "snapshot-realistic")
        let encoded = try JSONEncoder().encode(snapshot)
        let encodedKeys = try Fixture.keyPaths(of: encoded)
        #expect(encodedKeys.contains("iterable[].maxTokens.total"))
        #expect(!encodedKeys.contains { $0.contains("max_tokens") || $0.contains("telemetryBucket") })
        #expect(!String(decoding: encoded, as: UTF8.self).contains("null"))
    }

    @Test func keepsUnknownEnumValuesWhenWritingBack() throws {
        let snapshot = try Fixture.decode(Models.self, "snapshot-realistic")
        let text = String(decoding: try JSONEncoder().encode(snapshot.iterable[2]), as: UTF8.self)
        for raw in ["QUALITY", "CODE_AGENT", "LLAMA_4_SCOUT", "MISTRAL_AI"] {
            #expect(text.contains("\"\(raw)\""))
        }
    }

    @Test func writesTimestampsWithMillisecondsOrMicroseconds() throws {
        let snapshot = try Fixture.decode(Models.self, "snapshot-realistic")
        let values = try snapshot.iterable.map { model in
            let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(model.created)) as? [String: Any]
            return object?["value"] as? String
        }
        #expect(values == [
            "2024-05-02T09:14:27.512Z", "2024-06-11T21:03:55.123456Z", "2025-01-20T08:00:00.000Z",
            "2023-11-30T11:00:00.000Z", "2023-09-01T10:20:30.500Z",
        ])
    }

    @Test func aModelIsItsSeedPlusTheFieldsPiecesOSAssigns() throws {
        let seed = try Fixture.decode(SeededModel.self, "seeded-model")
        var model = Model(id: "new-id", seed: seed, downloading: false, loaded: true, score: Score(manual: 1, automatic: 2))
        let encoded = try JSONEncoder().encode(model)
        let keys = try Fixture.keyPaths(of: encoded).filter { !$0.contains(".") }
        let seedKeys = try Fixture.keyPaths(of: JSONEncoder().encode(seed)).filter { !$0.contains(".") }
        #expect(keys == seedKeys.union(["id", "downloading", "loaded", "score"]))
        #expect(try JSONDecoder().decode(Model.self, from: encoded) == model)

        model.downloaded = false  // the seed's fields read and write through the model
        #expect(model.seed.downloaded == false && model.name == seed.name)
    }
}
