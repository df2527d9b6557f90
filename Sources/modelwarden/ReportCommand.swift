import ArgumentParser
import PiecesModels
import WardenCore

/// `modelwarden report`: what past passes did.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Summarise past passes from the journal: actions, bytes freed, failures, dry runs.",
        discussion: """
            Reads the journal database only; Pieces OS is not contacted. A run that never \
            finished (killed, crashed, or still running) counts as interrupted, apart from the \
            runs that ended in failure.

            Examples:
              modelwarden report
              modelwarden report --since 30d --format json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("How far back: a duration such as 7d, 12h or 2w.", valueName: "duration"))
    var since = "7d"

    @Option(help: "table or json.")
    var format: Format = .table

    func validate() throws {
        guard PolicyUnits.duration(since) != nil else {
            throw ValidationError("--since: \"\(since)\" is not a duration such as 7d, 12h or 2w")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let configuration = try global.configuration()
            let window = PolicyUnits.duration(since) ?? .seconds(7 * 86_400)
            let journal = try JournalDatabase.open(at: configuration.journal)
            let summary = try journal.summary(since: configuration.now.addingTimeInterval(-window.seconds))
            StandardStreams.out(format == .json ? try JSONOutput.render(summary) : summary.renderTable())
        }
    }
}
