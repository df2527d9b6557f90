import ArgumentParser
import WardenCore

/// `modelwarden policy show`: the effective policy.
struct PolicyShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print the effective (merged) policy, every value spelt out.",
        discussion: """
            Examples:
              modelwarden policy show
              modelwarden policy show --origin        # which file and line set each value
              modelwarden policy show --json | jq .memory

            Exits 65 for an invalid policy and 77 for insecure permissions.
            """)

    @OptionGroup var storage: StorageOptions

    @Flag(help: "End each value's line with the file:line:column that set it.")
    var origin = false

    @Flag(help: "Print JSON with the YAML's keys; with --origin, add an \"origins\" object.")
    var json = false

    func run() throws {
        try reportingFailures {
            let loaded = try storage.policyDirectories.load()
            StandardStreams.out(json ? try PolicyView.json(loaded, origins: origin) : PolicyView.text(loaded, origins: origin))
        }
    }
}
