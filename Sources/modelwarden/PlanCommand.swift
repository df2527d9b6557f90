import ArgumentParser
import PiecesModels
import WardenCore

/// `modelwarden plan`: the dry-run report.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what a pass would do, and why, without doing or recording anything.",
        discussion: """
            Every model gets one decision with a reason code: stale, disk_watermark or \
            cache_quota for a deletion; pinned, loaded, downloading, cloud, not_downloaded, \
            not_llm, too_young, recently_used, notice_period, no_rule or limit_reached for a \
            kept model, with the rule that decided it and, where it will go stale, when. A NOTE \
            says "deletes on DATE" once a notice announced the deletion, "pinned until DATE" \
            for a pin with an expiry, and "pin expired on DATE". A stale cache is deleted no \
            sooner than retention.notice_before after its notice; `--at` assumes the passes in \
            between give each notice when it falls due. `modelwarden why MODEL` explains one \
            model's decision in full.

            Examples:
              modelwarden plan
              modelwarden plan --at +31d              what a pass would do in 31 days
              modelwarden plan --at 2027-01-01T00:00:00Z --format markdown
              modelwarden plan --format json | jq '.actions'
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, markdown }

    @OptionGroup var global: GlobalOptions

    @OptionGroup var forecast: ForecastOptions

    @Option(help: "table, json or markdown.")
    var format: Format = .table

    func run() async throws {
        try await reportingFailures {
            var configuration = try global.configuration()
            forecast.apply(to: &configuration)
            let report = try await PlanPreview.preview(configuration, world: global.world(logging: "modelwarden.plan"))
            switch format {
            case .table: StandardStreams.out(report.renderTable())
            case .json: StandardStreams.out(try JSONOutput.render(report))
            case .markdown: StandardStreams.out(report.renderMarkdown())
            }
        }
    }
}
