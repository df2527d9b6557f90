/// One key of a version-1 policy, declared once: the schema check, the builder, the canonical
/// text, `policy set`, the built-in default and docs/policy-keys.md all read it.
struct PolicyKey: Sendable {
    /// The dotted path, e.g. `memory.sustain`.
    let path: String
    /// How the value is read, checked, stored and rendered; nil for `retention.rules`, a list
    /// that ``RuleField`` describes.
    let field: PolicyField<Policy>?
    /// The value in the built-in default, as written there; nil when the default leaves it unset.
    let defaultText: String?
    /// One line on what the key means (and what zero means, where it may be zero); the built-in
    /// default shows it as the line's comment.
    let doc: String
    /// Whether the canonical text shows the key at all: a disk key only with a disk section.
    let shown: @Sendable (Policy) -> Bool

    /// A key of `type` at `keyPath` in ``Policy``.
    init<Value>(
        _ path: String, _ type: PolicyValueType<Value>, _ keyPath: WritableKeyPath<Policy, Value> & Sendable,
        default defaultText: String?, check: PolicyValueCheck<Value> = .any, shown: @escaping @Sendable (Policy) -> Bool = { _ in true },
        doc: String
    ) {
        self.path = path
        self.field = PolicyField(type, keyPath, check: check)
        self.defaultText = defaultText
        self.doc = doc
        self.shown = shown
    }

    /// A key whose value is not a scalar (the rules).
    init(list path: String, doc: String) {
        self.path = path
        self.field = nil
        self.defaultText = nil
        self.doc = doc
        self.shown = { _ in true }
    }

    /// The dotted key of rule `index`, `retention.rules[2]`, as origins and the canonical lines name it.
    static func rulePath(_ index: Int) -> String { "\(PolicySchema.rulesPath)[\(index)]" }

    /// The section holding the key, or nil at the top level.
    var section: String? {
        path.firstIndex(of: ".").map { String(path[..<$0]) }
    }

    /// The key's name within its section.
    var name: String {
        path.firstIndex(of: ".").map { String(path[path.index(after: $0)...]) } ?? path
    }

    /// Whether `policy set KEY=VALUE` may change it: not the format version, not a list.
    var isSettable: Bool { field != nil && path != "version" }

    /// The key's canonical line in `policy` (only its first for a list), without the section
    /// header; nil when the line is left out.
    func canonicalText(in policy: Policy) -> String? {
        let indent = section == nil ? "" : "  "
        guard let field else { return indent + "\(name):" }
        guard shown(policy), let value = field.render(policy) else { return nil }
        return indent + "\(name): \(value)"
    }
}
