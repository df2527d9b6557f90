/// Gathers what `modelwarden why` shows.
public enum Explaining {
    /// The explanation of every model `pattern` names, from the same forecast as `plan`.
    public static func explain(_ pattern: String, configuration: WardenConfiguration, world: OutsideWorld) async throws -> [Explanation] {
        let forecast = try await PlanPreview.forecast(configuration, world: world)
        let models = try ModelSelector.resolve(pattern, in: forecast.snapshot.iterable, all: true)
        return try models.map { model in
            Explanation.of(
                model, plan: forecast.plan, loaded: configuration.loaded, usage: forecast.usage[model.id],
                notices: forecast.notices[model.id] ?? [], history: try forecast.journal.history(of: model.id), now: configuration.now)
        }
    }
}
