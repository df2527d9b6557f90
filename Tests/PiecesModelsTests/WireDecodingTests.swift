import Foundation
import PiecesModels
import Testing

@Suite("Decoding the Models API as tolerantly as the official SDK")
struct WireDecodingTests {
    let snapshot: Models

    init() throws {
        snapshot = try Fixture.decode(Models.self, "snapshot-realistic")
    }

    @Test func decodesEveryModelOfARealisticSnapshot() {
        #expect(snapshot.iterable.map(\.name) == [
            "Llama-3 8B Instruct (CPU)", "Gemma 1.1 7B (GPU)", "Llama 4 Scout (new release)", "GPT-4o", "Pieces OCR",
        ])
        let llama = snapshot.iterable[0]
        #expect(llama.bytes == ByteDescriptor(value: 4_920_401_920, readable: "4.92 GB"))
        #expect(llama.foundation == "LLAMA_3_8B")
        #expect(llama.provider == .meta)
        #expect(llama.score == Score(manual: 2, automatic: 41, priority: 0, reference: 0, reuse: 3, searched: 0, update: 1))
        #expect(llama.maxTokens == ModelMaxTokens(total: 8192, input: 6144, output: 2048))
        #expect(llama.capabilities?.temporal == true)
        #expect(llama.loaded == true)
        #expect(snapshot.score == Score(manual: 0, automatic: 0))
    }

    @Test func keepsTheRawStringOfUnknownEnumValues() {
        let scout = snapshot.iterable[2]
        #expect(scout.type.rawValue == "QUALITY")
        #expect(scout.usage.rawValue == "CODE_AGENT")
        #expect(scout.foundation?.rawValue == "LLAMA_4_SCOUT")
        #expect(scout.provider?.rawValue == "MISTRAL_AI")
        #expect(scout.bytes?.schema?.semantic.rawValue == "MAJOR_1_MINOR_2_PATCH_0")
        #expect(!scout.type.isKnown)
        #expect(!scout.usage.isKnown)
        #expect(scout.foundation?.isKnown == false)
        #expect(scout.provider?.isKnown == false)
        #expect(snapshot.iterable[0].usage.isKnown)
    }

    @Test func decodesDottedAndLowerCaseRawValuesExactly() throws {
        #expect(ModelFoundationEnum("GEMMA_1.1_7B").isKnown)
        #expect(ModelFoundationEnum("MIXTRAL_8_x_7B").isKnown)
        #expect(!ModelFoundationEnum("MIXTRAL_8_X_7B").isKnown)
        #expect(snapshot.iterable[1].foundation?.rawValue == "GEMMA_1.1_7B")
    }

    @Test func ignoresUnknownKeysAtEveryLevel() {
        // "indices" at the top, "telemetryBucket" and "runtime" in a model, "extra" in the output.
        #expect(snapshot.iterable[1].name == "Gemma 1.1 7B (GPU)")
        #expect(throws: Never.self) { try Fixture.decode(ModelDeleteCacheOutput.self, "delete-cache-output") }
    }

    @Test func treatsNullAndAbsentOptionalsAlike() throws {
        let gemma = snapshot.iterable[1]
        #expect(gemma.ram == nil)  // null
        #expect(gemma.description == nil)  // null
        #expect(gemma.loaded == nil)  // null
        #expect(gemma.score == nil)  // absent
        let scout = snapshot.iterable[2]
        #expect(scout.maxTokens == ModelMaxTokens(total: 10_000_000.5))
        let minimal = try Fixture.decode(Model.self, "model-minimal")
        #expect(minimal.bytes == nil && minimal.foundation == nil && minimal.downloaded == nil)
    }

    @Test func keepsAnOrganizationReferenceVerbatim() throws {
        let organization = try #require(snapshot.iterable[1].organization)
        #expect(organization.id == "org-42")
        guard case .object(let reference) = organization.reference else {
            Issue.record("the reference is not an object: \(String(describing: organization.reference))")
            return
        }
        #expect(reference["name"] == .string("Acme Platform Team"))
    }

    @Test func parsesTimestampsWithMillisecondsMicrosecondsOffsetsAndNoFraction() {
        let created = snapshot.iterable.map { $0.created.value.timeIntervalSince1970 }
        #expect(abs(created[0] - 1_714_641_267.512) < 1e-6)  // .512Z
        #expect(abs(created[1] - 1_718_139_835.123456) < 1e-6)  // .123456Z
        #expect(created[2] == 1_737_360_000)  // no fraction
        #expect(created[3] == 1_701_342_000)  // +01:00
        #expect(created[4] == 1_693_563_630.5)  // one digit
    }

    @Test(arguments: [
        (#"{"iterable": [{"id": 1}]}"#, "iterable[0].id"),
        (#"{"iterable": [{"id": "x", "name": "n", "version": "1", "cloud": "no"}]}"#, "iterable[0].cloud"),
        (#"{"iterable": [{"id": "x", "name": "n", "version": "1", "cloud": false, "created": {"value": "yesterday"}, "type": "UNKNOWN", "usage": "UNKNOWN"}]}"#, "iterable[0].created.value"),
        (#"{"models": []}"#, "iterable"),
    ])
    func reportsWhereDecodingFailed(json: String, location: String) throws {
        do {
            _ = try JSONDecoder().decode(Models.self, from: Data(json.utf8))
            Issue.record("decoded \(json)")
        } catch let error as DecodingError {
            #expect(DecodingFailure.describe(error).location == location)
        }
    }
}

@Suite("Decoding only which models are loaded")
struct LoadStatesDecodingTests {
    @Test func agreesWithTheWholeSnapshot() throws {
        let data = try Fixture.data("snapshot-realistic")
        let whole = try JSONDecoder().decode(Models.self, from: data)
        let states = try JSONDecoder().decode(LoadStates.self, from: data)
        #expect(states.iterable.map(\.id) == whole.iterable.map(\.id))
        #expect(states.loadedIDs == whole.iterable.filter { $0.loaded == true }.map(\.id))
        #expect(!states.loadedIDs.isEmpty)
    }

    @Test(arguments: [
        (#"{"iterable": [{"id": "a"}, {"id": "b", "loaded": true}, {"id": "c", "loaded": false}]}"#, ["b"]),
        (#"{"iterable": []}"#, []),
    ])
    func readsLoadedOnlyWhenTrue(json: String, loaded: [String]) throws {
        #expect(try JSONDecoder().decode(LoadStates.self, from: Data(json.utf8)).loadedIDs == loaded)
    }

    @Test(arguments: [#"{"models": []}"#, #"{"iterable": [{"loaded": true}]}"#, #"{"iterable": [{"id": "a", "loaded": "yes"}]}"#])
    func refusesWhatTheWholeSnapshotRefuses(json: String) {
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(LoadStates.self, from: Data(json.utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Models.self, from: Data(json.utf8)) }
    }
}
