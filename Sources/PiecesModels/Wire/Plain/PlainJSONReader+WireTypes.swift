extension PlainJSONReader {
    /// `EmbeddedModelSchema`: both fields required.
    mutating func schema() -> EmbeddedModelSchema? {
        var migration: Int?
        var semantic: EmbeddedModelSchema.SemanticVersion?
        let read = members { reader, key in
            switch key {
            case "migration": return reader.required(&migration) { $0.int() }
            case "semantic": return reader.required(&semantic) { $0.string().map(EmbeddedModelSchema.SemanticVersion.init(rawValue:)) }
            default: return reader.skipValue()
            }
        }
        guard read, let migration, let semantic else { return nil }
        return EmbeddedModelSchema(migration: migration, semantic: semantic)
    }

    /// `Score`: `manual` and `automatic` required.
    mutating func score() -> Score? {
        var manual: Int?, automatic: Int?
        var score = Score()
        let read = members { reader, key in
            switch key {
            case "manual": return reader.required(&manual) { $0.int() }
            case "automatic": return reader.required(&automatic) { $0.int() }
            case "priority": return reader.optional(&score.priority) { $0.int() }
            case "reference": return reader.optional(&score.reference) { $0.int() }
            case "reuse": return reader.optional(&score.reuse) { $0.int() }
            case "searched": return reader.optional(&score.searched) { $0.int() }
            case "update": return reader.optional(&score.update) { $0.int() }
            case "schema": return reader.optional(&score.schema) { $0.schema() }
            default: return reader.skipValue()
            }
        }
        guard read, let manual, let automatic else { return nil }
        score.manual = manual
        score.automatic = automatic
        return score
    }

    /// `ByteDescriptor`: a size that is not negative, and its text.
    mutating func byteDescriptor() -> ByteDescriptor? {
        var value: Int?, readable: String?, schema: EmbeddedModelSchema?
        let read = members { reader, key in
            switch key {
            case "value": return reader.required(&value) { $0.int() }
            case "readable": return reader.required(&readable) { $0.string() }
            case "schema": return reader.optional(&schema) { $0.schema() }
            default: return reader.skipValue()
            }
        }
        // A negative size is JSONDecoder's to reject, with its message.
        guard read, let value, value >= 0, let readable else { return nil }
        return ByteDescriptor(value: value, readable: readable, schema: schema)
    }

    /// `GroupedTimestamp`: an RFC 3339 date-time.
    mutating func timestamp() -> GroupedTimestamp? {
        var value: String?, readable: String?, schema: EmbeddedModelSchema?
        let read = members { reader, key in
            switch key {
            case "value": return reader.required(&value) { $0.string() }
            case "readable": return reader.optional(&readable) { $0.string() }
            case "schema": return reader.optional(&schema) { $0.schema() }
            default: return reader.skipValue()
            }
        }
        guard read, let date = value.flatMap(RFC3339.parse) else { return nil }
        return GroupedTimestamp(value: date, readable: readable, schema: schema)
    }

    /// `ModelCapabilities`: every field optional.
    mutating func capabilities() -> ModelCapabilities? {
        var capabilities = ModelCapabilities()
        let read = members { reader, key in
            switch key {
            case "assets": return reader.optional(&capabilities.assets) { $0.bool() }
            case "codebases": return reader.optional(&capabilities.codebases) { $0.bool() }
            case "documents": return reader.optional(&capabilities.documents) { $0.bool() }
            case "images": return reader.optional(&capabilities.images) { $0.bool() }
            case "temporal": return reader.optional(&capabilities.temporal) { $0.bool() }
            case "videos": return reader.optional(&capabilities.videos) { $0.bool() }
            case "websites": return reader.optional(&capabilities.websites) { $0.bool() }
            case "schema": return reader.optional(&capabilities.schema) { $0.schema() }
            default: return reader.skipValue()
            }
        }
        return read ? capabilities : nil
    }

    /// `ModelMaxTokens`: every field optional.
    mutating func maxTokens() -> ModelMaxTokens? {
        var tokens = ModelMaxTokens()
        let read = members { reader, key in
            switch key {
            case "total": return reader.optional(&tokens.total) { $0.double() }
            case "input": return reader.optional(&tokens.input) { $0.double() }
            case "output": return reader.optional(&tokens.output) { $0.double() }
            case "schema": return reader.optional(&tokens.schema) { $0.schema() }
            default: return reader.skipValue()
            }
        }
        return read ? tokens : nil
    }

    /// `OrganizationReference`: an id, and a free-form reference.
    mutating func organization() -> OrganizationReference? {
        var id: String?, reference: JSONValue?, schema: EmbeddedModelSchema?
        let read = members { reader, key in
            switch key {
            case "id": return reader.required(&id) { $0.string() }
            case "reference": return reader.optional(&reference) { $0.jsonValue() }
            case "schema": return reader.optional(&schema) { $0.schema() }
            default: return reader.skipValue()
            }
        }
        guard read, let id else { return nil }
        return OrganizationReference(id: id, reference: reference, schema: schema)
    }
}
