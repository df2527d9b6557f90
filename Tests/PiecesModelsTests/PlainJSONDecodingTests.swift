import Foundation
import ModelsSimulator
import PiecesModels
import Testing

/// The snapshot's fast path must give exactly what JSONDecoder gives, or nothing: then the
/// caller falls back to JSONDecoder, whose errors and lenient readings stay the reference.
@Suite("Plain-JSON snapshot decoding")
struct PlainJSONDecodingTests {
    /// What JSONDecoder makes of `data`, nil when it refuses it.
    static func reference(_ data: Data) -> Models? { try? JSONDecoder().decode(Models.self, from: data) }

    /// A model with every field set, so that every reader of the fast path is used.
    static var everyField: Model {
        var model = Model(
            id: "m/1", name: "Everything \"quoted\" é 😀", version: "1.0", cloud: false,
            created: GroupedTimestamp(value: Date(timeIntervalSince1970: 1_714_641_267.5), readable: "May 2", schema: .current),
            type: .balanced, usage: "FUTURE_USAGE")
        model.downloading = false
        model.loaded = true
        model.score = Score(manual: 2, automatic: 41, priority: 0, reference: -3, reuse: 3, searched: 9, update: 1, schema: .current)
        model.bytes = ByteDescriptor(value: 4_920_401_920, readable: "4.92 GB", schema: .current)
        model.ram = ByteDescriptor(value: 0)
        model.capabilities = ModelCapabilities(assets: true, codebases: false, images: nil, temporal: true, schema: .current)
        model.cpu = true
        model.custom = false
        model.denied = false
        model.description = "Line one\nline two\ttab / slash \\ backslash \u{1}"
        model.downloaded = true
        model.foundation = "LLAMA_3_8B"
        model.maxTokens = ModelMaxTokens(total: 8192, input: 6144.5, output: nil, schema: .current)
        model.organization = OrganizationReference(
            id: "org", reference: .object(["n": .number(1.25), "list": .array([.null, .bool(true), .string("x")])]))
        model.parameters = 8.5
        model.provider = "META"
        model.quantization = "q4f16_1"
        model.schema = .current
        model.unique = "unique-name"
        return model
    }

    static func body(_ source: String) throws -> Data {
        switch source {
        case "realistic fixture": return try Fixture.data("snapshot-realistic")
        case "generated 500": return GeneratedSnapshotTests.generate(count: 500)
        case "built-in catalog": return try JSONEncoder().encode(Models(iterable: BuiltInCatalog.models, schema: .current))
        default: return try JSONEncoder().encode(Models(iterable: [everyField, Model(id: "b", name: "B", version: "2", cloud: true, created: GroupedTimestamp(value: Date(timeIntervalSince1970: 0)), type: .speed, usage: .unknown)], score: Score()))
        }
    }

    @Test(arguments: ["realistic fixture", "generated 500", "built-in catalog", "every field"])
    func readsAPlainSnapshotAsJSONDecoderDoes(_ source: String) throws {
        let data = try Self.body(source)
        let fast = try #require(Models(plainJSON: data))
        #expect(fast == Self.reference(data))
    }

    @Test func readsOneModelAsJSONDecoderDoes() throws {
        let data = try JSONEncoder().encode(Self.everyField)
        #expect(try #require(Model(plainJSON: data)) == JSONDecoder().decode(Model.self, from: data))
        let minimal = try Fixture.data("model-minimal")
        #expect(try #require(Model(plainJSON: minimal)) == JSONDecoder().decode(Model.self, from: minimal))
    }

    static let model = #""id":"a","name":"A","version":"1","cloud":false,"created":{"value":"2024-05-02T09:14:27Z"},"type":"SPEED","usage":"OCR""#

    @Test(arguments: [
        #" {"iterable" : [ { \#(model) } ] , "future" : {"a":[1,2.5,"\u00e9\ud83d\ude00",{"b":null}]} } "#,
        #"{"iterable":[{\#(model),"bytes":null,"score":null,"organization":{"id":"o","reference":null},"maxTokens":{"total":4096}}]}"#,
        #"{"iterable":[{\#(model),"description":"\"\\\/\b\f\n\r\t\u0041"}],"schema":null}"#,
        #"{"iterable":[]}"#,
        #"{"iterable":[{\#(model),"future":{\#(Self.keys(64))}}]}"#,
        #"{"iterable":[{\#(model),"":{"":[]}}]}"#,
    ])
    func readsEscapesNullsAndUnknownKeysAsJSONDecoderDoes(_ json: String) throws {
        let data = Data(json.utf8)
        let fast = try #require(Models(plainJSON: data))
        #expect(fast == Self.reference(data))
    }

