import ArgumentParser
import WardenCore

/// `modelwarden unkeep`: remove a pin `keep` wrote.
struct UnkeepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unkeep",
        abstract: "Remove the pin `keep` wrote for a model.",
        discussion: """
            MODEL is an id, a name or a glob, as for `keep`; a model Pieces OS no longer lists is \
            found by the id of its pin. The pin leaves the managed drop-in 90-local.yaml with the \
            validation, locking and revision of `policy set`. The model's cache can then go as \
            stale once it has had its notice (retention.notice_before).

            Examples:
              modelwarden unkeep llama-3-8b
              modelwarden unkeep "Mistral*" --all

            Exits 1 when no model matches, or when a rule `keep` did not write still pins the \
            model (the message names it: change it with `policy edit`); 64 when MODEL matches \
            several and --all is not given.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("An id, a name, or a glob on either.", valueName: "model"))
    var model: String

    @Flag(help: "Unpin every model MODEL matches, not just one.")
    var all = false

    func run() async throws {
        try await reportingFailures {
            let pinning = Pinning(
                configuration: try global.configuration(), world: global.world(logging: "modelwarden.unkeep"),
                changer: try global.storage.policyChanger())
            let change = try await pinning.unkeep(model, all: all)
            guard let revision = change.revision else {
                StandardStreams.out("nothing changed: \(change.models.joined(separator: ", ")) had no pin from `keep`\n")
                return
            }
            for label in change.models { StandardStreams.out("unpinned \(label)\n") }
            StandardStreams.out(revision.savedLine())
        }
    }
}
