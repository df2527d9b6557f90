import PiecesModels

/// Merges parsed files into one typed ``Policy``, reporting every invalid value.
enum PolicyBuilder {
    /// Merges `layers` (in file order) over `base` (the built-in default) and validates.
    ///
    /// Later files override values key by key. Their rules are evaluated before earlier
    /// files' rules, so a drop-in can pin a model or tighten a default. The base supplies every
    /// value no file sets, and its rules only when there are no files at all.
    static func build(base: PolicyLayer, layers: [PolicyLayer]) -> Result<Policy, PolicyError> {
        var values = base.values
        for layer in layers { values.merge(layer.values) { $1 } }
        let rules = layers.isEmpty ? (base.rules ?? []) : layers.reversed().flatMap { $0.rules ?? [] }
        var reader = ValueReader(values: values)
        let policy = reader.policy(rules: rules)
        let diagnostics = (layers.flatMap(\.diagnostics) + reader.diagnostics).sorted()
        guard diagnostics.isEmpty, let policy else { return .failure(.invalid(diagnostics)) }
        return .success(policy)
    }
}

/// Reads typed values out of merged raw ones, collecting a diagnostic for each bad one.
private struct ValueReader {
    let values: [String: PolicyLayer.Value]
    var diagnostics: [PolicyDiagnostic] = []

    init(values: [String: PolicyLayer.Value]) { self.values = values }

    mutating func policy(rules raw: [PolicyLayer.RawRule]) -> Policy? {
        let version = integer("version")
        if let version, version != 1, let origin = values["version"]?.origin {
            diagnostics.append(origin.diagnostic("unknown policy version \(version); this modelwarden reads version 1"))
        }
        let maxDeletions = integer("retention.max_deletions_per_run")
        if let maxDeletions, maxDeletions < 0, let origin = values["retention.max_deletions_per_run"]?.origin {
            diagnostics.append(origin.diagnostic("retention.max_deletions_per_run must not be negative"))
        }
        let rules = raw.compactMap { rule($0) }
        var seen = Set<String>()
        for (rule, rawRule) in zip(rules, raw) where !seen.insert(rule.name).inserted {
            diagnostics.append(rawRule.origin.diagnostic("two rules are named \"\(rule.name)\"; rule names must be unique"))
        }
        let psi = number("memory.psi_some_avg10_above")
        if let psi, !(0...100).contains(psi), let origin = values["memory.psi_some_avg10_above"]?.origin {
            diagnostics.append(origin.diagnostic("memory.psi_some_avg10_above is a percentage, 0 to 100"))
        }
        let disk = self.disk()
        guard let version, let maxDeletions, rules.count == raw.count,
            let timeout = duration("pieces.timeout"), let allowRemote = boolean("pieces.allow_remote"),
            let minAge = duration("retention.min_age"), let unloadBelow = threshold("memory.unload_below"),
            let sustain = duration("memory.sustain"), let cooldown = duration("memory.cooldown"),
            let memoryEvery = duration("schedule.memory_every"), let retentionEvery = duration("schedule.retention_every"),
            let keep = duration("journal.keep"), let dryRun = boolean("dry_run")
        else { return nil }
        let url = values["pieces.url"].map(\.text).flatMap { $0 == "auto" || $0.isEmpty ? nil : $0 }
        if let url, let origin = values["pieces.url"]?.origin {
            do {
                _ = try PiecesEndpoint(url, allowRemote: true)
            } catch {
                diagnostics.append(origin.diagnostic("pieces.url: \(error)"))
            }
        }
        let database = values["journal.database"].map(\.text).flatMap { $0 == "auto" || $0.isEmpty ? nil : $0 }
        if let database, !database.hasPrefix("/"), let origin = values["journal.database"]?.origin {
            diagnostics.append(origin.diagnostic("journal.database must be auto or an absolute path, not \"\(database)\""))
        }
        return Policy(
            version: version,
            pieces: .init(url: url, timeout: timeout, allowRemote: allowRemote),
            retention: .init(minAge: minAge, maxDeletionsPerRun: maxDeletions, rules: rules),
            disk: disk,
            memory: .init(unloadBelow: unloadBelow, psiSomeAvg10Above: psi, sustain: sustain, cooldown: cooldown),
            schedule: .init(memoryEvery: memoryEvery, retentionEvery: retentionEvery),
            journal: .init(database: database, keep: keep),
            dryRun: dryRun)
    }

