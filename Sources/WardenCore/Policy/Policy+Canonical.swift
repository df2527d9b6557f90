extension Policy {
    /// The effective policy as stable YAML text, with every value spelt out; its digest
    /// identifies the policy.
    public var canonicalText: String {
        canonicalLines.map(\.text).joined(separator: "\n") + "\n"
    }

    /// The lines of ``canonicalText``, each with the dotted key it sets (`retention.rules[2]`
    /// for a rule's first line), or nil for a section header or a rule's later lines.
    public var canonicalLines: [(key: String?, text: String)] {
        var lines: [(key: String?, text: String)] = []
        var section: String?
        for key in PolicySchema.keys {
            guard let text = key.canonicalText(in: self) else { continue }
            if let header = key.section, header != section { lines.append((nil, "\(header):")) }
            section = key.section
            lines.append((key.path, text))
            if key.path == PolicySchema.rulesPath {
                for (index, rule) in retention.rules.enumerated() { lines += Self.canonicalLines(of: rule, index: index) }
            }
        }
        return lines
    }

    /// A rule as an item of the `rules` list: its conditions on one line, in flow style.
    private static func canonicalLines(of rule: PolicyRule, index: Int) -> [(key: String?, text: String)] {
        var lines: [(key: String?, text: String)] = []
        for key in RuleField.allCases {
            switch key {
            case .name:
                lines.append((PolicyKey.rulePath(index), "    - name: \(key.field?.render(rule) ?? "")"))
            case .match:
                let conditions = MatchField.allCases.compactMap { condition in
                    condition.field.render(rule.match).map { "\(condition.rawValue): \($0)" }
                }
                if !conditions.isEmpty { lines.append((nil, "      match: { \(conditions.joined(separator: ", ")) }")) }
            case .keep, .staleAfter, .keepUntil, .reason:
                if let value = key.field?.render(rule) { lines.append((nil, "      \(key.rawValue): \(value)")) }
            }
        }
        return lines
    }
}
