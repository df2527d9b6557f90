import Yams

/// What one policy file says, before merging: raw values with their positions.
struct PolicyLayer: Sendable {
    /// A scalar and where it stands.
    struct Value: Hashable, Sendable {
        var text: String
        var origin: PolicyOrigin
    }

    /// A rule as written.
    struct RawRule: Hashable, Sendable {
        var origin: PolicyOrigin
        var fields: [RuleField: Value] = [:]
        var match: [MatchField: Value] = [:]
    }

    /// The file.
    var file: String
    /// Leaf values by dotted key.
    var values: [String: Value] = [:]
    /// The rules, when the file sets `retention.rules`.
    var rules: [RawRule]?
    /// Every problem found.
    var diagnostics: [PolicyDiagnostic] = []

    /// A Yams constructor without tables: the layer reads every node as text.
    private static var textOnly: Constructor { Constructor([:], [:], [:]) }

    /// A file that gave no text, and why.
    init(file: String, problem: PolicyDiagnostic) {
        self.file = file
        diagnostics = [problem]
    }

    /// Parses `text`, the content of `file`, within the bounds of ``PolicyFileReader/maxBytes``
    /// and ``PolicyYAMLGuard``: text from `policy edit` or `policy set` never passed the reader.
    init(file: String, text: String) {
        self.file = file
        if text.utf8.count > PolicyFileReader.maxBytes {
            diagnostics.append(PolicyDiagnostic(file: file, line: 1, column: 1, message: PolicyFileReader.Failure.tooLarge.message))
            return
        }
        if let problem = PolicyYAMLGuard.problem(in: text, file: file) {
            diagnostics.append(problem)
            return
        }
        let root: Node?
        do {
            // Every value is read as text and typed by PolicySchema, so YAML's implicit tags are
            // not needed; the default resolver compiles seven ICU regular expressions per process
            // and runs them on every scalar, a third of a pass's policy loading. Nor is anything
            // constructed from the nodes, so no constructor's tables are built; and naming UTF-8
            // (how Yams hands a Swift string to libyaml) spares it reading the environment.
            root = try Yams.compose(yaml: text, .basic, Self.textOnly, .utf8)
        } catch let error as YamlError {
            diagnostics.append(Self.diagnostic(file, error, in: text))
            return
        } catch {
            diagnostics.append(PolicyDiagnostic(file: file, line: 1, column: 1, message: "cannot parse: \(type(of: error))"))
            return
        }
        guard let root else {
            diagnostics.append(PolicyDiagnostic(file: file, line: 1, column: 1, message: "the file is empty; a policy starts with \"version: 1\""))
            return
        }
        guard let mapping = root.mapping else {
            diagnostics.append(origin(root).diagnostic("a policy is a mapping of keys, such as \"version: 1\""))
            return
        }
        walk(mapping, path: "")
        if values["version"] == nil {
            diagnostics.append(origin(root).diagnostic("\"version: 1\" is required"))
        }
    }

    private mutating func walk(_ mapping: Node.Mapping, path: String) {
        for (keyNode, valueNode) in mapping {
            let key = keyNode.string ?? ""
            let full = path.isEmpty ? key : "\(path).\(key)"
            let allowed = PolicySchema.children(of: path)
            guard allowed.contains(key) else {
                let place = path.isEmpty ? "at the top level" : "in \(path)"
                diagnostics.append(origin(keyNode).diagnostic(
                    "unknown key \(PolicyExcerpt.quoted(key)) \(place)" + PolicySchema.suggestion(for: key, among: allowed)))
                continue
            }
            if PolicySchema.sections.contains(full) {
                guard let section = valueNode.mapping else {
                    diagnostics.append(origin(valueNode).diagnostic("\"\(full)\" must be a mapping of keys"))
                    continue
                }
                walk(section, path: full)
            } else if full == PolicySchema.rulesPath {
                readRules(valueNode)
            } else if let value = scalar(valueNode, key: full) {
                values[full] = value
            }
        }
    }

    private mutating func readRules(_ node: Node) {
        guard let sequence = node.sequence else {
            diagnostics.append(origin(node).diagnostic("\"retention.rules\" must be a list of rules"))
            return
        }
        rules = []
        for (index, ruleNode) in sequence.enumerated() {
            guard let mapping = ruleNode.mapping else {
                diagnostics.append(origin(ruleNode).diagnostic("retention.rules[\(index)] must be a mapping with a name"))
                continue
            }
            var rule = RawRule(origin: origin(ruleNode))
            let place = "retention.rules[\(index)]"
            for (keyNode, valueNode) in mapping {
                guard let key = known(RuleField.self, keyNode, in: place) else { continue }
                if key == .match {
                    guard let match = valueNode.mapping else {
                        diagnostics.append(origin(valueNode).diagnostic("\(place).match must be a mapping such as { name: \"Llama-3*\" }"))
                        continue
                    }
                    for (matchKey, matchValue) in match {
                        guard let name = known(MatchField.self, matchKey, in: "\(place).match") else { continue }
                        if let value = scalar(matchValue, key: "\(place).match.\(name.rawValue)") { rule.match[name] = value }
                    }
                } else if let value = scalar(valueNode, key: "\(place).\(key.rawValue)") {
                    rule.fields[key] = value
                }
            }
            rules?.append(rule)
        }
    }

    /// The field `node` names, or nil after a diagnostic with a "did you mean".
    private mutating func known<Field: RawRepresentable & CaseIterable>(_: Field.Type, _ node: Node, in place: String) -> Field?
    where Field.RawValue == String {
        let key = node.string ?? ""
        if let field = Field(rawValue: key) { return field }
        let names = Field.allCases.map(\.rawValue)
        diagnostics.append(origin(node).diagnostic("unknown key \(PolicyExcerpt.quoted(key)) in \(place)" + PolicySchema.suggestion(for: key, among: names)))
        return nil
    }

    private mutating func scalar(_ node: Node, key: String) -> Value? {
        guard let scalar = node.scalar else {
            diagnostics.append(origin(node).diagnostic("\"\(key)\" must be a single value"))
            return nil
        }
        return Value(text: scalar.string, origin: origin(node))
    }

    private func origin(_ node: Node) -> PolicyOrigin {
        PolicyOrigin(file: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }
}
