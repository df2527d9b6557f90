import ArgumentParser
import Logging
import NIOCore
import NIOPosix
import PiecesModels
import WardenCore

/// `modelwarden`: keeps Pieces OS's local models in check on the owner's terms.
@main
struct Modelwarden: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "modelwarden",
        abstract: "Keep Pieces OS's local LLMs and loaded models in check.",
        discussion: """
            modelwarden watches the models of Pieces OS through its local Models API, \
            remembers how they are used, and deletes the caches of stale LLMs and unloads \
            models under memory pressure, as your retention policy says.

            Pieces OS is found at --pieces-url or $MODELWARDEN_PIECES_URL if set; else on \
            127.0.0.1 ports 39300-39333; else at http://localhost:1000.

            Exit status: 0 ok, 1 an action failed or could not be verified, 64 usage error (a control \
            character in a path flag or variable included), 65 invalid policy, 69 Pieces OS unreachable \
            (or it answered with an error, a redirect, or a body that is too large or not the documented JSON), \
            70 internal error (a bug), \
            73 journal (or a policy file being saved) unwritable, or a link or non-regular file where a journal file should be, \
            or a journal written by a newer modelwarden, \
            75 another pass holds the lock (or a policy file changed during an edit), \
            77 insecure policy permissions.
            """,
        version: WardenVersion.current,
        subcommands: [
            RunCommand.self, PlanCommand.self, StatusCommand.self, WhyCommand.self, KeepCommand.self, UnkeepCommand.self,
            ReportCommand.self, WatchCommand.self, PolicyCommand.self,
        ]
    )

    /// Parses the command line and runs the command. An async one runs as a task on SwiftNIO's
    /// event loops (``LoopExecutors``): a one-shot command on this thread made its only loop, the
    /// watcher on the singleton loops while this thread waits. A synchronous `main` leaves
    /// libdispatch's main queue and pool unused.
    static func main() {
        let environment = ProcessEnvironment.current
        // MODELWARDEN_LOG_LEVEL (trace … critical) shows more; the default is warning.
        let level = environment["MODELWARDEN_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        LoggingSystem.bootstrap { label in
            JournalLogHandler(label: label, level: level, environment: environment)
        }
        do {
            var command = try parseAsRoot()
            guard let asyncCommand = command as? any AsyncParsableCommand else { return try command.run() }
            if asyncCommand is WatchCommand {
                SignalThread.blockTakenSignals()  // before any other thread starts
                try runOnSingletonLoops(asyncCommand)
            } else {
                runOnThisThread(asyncCommand)
            }
        } catch {
            exit(withError: error)
        }
    }
}
