import ArgumentParser
import WardenCore

#if canImport(Glibc)
import Glibc
#endif

/// `modelwarden policy edit`: edit a policy file safely, as visudo does.
struct PolicyEditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Edit a policy file in $VISUAL or $EDITOR, and save it only if the whole policy stays valid.",
        discussion: """
            The editor works on a private copy. When it exits, the whole effective policy is \
            validated with the edited file in place; if it is invalid, the errors are shown \
            and you choose to edit again or to abort (without a terminal, it aborts with exit \
            65). A valid result replaces the file atomically, keeping its owner, mode and \
            comments, and is recorded as a revision. If someone else saved the file meanwhile, \
            nothing is written and your copy is kept (exit 75).

            FILE is a path, or a name in the local policy directory; the default is the \
            managed drop-in 90-local.yaml there.

            Examples:
              sudo modelwarden policy edit
              sudo VISUAL=nano modelwarden policy edit 60-pins.yaml

            Exits 0 when saved or unchanged, 1 when the editor fails, 65 invalid, 73 \
            unwritable, 75 changed meanwhile, 77 insecure permissions.
            """)

    @OptionGroup var storage: StorageOptions

    @Argument(help: ArgumentHelp("The policy file (default: 90-local.yaml in the local policy directory).", valueName: "file"))
    var file: String?

    func validate() throws {
        if let file, let problem = PathSetting.problem(in: file) { throw ValidationError("file: \(problem)") }
        if let file, !file.hasSuffix(".yaml") || file.split(separator: "/").last?.hasPrefix(".") == true {
            throw ValidationError("\(file): policy files are *.yaml, not hidden; a pass would ignore this one")
        }
    }

    func run() throws {
        try reportingFailures {
            let changer = try storage.policyChanger()
            let path = changer.directories.resolve(file ?? ManagedDropIn.name)
            let editor = EditorLauncher(environment: ProcessEnvironment.current)
            let ask: ((PolicyError) -> Bool)? = isatty(0) == 1 ? { error in Self.askToEditAgain(error) } : nil
            let session = PolicyEditSession(changer: changer, file: path, edit: { path in try editor.edit(path) }, askToEditAgain: ask)
            switch try session.run() {
            case .unchanged: StandardStreams.out("\(path): unchanged\n")
            case .saved(let revision): StandardStreams.out(revision.savedLine(file: path))
            }
        }
    }

    /// visudo's question: edit again or abort.
    private static func askToEditAgain(_ error: PolicyError) -> Bool {
        StandardStreams.error("\(error)\n")
        while true {
            StandardStreams.error("What now? (e)dit again, e(x)it without saving [e]: ")
            guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
            if answer.isEmpty || answer == "e" { return true }
            if answer == "x" || answer == "q" { return false }
        }
    }
}
