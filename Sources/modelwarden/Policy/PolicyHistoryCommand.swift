import ArgumentParser
import PiecesModels
import WardenCore

/// `modelwarden policy history`: the revisions the journal keeps.
struct PolicyHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List the policy's revisions: who changed which file, when, and how.",
        discussion: """
            Every `policy set` and `policy edit` is a revision; so is a change made by hand, \
            which the next pass finds by the effective policy's digest (source "pass"). The \
            first pass records the baseline. `policy diff ID` prints one revision's diff.

            Examples:
              modelwarden policy history
              modelwarden policy history --json | jq '.[-1].diff' -r
            """)

    @OptionGroup var storage: StorageOptions

    @Flag(help: "Print a JSON array of revisions, oldest first, diffs included.")
    var json = false

    func run() throws {
        try reportingFailures {
            let revisions = try storage.policyHistory().journal.policyRevisions()
            guard !json else { return StandardStreams.out(try JSONOutput.render(revisions.map(PolicyRevision.JSONView.init))) }
            var table = TextTable([("ID", .right), ("AT", .left), ("USER", .left), ("SOURCE", .left), ("FILE", .left), ("POLICY", .left)])
            for revision in revisions {
                table.append([
                    String(revision.id ?? 0), RFC3339.format(revision.at), revision.user, revision.source.rawValue,
                    revision.file, String(revision.policyDigest.prefix(19)),
                ])
            }
            StandardStreams.out(revisions.isEmpty ? "no policy revision yet\n" : table.render())
        }
    }
}
