import ArgumentParser
import WardenCore

/// `modelwarden run`: one pass, what the timer runs.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one pass: record the models' state in the journal and report it.",
        discussion: """
            A pass opens the journal and takes the pass lock (a second pass exits 75), finds \
            Pieces OS, records what changed since the last snapshot, closes any action a crash \
            left open, prunes journal rows older than 180 days, and writes a pass-finished \
            entry to the systemd journal.

            Examples:
              modelwarden run
              modelwarden run --json --db /tmp/journal.sqlite

            Exit status: 0 done, 69 Pieces OS unreachable, 73 journal unusable, 75 another pass \
            holds the lock.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Print one JSON object describing the pass.")
    var json = false

    func run() async throws {
        try await reportingFailures {
            let report = try await RecordingPass(configuration: global.configuration).run()
            StandardStreams.out(json ? try JSONOutput.render(report) : report.summary())
        }
    }
}
