import ArgumentParser
import WardenCore

/// `modelwarden policy set`: change values through the managed drop-in.
struct PolicySetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Set policy values in the managed drop-in 90-local.yaml, as systemctl set-property does.",
        discussion: """
            KEY is a dotted policy key such as memory.unload_below or retention.min_age; \
            an empty VALUE (KEY=) removes the key, so the other files decide it again. Rules \
            are a list: change them with `policy edit`. The whole resulting policy is \
            validated before the file is replaced atomically; concurrent sets apply one after \
            the other. A 90-local.yaml written by hand is never rewritten.

            Examples:
              modelwarden policy set memory.unload_below=15% memory.sustain=45s
              modelwarden policy set dry_run=true
              modelwarden policy set retention.min_age=

            Exits 64 for an unknown key, 65 when the result would be invalid (nothing is \
            written), 73 when the file or the journal cannot be written, 77 for insecure \
            permissions.
            """)

    @OptionGroup var storage: StorageOptions

    @Argument(help: ArgumentHelp("Values to set.", valueName: "key=value"))
    var assignments: [String]

    func validate() throws {
        guard !assignments.isEmpty else { throw ValidationError("give at least one KEY=VALUE, e.g. memory.unload_below=15%") }
        do {
            _ = try parsed()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        try reportingFailures {
            let changer = try storage.policyChanger()
            if let revision = try changer.set(try parsed()) {
                StandardStreams.out(revision.savedLine())
            } else {
                StandardStreams.out("nothing changed\n")
            }
        }
    }

    private func parsed() throws(ManagedDropInError) -> [ManagedDropIn.Assignment] {
        try assignments.map { argument throws(ManagedDropInError) in try ManagedDropIn.Assignment(parsing: argument) }
    }
}
