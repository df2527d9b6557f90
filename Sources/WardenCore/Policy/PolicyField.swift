/// A typed slot of `Root` that policy text sets and the canonical text shows: a key of a policy,
/// a field of a rule, or a condition of a rule's match.
///
/// It erases the value's type so that keys of every type fit in one table.
struct PolicyField<Root>: Sendable {
    /// The kind and its units, for docs/policy-keys.md.
    let typeName: String
    /// The rule beyond the kind, for docs/policy-keys.md.
    let checkSummary: String
    /// Parses and checks `text` and stores the value in `root`; else returns the problem,
    /// naming the field `label`.
    let assign: @Sendable (_ text: String, _ label: String, _ root: inout Root) -> String?
    /// The canonical text of the value in `root`; nil leaves the line out.
    let render: @Sendable (Root) -> String?

    /// A field of `type` at `keyPath`, which must also pass `check`.
    init<Value>(_ type: PolicyValueType<Value>, _ keyPath: WritableKeyPath<Root, Value> & Sendable, check: PolicyValueCheck<Value> = .any) {
        typeName = type.name
        checkSummary = check.summary
        assign = { text, label, root in
            guard let value = type.parse(text) else { return "\(label): \(PolicyExcerpt.quoted(text)) is not \(type.expected)" }
            if let problem = check.problem(label, value) { return problem }
            root[keyPath: keyPath] = value
            return nil
        }
        render = { root in type.render(root[keyPath: keyPath]) }
    }
}
