import ArgumentParser
import WardenCore

/// `modelwarden status`: the models Pieces OS has, at a glance.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the models of Pieces OS: where they run, whether they are LLMs, downloaded or loaded, and their sizes.",
        discussion: """
            Reads GET /models once, and the memory of Pieces OS's own process (the one serving its \
            port, under --proc-root; when it cannot be found, the last line says why), and changes nothing.

            Examples:
              modelwarden status
              modelwarden status --json | jq '.models[] | select(.loaded)'
              modelwarden status --pieces-url http://127.0.0.1:39300

            Exits 69 when Pieces OS is unreachable, naming every URL tried.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print one JSON object: {\"pieces_url\", \"models\": [...], \"totals\", \"pieces_process\"}.")
    var json = false

    func run() async throws {
        try await reportingFailures {
            let report = try await StatusService.collect(try global.configuration(), world: global.world(logging: "modelwarden.status"))
            StandardStreams.out(json ? try JSONOutput.render(report) : report.renderTable())
        }
    }
}