    @Test(arguments: [
        (#"{"iterable":[{\#(model)}],"iterable":[]}"#, "a duplicate key"),
        (#"{"iterable":[{\#(model),"future":{"k":1,"k":2}}]}"#, "a duplicate key in a value not read"),
        (#"{"iterable":[{\#(model),"parameters":1e3}]}"#, "an exponent"),
        (#"{"iterable":[{\#(model),"parameters":-0}]}"#, "a negative zero"),
        (#"{"iterable":[{\#(model),"parameters":01}]}"#, "a leading zero"),
        (#"{"iterable":[{\#(model),"parameters":0.\#(String(repeating: "0", count: 330))1}]}"#, "a number too small to tell from zero"),
        (#"{"iterable":[{\#(model),"organization":{"id":"o","reference":[0.\#(String(repeating: "0", count: 330))1]}}]}"#, "the same in any value"),
        (#"{"iterable":[{\#(model),"bytes":{"value":-1,"readable":"-1"}}]}"#, "a negative size (a lenient rejection)"),
        (#"{"iterable":[{\#(model),"bytes":{"value":99999999999999999999,"readable":"huge"}}]}"#, "a size beyond 64 bits"),
        (#"{"iterable":[{\#(model),"cpu":1}]}"#, "a number for a boolean"),
        (#"{"iterable":[{\#(model),"name":"B"}]}"#, "a second name"),
        (#"{"iterable":[{"id":"a"}]}"#, "missing required keys"),
        (#"{"iterable":[{\#(model),"description":"\u0000"}]}"#, "an escaped NUL"),
        (#"{"iterable":[{\#(model),"description":"\ud800"}]}"#, "a lone surrogate"),
        (#"{"iterable":[{\#(model),"description":"\x"}]}"#, "an unknown escape"),
        ("{\"iterable\":[{\(model),\"description\":\"\t\"}]}", "a raw control character"),
        (#"{"iterable":[{\#(model)}]} x"#, "trailing bytes"),
        ("\u{FEFF}{\"iterable\":[]}", "a byte order mark"),
        (#"{"iterable":[{\#(model),"created":{"value":"yesterday"}}]}"#, "a date that is not RFC 3339"),
        (#"{"schema":{"migration":0,"semantic":"X"}}"#, "no iterable"),
        (#"{"iterable":[{\#(model),"future":\#(String(repeating: "[", count: 70))\#(String(repeating: "]", count: 70))}]}"#, "deep nesting"),
        (#"{"iterable":[{\#(model),"\u0066uture":1}]}"#, "an escaped key"),
        (#"{"iterable":[{\#(model),"clé":1}]}"#, "a key beyond ASCII"),
        ("{\"iterable\":[{\(model),\"del\u{7F}\":1}]}", "a key with DEL"),
        (#"{"iterable":[{\#(model),"":1,"":2}]}"#, "a duplicate empty key"),
        (#"{"iterable":[{\#(model),"future":{\#(keys(65))}}]}"#, "an object of too many keys"),
    ])
    func leavesAnOddAnswerToJSONDecoder(_ json: String, _ why: String) {
        #expect(Models(plainJSON: Data(json.utf8)) == nil, "\(why)")
    }

    /// `count` distinct members, `"k0":0,"k1":1,…`: the fast path reads objects of up to 64 keys.
    static func keys(_ count: Int) -> String { (0..<count).map { #""k\#($0)":\#($0)"# }.joined(separator: ",") }

    @Test func leavesInvalidUTF8ToJSONDecoder() {
        var bytes = Array(#"{"iterable":[{\#(Self.model),"description":"#.utf8)
        bytes += [0x22, 0xC3, 0x28, 0x22, 0x7D, 0x5D, 0x7D]
        #expect(Models(plainJSON: Data(bytes)) == nil)
    }

    /// Thousands of corrupted bodies: whenever the fast path answers, JSONDecoder gives the same.
    @Test func neverDisagreesWithJSONDecoderOnCorruptedBodies() throws {
        let original = Array(try Self.body("every field"))
        let tokens: [[UInt8]] = ["\"", "\\", "{", "}", "[", "]", ",", ":", "0", "7", "-", "e", ".", "n", "t", " ", "null", "1e5", "\\u0000", "\"k\":1,"]
            .map { Array($0.utf8) } + [[0x00], [0xFF], [0xC3]]
        var random = SeededRandom(seed: 20_261_202)
        var answered = 0
        for _ in 0..<4_000 {
            var bytes = original
            for _ in 0...random.next(below: 2) {
                let at = random.next(below: bytes.count)
                switch random.next(below: 3) {
                case 0: bytes.replaceSubrange(at..<(at + 1), with: tokens[random.next(below: tokens.count)])
                case 1: bytes.remove(at: at)
                default: bytes.insert(contentsOf: tokens[random.next(below: tokens.count)], at: at)
                }
            }
            let data = Data(bytes)
            guard let fast = Models(plainJSON: data) else { continue }
            answered += 1
            #expect(fast == Self.reference(data), "\(String(decoding: bytes, as: UTF8.self))")
        }
        // Changes inside strings and numbers keep many bodies plain: the check is not empty.
        #expect(answered > 200)
    }
}

/// SplitMix64: the same corruptions on every run.
struct SeededRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
