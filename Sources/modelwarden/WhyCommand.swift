import ArgumentParser
import PiecesModels
import WardenCore

/// `modelwarden why`: how the decision about a model is made.
struct WhyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "why",
        abstract: "Explain the decision about a model: its state, the rules tried, its use, notice, pin and history.",
        discussion: """
            MODEL is an id, a name or a glob; every model it matches is explained (the first \
            \(Explanation.maximumExplained); narrow MODEL for others). For each: the \
            state; every rule in evaluation order with its file:line:column, matched, skipped (and \
            the condition that failed, or the pin that expired) or not reached; first seen and \
            last used with its evidence (loaded seen at, score rose at); min_age, stale_after and \
            the stale date; the notice and the deletion date; any pin and its expiry; the disk \
            watermark, cache cap and per-run limit; the decision and reason code, the same as \
            `plan` gives; and the model's latest changes, actions and notices from the journal. \
            Records nothing.

            Examples:
              modelwarden why llama-3-8b
              modelwarden why "Mistral*" --at +31d
              modelwarden why phi-3-mini --json | jq '.[0].rules'

            Exits 1 when no model matches, listing close names; 69 when Pieces OS is unreachable.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("An id, a name, or a glob on either.", valueName: "model"))
    var model: String

    @OptionGroup var forecast: ForecastOptions

    @Flag(help: "Print a JSON array, one object per model.")
    var json = false

    func run() async throws {
        try await reportingFailures {
            var configuration = try global.configuration()
            forecast.apply(to: &configuration)
            let explanations = try await Explanation.explain(model, configuration: configuration, world: global.world(logging: "modelwarden.why"))
            StandardStreams.out(json ? try JSONOutput.render(explanations) : explanations.map { $0.renderText() }.joined(separator: "\n"))
        }
    }
}
