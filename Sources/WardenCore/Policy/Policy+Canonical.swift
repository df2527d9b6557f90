import PiecesModels

extension Policy {
    /// The effective policy as stable YAML text, with every value spelt out; its digest
    /// identifies the policy.
    public var canonicalText: String {
        var lines = ["version: \(version)", "pieces:", "  url: \(pieces.url ?? "auto")",
                     "  timeout: \(PolicyUnits.describe(pieces.timeout))", "  allow_remote: \(pieces.allowRemote)",
                     "retention:", "  min_age: \(PolicyUnits.describe(retention.minAge))",
                     "  max_deletions_per_run: \(retention.maxDeletionsPerRun)", "  rules:"]
        for rule in retention.rules {
            lines.append("    - name: \(quoted(rule.name))")
            let match = rule.match
            let conditions = [
                match.name.map { "name: \(quoted($0))" }, match.id.map { "id: \(quoted($0))" },
                match.unique.map { "unique: \(quoted($0))" }, match.foundation.map { "foundation: \(quoted($0))" },
                match.provider.map { "provider: \(quoted($0))" }, match.minSize.map { "min_size: \($0.bytes)B" },
                match.maxSize.map { "max_size: \($0.bytes)B" }, match.custom.map { "custom: \($0)" },
            ].compactMap { $0 }
            if !conditions.isEmpty { lines.append("      match: { \(conditions.joined(separator: ", ")) }") }
            if rule.keep { lines.append("      keep: true") }
            if let staleAfter = rule.staleAfter { lines.append("      stale_after: \(PolicyUnits.describe(staleAfter))") }
        }
        if let disk {
            lines += ["disk:", "  path: \(quoted(disk.path))"]
            if let high = disk.highWatermark, let low = disk.lowWatermark {
                lines += ["  high_watermark: \(high)%", "  low_watermark: \(low)%"]
            }
            if let cap = disk.maxLLMCache { lines.append("  max_llm_cache: \(cap.bytes)B") }
        }
        lines.append("memory:")
        switch memory.unloadBelow {
        case .percent(let percent): lines.append("  unload_below: \(percent)%")
        case .bytes(let bytes): lines.append("  unload_below: \(bytes.bytes)B")
        }
        if let psi = memory.psiSomeAvg10Above { lines.append("  psi_some_avg10_above: \(psi)") }
        lines += ["  sustain: \(PolicyUnits.describe(memory.sustain))", "  cooldown: \(PolicyUnits.describe(memory.cooldown))",
                  "schedule:", "  memory_every: \(PolicyUnits.describe(schedule.memoryEvery))",
                  "  retention_every: \(PolicyUnits.describe(schedule.retentionEvery))",
                  "journal:", "  database: \(journal.database.map(quoted) ?? "auto")",
                  "  keep: \(PolicyUnits.describe(journal.keep))", "dry_run: \(dryRun)"]
        return lines.joined(separator: "\n") + "\n"
    }

    private func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
