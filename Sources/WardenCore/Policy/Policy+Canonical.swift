import PiecesModels

extension Policy {
    /// The effective policy as stable YAML text, with every value spelt out; its digest
    /// identifies the policy.
    public var canonicalText: String {
        canonicalLines.map(\.text).joined(separator: "\n") + "\n"
    }

    /// The lines of ``canonicalText``, each with the dotted key it sets (`retention.rules[2]`
    /// for a rule's first line), or nil for a section header or a rule's later lines.
    public var canonicalLines: [(key: String?, text: String)] {
        var lines: [(key: String?, text: String)] = [
            ("version", "version: \(version)"), (nil, "pieces:"), ("pieces.url", "  url: \(pieces.url ?? "auto")"),
            ("pieces.timeout", "  timeout: \(PolicyUnits.describe(pieces.timeout))"),
            ("pieces.allow_remote", "  allow_remote: \(pieces.allowRemote)"), (nil, "retention:"),
            ("retention.min_age", "  min_age: \(PolicyUnits.describe(retention.minAge))"),
            ("retention.max_deletions_per_run", "  max_deletions_per_run: \(retention.maxDeletionsPerRun)"),
            ("retention.rules", "  rules:"),
        ]
        for (index, rule) in retention.rules.enumerated() {
            lines.append(("retention.rules[\(index)]", "    - name: \(quoted(rule.name))"))
            let match = rule.match
            let conditions = [
                match.name.map { "name: \(quoted($0))" }, match.id.map { "id: \(quoted($0))" },
                match.unique.map { "unique: \(quoted($0))" }, match.foundation.map { "foundation: \(quoted($0))" },
                match.provider.map { "provider: \(quoted($0))" }, match.minSize.map { "min_size: \($0.bytes)B" },
                match.maxSize.map { "max_size: \($0.bytes)B" }, match.custom.map { "custom: \($0)" },
            ].compactMap { $0 }
            if !conditions.isEmpty { lines.append((nil, "      match: { \(conditions.joined(separator: ", ")) }")) }
            if rule.keep { lines.append((nil, "      keep: true")) }
            if let staleAfter = rule.staleAfter { lines.append((nil, "      stale_after: \(PolicyUnits.describe(staleAfter))")) }
        }
        if let disk {
            lines += [(nil, "disk:"), ("disk.path", "  path: \(quoted(disk.path))")]
            if let high = disk.highWatermark, let low = disk.lowWatermark {
                lines += [("disk.high_watermark", "  high_watermark: \(high)%"), ("disk.low_watermark", "  low_watermark: \(low)%")]
            }
            if let cap = disk.maxLLMCache { lines.append(("disk.max_llm_cache", "  max_llm_cache: \(cap.bytes)B")) }
        }
        lines.append((nil, "memory:"))
        switch memory.unloadBelow {
        case .percent(let percent): lines.append(("memory.unload_below", "  unload_below: \(percent)%"))
        case .bytes(let bytes): lines.append(("memory.unload_below", "  unload_below: \(bytes.bytes)B"))
        }
        if let psi = memory.psiSomeAvg10Above { lines.append(("memory.psi_some_avg10_above", "  psi_some_avg10_above: \(psi)")) }
        lines += [
            ("memory.sustain", "  sustain: \(PolicyUnits.describe(memory.sustain))"),
            ("memory.cooldown", "  cooldown: \(PolicyUnits.describe(memory.cooldown))"), (nil, "schedule:"),
            ("schedule.memory_every", "  memory_every: \(PolicyUnits.describe(schedule.memoryEvery))"),
            ("schedule.retention_every", "  retention_every: \(PolicyUnits.describe(schedule.retentionEvery))"), (nil, "journal:"),
            ("journal.database", "  database: \(journal.database.map(quoted) ?? "auto")"),
            ("journal.keep", "  keep: \(PolicyUnits.describe(journal.keep))"), ("dry_run", "dry_run: \(dryRun)"),
        ]
        return lines
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
