#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Models {
    /// The snapshot `data` holds when it is plain JSON (see ``PlainJSONReader``), equal to what
    /// JSONDecoder makes of it; nil otherwise, and the caller decodes it with JSONDecoder.
    public init?(plainJSON data: Data) {
        guard let models = PlainJSONReader.whole(data, { $0.models() }) else { return nil }
        self = models
    }
}

extension Model {
    /// The model `data` holds when it is plain JSON, as ``Models/init(plainJSON:)``.
    public init?(plainJSON data: Data) {
        guard let model = PlainJSONReader.whole(data, { $0.model() }) else { return nil }
        self = model
    }
}

extension PlainJSONReader {
    /// What `read` makes of `data`, which it must read to the end.
    static func whole<Value>(_ data: Data, _ read: (inout PlainJSONReader) -> Value?) -> Value? {
        data.withUnsafeBytes { buffer in
            var reader = PlainJSONReader(bytes: buffer)
            guard let value = read(&reader), reader.atEnd() else { return nil }
            return value
        }
    }

    /// Reads a value `decode(_:forKey:)` requires into `slot`.
    mutating func required<Value>(_ slot: inout Value?, _ parse: (inout PlainJSONReader) -> Value?) -> Bool {
        guard let value = parse(&self) else { return false }
        slot = value
        return true
    }

    /// Reads a value `decodeIfPresent(_:forKey:)` (or a ``Lenient`` value) reads into `slot`;
    /// null leaves it nil.
    mutating func optional<Value>(_ slot: inout Value?, _ parse: (inout PlainJSONReader) -> Value?) -> Bool {
        guard let value = orNull(parse) else { return false }
        slot = value
        return true
    }

    /// `Models`: at most ``Models/maximumCount`` models, a schema, a score.
    mutating func models() -> Models? {
        var iterable: [Model]?
        var schema: EmbeddedModelSchema?
        var score: Score?
        let read = members { reader, key in
            switch key {
            case "iterable":
                var list: [Model] = []
                let listed = reader.elements { reader in
                    guard list.count < Models.maximumCount, let model = reader.model() else { return false }
                    list.append(model)
                    return true
                }
                iterable = list
                return listed
            case "schema": return reader.optional(&schema) { $0.schema() }
            case "score": return reader.optional(&score) { $0.score() }
            default: return reader.skipValue()
            }
        }
        guard read, let iterable else { return nil }
        return Models(iterable: iterable, schema: schema, score: score)
    }

    /// `Model`: its own fields and its seed's, in one object.
    mutating func model() -> Model? {
        var id: String?, downloading: Bool?, loaded: Bool?, score: Score?
        var name: String?, version: String?, cloud: Bool?, created: GroupedTimestamp?
        var type: ModelTypeEnum?, usage: ModelUsageEnum?
        var seed = SeededModel(name: "", version: "", cloud: false, created: GroupedTimestamp(value: Date(timeIntervalSince1970: 0)), type: .unknown, usage: .unknown)
        let read = members { reader, key in
            switch key {
            case "id": return reader.required(&id) { $0.string() }
            case "downloading": return reader.optional(&downloading) { $0.bool() }
            case "loaded": return reader.optional(&loaded) { $0.bool() }
            case "score": return reader.optional(&score) { $0.score() }
            case "name": return reader.required(&name) { $0.string() }
            case "version": return reader.required(&version) { $0.string() }
            case "cloud": return reader.required(&cloud) { $0.bool() }
            case "created": return reader.required(&created) { $0.timestamp() }
            case "type": return reader.required(&type) { $0.string().map(ModelTypeEnum.init(rawValue:)) }
            case "usage": return reader.required(&usage) { $0.string().map(ModelUsageEnum.init(rawValue:)) }
            default: return reader.seedField(key, of: &seed)
            }
        }
        guard read, let id, let name, let version, let cloud, let created, let type, let usage else { return nil }
        seed.name = name
        seed.version = version
        seed.cloud = cloud
        seed.created = created
        seed.type = type
        seed.usage = usage
        return Model(id: id, seed: seed, downloading: downloading, loaded: loaded, score: score)
    }

    /// Reads the optional seed field `key` into `seed`; a key the seed does not have is skipped.
    private mutating func seedField(_ key: PlainKey, of seed: inout SeededModel) -> Bool {
        switch key {
        case "bytes": return optional(&seed.bytes) { $0.byteDescriptor() }
        case "ram": return optional(&seed.ram) { $0.byteDescriptor() }
        case "capabilities": return optional(&seed.capabilities) { $0.capabilities() }
        case "cpu": return optional(&seed.cpu) { $0.bool() }
        case "custom": return optional(&seed.custom) { $0.bool() }
        case "denied": return optional(&seed.denied) { $0.bool() }
        case "description": return optional(&seed.description) { $0.string() }
        case "downloaded": return optional(&seed.downloaded) { $0.bool() }
        case "foundation": return optional(&seed.foundation) { $0.string().map(ModelFoundationEnum.init(rawValue:)) }
        case "maxTokens": return optional(&seed.maxTokens) { $0.maxTokens() }
        case "organization": return optional(&seed.organization) { $0.organization() }
        case "parameters": return optional(&seed.parameters) { $0.double() }
        case "provider": return optional(&seed.provider) { $0.string().map(ExternalMLProviderEnum.init(rawValue:)) }
        case "quantization": return optional(&seed.quantization) { $0.string() }
        case "schema": return optional(&seed.schema) { $0.schema() }
        case "unique": return optional(&seed.unique) { $0.string() }
        default: return skipValue()
        }
    }
}
