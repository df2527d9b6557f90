import PiecesModels
import Yams

/// `policy show`: the effective policy as YAML or JSON, optionally with where each value was set.
public enum PolicyView {
    /// The canonical YAML; with `origins`, every line that sets a value ends with
    /// `# file:line:column` (or `# (built-in default)`).
    public static func text(_ loaded: LoadedPolicy, origins: Bool) -> String {
        let lines = loaded.policy.canonicalLines
        guard origins else { return loaded.policy.canonicalText }
        let width = lines.map(\.text.count).max() ?? 0
        return lines.map { line in
            guard let key = line.key, let origin = loaded.origins[key] else { return line.text }
            let place = origin.file == BuiltInPolicy.origin ? origin.file : origin.description
            return line.text.padding(toLength: width + 2) + "# " + place
        }.joined(separator: "\n") + "\n"
    }

    /// The policy as JSON with the YAML's keys; with `origins`, an `origins` object maps each
    /// dotted key to `file:line:column`.
    public static func json(_ loaded: LoadedPolicy, origins: Bool) throws -> String {
        // The canonical text is generated YAML, so it always composes to a mapping.
        var members: [String: JSONValue] = [:]
        if case .object(let object) = try Yams.compose(yaml: loaded.policy.canonicalText).map(value) { members = object }
        if origins { members["origins"] = .object(loaded.origins.mapValues { .string($0.description) }) }
        return try JSONOutput.render(JSONValue.object(members))
    }

    /// A YAML node as JSON: plain scalars typed as YAML reads them, quoted ones as strings.
    private static func value(_ node: Node) -> JSONValue {
        switch node {
        case .mapping(let mapping):
            return .object(Dictionary(mapping.map { ($0.key.string ?? "", value($0.value)) }) { $1 })
        case .sequence(let sequence):
            return .array(sequence.map(value))
        case .scalar(let scalar):
            guard scalar.style == .plain else { return .string(scalar.string) }
            if let bool = node.bool { return .bool(bool) }
            if let int = node.int { return .number(Double(int)) }
            if let float = node.float, float.isFinite { return .number(float) }
            return .string(scalar.string)
        case .alias:
            return .null
        }
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
