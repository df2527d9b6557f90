import ArgumentParser
import WardenCore

/// `modelwarden policy check`: validate without acting.
struct PolicyCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Validate policy files, as visudo -c does, and change nothing.",
        discussion: """
            With FILEs, each file is checked on its own over the built-in default; without, \
            the effective policy of the policy directories. Errors name file:line:column.

            Examples:
              modelwarden policy check
              modelwarden policy check /etc/modelwarden/policies.d/60-pins.yaml

            Exits 0 when all are valid, 65 when one is invalid (limits: 4 MiB a file, 64 levels \
            of nesting, 10000 nodes behind aliases), 77 when one or its directory has insecure \
            permissions (writable by others, or owned by neither root nor you; a sticky \
            directory such as /tmp is fine for a FILE) or cannot be read (permission denied).
            """)

    @OptionGroup var storage: StorageOptions

    @Argument(help: ArgumentHelp("Policy files to check (default: the whole effective policy).", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        if let problem = files.lazy.compactMap(PathSetting.problem(in:)).first { throw ValidationError("file: \(problem)") }
    }

    func run() throws {
        try reportingFailures {
            let verdicts = PolicyCheck.check(files: files, directories: try storage.policyDirectories)
            for verdict in verdicts {
                switch verdict.result {
                case .success(let loaded):
                    StandardStreams.out("\(verdict.subject): ok (\(loaded.digest))\n")
                case .failure(let error):
                    StandardStreams.error("\(verdict.subject): \(error)\n")
                }
            }
            if let failure = PolicyCheck.failure(of: verdicts) { throw ExitCode(ExitStatus(failure).rawValue) }
        }
    }
}
