import ArgumentParser
import PiecesModels
import WardenCore

/// `modelwarden report`: what past passes did.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise past passes from the journal: actions, bytes freed, failures, dry runs; as text, JSON or an HTML page.",
        discussion: """
            Reads the journal database only (the policy only for journal.database); Pieces OS is not contacted. \
            A run that never finished (killed, crashed, or still running) counts as interrupted, \
            apart from the runs that ended in failure.

            --format json and --format html show the same figures, read by the same queries as the \
            Prometheus textfile that run and watch write (metrics.textfile): the period's runs \
            and actions, the totals since the journal began, the models at the latest snapshot, \
            each UTC day's freed bytes and actions, unloads under memory pressure with \
            MemAvailable before and after, each model's last use, and the deletions and pins \
            the latest plan foresaw. The HTML page is one self-contained file: no script, no \
            network, charts drawn as inline SVG with tables of the same figures; it follows \
            the light or dark scheme and prints.

            Examples:
              modelwarden report
              modelwarden report --since 30d --format json
              modelwarden report --since 30d --format html --output /tmp/modelwarden.html
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, html }

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("How far back: a duration such as 7d, 12h or 2w.", valueName: "duration"))
    var since = "7d"

    @Option(help: "table, json or html.")
    var format: Format = .table

    @Option(help: ArgumentHelp(
        "Write the report to this file (a regular file, replaced whole; mode 0644 when new) instead of standard output; - is standard output.",
        valueName: "file"))
    var output: String?

    func validate() throws {
        guard PolicyUnits.duration(since) != nil else {
            throw ValidationError("--since: \"\(since)\" is not a duration such as 7d, 12h or 2w")
        }
        if let output, let problem = output.isEmpty ? "the path is empty" : PathSetting.problem(in: output) {
            throw ValidationError("--output: \(problem)")
        }
    }

    func run() async throws {
        try reportingFailures {
            let configuration = try global.configuration()
            let window = PolicyUnits.duration(since) ?? .seconds(7 * 86_400)
            let journal = try JournalDatabase.open(at: configuration.journal)
            let start = configuration.now.addingTimeInterval(-window.seconds)
            let text: String
            if format == .table {
                text = try journal.summary(since: start).renderTable()
            } else {
                let observed = try journal.observations(since: start, until: configuration.now, host: MetricsRefresh.hostName())
                text = format == .json ? try JSONOutput.render(observed) : HTMLReport.render(observed)
            }
            if let output, output != "-" {
                try ReplacedFile.write(text, to: output, mode: 0o644)
            } else {
                StandardStreams.out(text)
            }
        }
    }
}
