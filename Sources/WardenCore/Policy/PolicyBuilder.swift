import PiecesModels

/// Merges parsed files into one typed ``Policy``, reporting every invalid value.
enum PolicyBuilder {
    /// Merges `layers` (in file order) over `base` (the built-in default) and validates.
    ///
    /// Later files override values key by key. Their rules are evaluated before earlier
    /// files' rules, so a drop-in can pin a model or tighten a default. The base supplies every
    /// value no file sets, and its rules unless a file sets a rule that is not a pin.
    static func build(base: PolicyLayer, layers: [PolicyLayer]) -> Result<Policy, PolicyError> {
        var values = base.values
        for layer in layers { values.merge(layer.values) { $1 } }
        var policy = Policy.unset
        var diagnostics = layers.flatMap(\.diagnostics)
        for key in PolicySchema.keys {
            guard let field = key.field, let value = values[key.path] else { continue }
            if let problem = field.assign(value.text, key.path, &policy) { diagnostics.append(value.origin.diagnostic(problem)) }
        }
        diagnostics += diskProblems(values, policy.disk)
        var reader = PolicyRuleReader()
        policy.retention.rules = reader.rules(rules(base: base, layers: layers))
        diagnostics = (diagnostics + reader.diagnostics).sorted()
        guard diagnostics.isEmpty else { return .failure(.invalid(diagnostics)) }
        return .success(policy)
    }

    /// The raw rules in the order they are evaluated in.
    ///
    /// Pins only narrow what goes, so files that set no rules, or none but pins (`modelwarden
    /// keep` on a machine without a policy), keep the built-in rules after their pins: pinning
    /// one model must not turn retention off for the others. A file that sets `rules: []` or a
    /// rule that is not a pin replaces them.
    static func rules(base: PolicyLayer, layers: [PolicyLayer]) -> [PolicyLayer.RawRule] {
        let layered = layers.reversed().flatMap { $0.rules ?? [] }
        // `rules: []` written out is a scheme of its own: keep everything no pin names.
        let ownScheme = layers.contains { layer in
            layer.rules.map { $0.isEmpty || $0.contains { $0.fields[.keep]?.text != "true" } } ?? false
        }
        return layered + (ownScheme ? [] : base.rules ?? [])
    }

    /// What is wrong across the disk keys, which only make sense together.
    private static func diskProblems(_ values: [String: PolicyLayer.Value], _ disk: Policy.Disk?) -> [PolicyDiagnostic] {
        let keys = PolicySchema.keys.filter { $0.section == "disk" }.map(\.path)
        guard let first = keys.compactMap({ values[$0] }).first else { return [] }
        guard let path = values["disk.path"], !path.text.isEmpty else {
            return [first.origin.diagnostic("disk.path is required when the disk section is used")]
        }
        let high = values["disk.high_watermark"], low = values["disk.low_watermark"]
        if (high == nil) != (low == nil), let origin = (high ?? low)?.origin {
            return [origin.diagnostic("disk.high_watermark and disk.low_watermark go together")]
        }
        if let high = disk?.highWatermark, let lowValue = disk?.lowWatermark, lowValue >= high, let origin = low?.origin {
            return [origin.diagnostic("disk.low_watermark (\(lowValue)%) must be below disk.high_watermark (\(high)%)")]
        }
        return []
    }
}

extension Policy {
    /// Where building starts: the built-in default then sets every key it has a value for, and
    /// what it leaves unset (psi, Pieces OS's RSS, disk) stays nil.
    static let unset = Policy(
        version: 0, pieces: .init(url: nil, timeout: .zero, allowRemote: false),
        retention: .init(minAge: .zero, maxDeletionsPerRun: 0, noticeBefore: .zero, rules: []), disk: nil,
        memory: .init(unloadBelow: .percent(0), psiSomeAvg10Above: nil, piecesRSSAbove: nil, sustain: .zero, cooldown: .zero),
        schedule: .init(memoryEvery: .zero, memoryEveryMax: .zero, retentionEvery: .zero), journal: .init(database: nil, keep: .zero), dryRun: false)
}