    private mutating func disk() -> Policy.Disk? {
        let keys = ["disk.path", "disk.high_watermark", "disk.low_watermark", "disk.max_llm_cache"]
        guard let first = keys.compactMap({ values[$0] }).first else { return nil }
        let high = percent("disk.high_watermark")
        let low = percent("disk.low_watermark")
        let cap = size("disk.max_llm_cache")
        guard let path = values["disk.path"]?.text, !path.isEmpty else {
            diagnostics.append(first.origin.diagnostic("disk.path is required when the disk section is used"))
            return nil
        }
        if (values["disk.high_watermark"] == nil) != (values["disk.low_watermark"] == nil), let origin = (values["disk.high_watermark"] ?? values["disk.low_watermark"])?.origin {
            diagnostics.append(origin.diagnostic("disk.high_watermark and disk.low_watermark go together"))
        }
        if let high, let low, low >= high, let origin = values["disk.low_watermark"]?.origin {
            diagnostics.append(origin.diagnostic("disk.low_watermark (\(low)%) must be below disk.high_watermark (\(high)%)"))
        }
        return Policy.Disk(path: path, highWatermark: high, lowWatermark: low, maxLLMCache: cap)
    }

    private mutating func rule(_ raw: PolicyLayer.RawRule) -> PolicyRule? {
        guard let name = raw.fields["name"]?.text, !name.isEmpty else {
            diagnostics.append(raw.origin.diagnostic("a rule needs a name"))
            return nil
        }
        let keep = raw.fields["keep"].flatMap { parse($0, "keep", as: "true or false", Self.bool) }
        let staleAfter = raw.fields["stale_after"].flatMap { parse($0, "stale_after", as: "a duration such as 30d", PolicyUnits.duration) }
        if keep == true, raw.fields["stale_after"] != nil {
            diagnostics.append(raw.origin.diagnostic("rule \"\(name)\" has both keep: true and stale_after; a rule either pins or expires"))
        } else if keep != true, raw.fields["stale_after"] == nil {
            diagnostics.append(raw.origin.diagnostic("rule \"\(name)\" needs keep: true or stale_after"))
        }
        var match = PolicyRule.Match()
        match.name = raw.match["name"]?.text
        match.id = raw.match["id"]?.text
        match.unique = raw.match["unique"]?.text
        match.foundation = raw.match["foundation"]?.text
        match.provider = raw.match["provider"]?.text
        match.minSize = raw.match["min_size"].flatMap { parse($0, "min_size", as: "a size such as 10GiB", ByteCount.init(parsing:)) }
        match.maxSize = raw.match["max_size"].flatMap { parse($0, "max_size", as: "a size such as 10GiB", ByteCount.init(parsing:)) }
        match.custom = raw.match["custom"].flatMap { parse($0, "custom", as: "true or false", Self.bool) }
        if let min = match.minSize, let max = match.maxSize, min > max, let origin = raw.match["min_size"]?.origin {
            diagnostics.append(origin.diagnostic("rule \"\(name)\": min_size (\(min)) exceeds max_size (\(max))"))
        }
        return PolicyRule(name: name, match: match, keep: keep ?? false, staleAfter: staleAfter)
    }

    private mutating func integer(_ key: String) -> Int? { read(key, as: "a whole number") { Int($0) } }
    private mutating func boolean(_ key: String) -> Bool? { read(key, as: "true or false", Self.bool) }
    private mutating func duration(_ key: String) -> Duration? {
        read(key, as: "a duration such as 90s, 15m, 12h, 30d or 2w") { PolicyUnits.duration($0).flatMap { $0 > .zero ? $0 : nil } }
    }
    private mutating func size(_ key: String) -> ByteCount? { read(key, as: "a size such as 512MiB, 40GiB or 1.5GB", ByteCount.init(parsing:)) }
    private mutating func number(_ key: String) -> Double? { read(key, as: "a number") { Double($0) } }
    private mutating func percent(_ key: String) -> Double? {
        read(key, as: "a percentage from 0% to 100%") { PolicyUnits.percent($0).flatMap { (0...100).contains($0) ? $0 : nil } }
    }
    private mutating func threshold(_ key: String) -> Policy.Threshold? {
        read(key, as: "a percentage of MemTotal (0% to 100%) or a size such as 2GiB") { text in
            if let percent = PolicyUnits.percent(text) { return (0...100).contains(percent) ? .percent(percent) : nil }
            return ByteCount(parsing: text).map { .bytes($0) }
        }
    }

    private mutating func read<T>(_ key: String, as expected: String, _ parse: (String) -> T?) -> T? {
        guard let value = values[key] else { return nil }
        return self.parse(value, key, as: expected, parse)
    }

    private mutating func parse<T>(_ value: PolicyLayer.Value, _ key: String, as expected: String, _ parse: (String) -> T?) -> T? {
        if let parsed = parse(value.text) { return parsed }
        diagnostics.append(value.origin.diagnostic("\(key): \"\(value.text)\" is not \(expected)"))
        return nil
    }

    private static func bool(_ text: String) -> Bool? {
        switch text { case "true": return true; case "false": return false; default: return nil }
    }
}
