import ArgumentParser
import WardenCore

/// `modelwarden policy diff`: one revision's unified diff.
struct PolicyDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Print the unified diff of a policy revision (default: the latest).",
        discussion: """
            Examples:
              modelwarden policy diff
              modelwarden policy diff 12 | less
            """)

    @OptionGroup var storage: StorageOptions

    @Argument(help: ArgumentHelp("The revision id, from `policy history`.", valueName: "id"))
    var revision: Int64?

    func run() throws {
        try reportingFailures {
            let revisions = try storage.policyHistory().journal.policyRevisions()
            let chosen = revision.map { id in revisions.first { $0.id == id } } ?? revisions.last
            guard let chosen else {
                throw CommandFailure(.usage, revision.map { "no policy revision \($0); see `modelwarden policy history`" }
                    ?? "no policy revision yet")
            }
            StandardStreams.out(chosen.diff.isEmpty ? "(no textual change)\n" : chosen.diff)
        }
    }
}
