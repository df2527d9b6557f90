import PiecesModels

extension Explanation {
    /// The most models one `why` explains.
    public static let maximumExplained = 100

    /// The explanation of every model `pattern` names (at most ``maximumExplained``), from the
    /// same forecast as `plan`.
    public static func explain(_ pattern: String, configuration: WardenConfiguration, world: OutsideWorld) async throws -> [Explanation] {
        let forecast = try await PlanPreview.forecast(configuration, world: world)
        // A glob may match thousands: each explanation reads the plan and the journal, and a
        // person reads a few (`why --help` says so).
        let models = try ModelSelector.resolve(pattern, in: forecast.snapshot.iterable, all: true).prefix(maximumExplained)
        let pieces = PiecesProcessFinder(procRoot: configuration.procRoot).find(baseURL: forecast.piecesURL)
        return try models.map { model in
            Explanation.of(
                model, plan: forecast.plan, loaded: configuration.loaded, usage: forecast.usage[model.id],
                notices: forecast.notices[model.id] ?? [], history: try forecast.journal.history(of: model.id), pieces: pieces,
                now: configuration.now)
        }
    }

    /// `local LLM, downloaded, not loaded, 4.21 GiB`.
    static func describeState(_ model: Model) -> String {
        var parts = [(model.cloud ? "cloud" : "local") + (model.isLLM ? " LLM" : " model, not an LLM")]
        if !model.cloud {
            parts.append(model.downloading == true ? "downloading" : model.downloaded == true ? "downloaded" : "not downloaded")
            parts.append(model.loaded == true ? "loaded" : "not loaded")
        }
        if let bytes = model.bytes?.value { parts.append(ByteCount(bytes).description) }
        return parts.joined(separator: ", ")
    }

    /// The disk watermark, the cache cap and the per-run limit, as they stood for this plan.
    static func limits(plan: Plan, policy: Policy, action: PlannedAction?) -> [String] {
        var lines: [String] = []
        if let disk = plan.disk, let high = policy.disk?.highWatermark, let low = policy.disk?.lowWatermark {
            let used = (disk.usedPercent * 10).rounded() / 10
            lines.append("disk \(disk.path): \(used)% used; high watermark \(high)%, low \(low)%"
                + (disk.usedPercent > high ? ": above, evicting" : ": below"))
        } else {
            lines.append("disk watermark: none set")
        }
        if let cap = policy.disk?.maxLLMCache {
            lines.append("cache cap (max_llm_cache): \(cap)")
        } else {
            lines.append("cache cap (max_llm_cache): none set")
        }
        let limit = policy.retention.maxDeletionsPerRun
        var perRun = "per-run limit: \(limit) deletion(s); this plan makes \(plan.actions.count)"
        if let action, let index = plan.actions.firstIndex(of: action) { perRun += ", this one \(index + 1) of them" }
        lines.append(perRun)
        return lines
    }
}
