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
    public static func json(_ loaded: LoadedPolicy, origins: Bool) -> String {
        let node = (try? Yams.compose(yaml: loaded.policy.canonicalText)) ?? nil
        var members = node?.mapping.map { mapping in mapping.map { (key: $0.key.string ?? "", value: $0.value) } } ?? []
        if origins {
            let pairs = loaded.origins.sorted { $0.key < $1.key }.map { (Node($0.key), Node($0.value.description, .implicit, .doubleQuoted)) }
            members.append((key: "origins", value: Node(pairs)))
        }
        var text = ""
        writeObject(members, indent: "", into: &text)
        return text + "\n"
    }

    private static func writeObject(_ members: [(key: String, value: Node)], indent: String, into text: inout String) {
        guard !members.isEmpty else { text += "{}"; return }
        text += "{\n"
        for (index, member) in members.enumerated() {
            text += indent + "  " + quoted(member.key) + ": "
            writeNode(member.value, indent: indent + "  ", into: &text)
            text += index == members.count - 1 ? "\n" : ",\n"
        }
        text += indent + "}"
    }

    private static func writeNode(_ node: Node, indent: String, into text: inout String) {
        switch node {
        case .mapping(let mapping):
            writeObject(mapping.map { (key: $0.key.string ?? "", value: $0.value) }, indent: indent, into: &text)
        case .sequence(let sequence):
            guard !sequence.isEmpty else { text += "[]"; return }
            text += "[\n"
            for (index, element) in sequence.enumerated() {
                text += indent + "  "
                writeNode(element, indent: indent + "  ", into: &text)
                text += index == sequence.count - 1 ? "\n" : ",\n"
            }
            text += indent + "]"
        case .scalar(let scalar):
            if scalar.style != .plain {
                text += quoted(scalar.string)
            } else if let bool = node.bool {
                text += String(bool)
            } else if let int = node.int {
                text += String(int)
            } else if let float = node.float, float.isFinite {
                text += String(float)
            } else {
                text += quoted(scalar.string)
            }
        case .alias:
            text += "null"
        }
    }

    private static func quoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

extension String {
    fileprivate func padding(toLength length: Int) -> String {
        count >= length ? self : self + String(repeating: " ", count: length - count)
    }
}
