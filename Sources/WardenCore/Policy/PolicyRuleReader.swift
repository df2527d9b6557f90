/// Reads raw rules into typed ones, collecting a diagnostic for each bad one.
struct PolicyRuleReader {
    /// Every problem found so far.
    private(set) var diagnostics: [PolicyDiagnostic] = []

    /// The rules `raw` spells, in order.
    mutating func rules(_ raw: [PolicyLayer.RawRule]) -> [PolicyRule] {
        var rules: [PolicyRule] = []
        var seen = Set<String>()
        for rawRule in raw {
            guard let rule = rule(rawRule) else { continue }
            if !seen.insert(rule.name).inserted {
                diagnostics.append(rawRule.origin.diagnostic("two rules are named \(PolicyExcerpt.quoted(rule.name)); rule names must be unique"))
            }
            rules.append(rule)
        }
        return rules
    }

    private mutating func rule(_ raw: PolicyLayer.RawRule) -> PolicyRule? {
        guard let name = raw.fields[.name]?.text, !name.isEmpty else {
            diagnostics.append(raw.origin.diagnostic("a rule needs a name"))
            return nil
        }
        var rule = PolicyRule(name: name, match: .any, keep: false, staleAfter: nil)
        let quoted = PolicyExcerpt.quoted(name)
        for key in RuleField.allCases where key != .name {
            guard let field = key.field, let value = raw.fields[key] else { continue }
            assign(value, to: &rule, field, label: "\(key.rawValue) of rule \(quoted)")
        }
        for condition in MatchField.allCases {
            guard let value = raw.match[condition] else { continue }
            assign(value, to: &rule.match, condition.field, label: "\(condition.rawValue) of rule \(quoted)")
        }
        if rule.keep, raw.fields[.staleAfter] != nil {
            diagnostics.append(raw.origin.diagnostic("rule \(quoted) has both keep: true and stale_after; a rule either pins or expires"))
        } else if !rule.keep, raw.fields[.staleAfter] == nil {
            diagnostics.append(raw.origin.diagnostic("rule \(quoted) needs keep: true or stale_after"))
        }
        if !rule.keep, let value = raw.fields[.keepUntil] {
            diagnostics.append(value.origin.diagnostic("rule \(quoted) has keep_until without keep: true; only a pin can expire"))
        }
        if let min = rule.match.minSize, let max = rule.match.maxSize, min > max, let origin = raw.match[.minSize]?.origin {
            diagnostics.append(origin.diagnostic("rule \(quoted): min_size (\(min)) exceeds max_size (\(max))"))
        }
        return rule
    }

    private mutating func assign<Root>(_ value: PolicyLayer.Value, to root: inout Root, _ field: PolicyField<Root>, label: String) {
        if let problem = field.assign(value.text, label, &root) { diagnostics.append(value.origin.diagnostic(problem)) }
    }
}
