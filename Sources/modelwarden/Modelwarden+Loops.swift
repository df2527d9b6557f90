import ArgumentParser
import NIOCore
import NIOPosix
import PiecesModels

extension Modelwarden {
    /// Runs a one-shot command as a task on an event loop made of this thread, the process's
    /// only one, and exits with the command's status as the task ends.
    ///
    /// A pass does one thing at a time. With a second thread, each page the program wrote for
    /// the first time made the kernel interrupt the other CPU to flush its TLB: 9% of a pass's
    /// CPU samples (`perf record`), gone on one thread.
    static func runOnThisThread(_ command: sending any AsyncParsableCommand) {
        let handoff = Handoff(command: command)
        MultiThreadedEventLoopGroup.withCurrentThreadAsEventLoop { loop in
            ProcessEventLoops.use(loop)
            LoopExecutors.install()
            Task {
                var command = handoff.command
                do {
                    try await command.run()
                    exit()
                } catch {
                    exit(withError: error)
                }
            }
        }
    }

    /// Carries the parsed command into the loop's callback, which runs once, on this thread,
    /// and on into the task, which alone uses it from then on.
    private struct Handoff: @unchecked Sendable {
        let command: any AsyncParsableCommand
    }

    /// Runs the watcher as a task on SwiftNIO's singleton loops; returns or throws as it does.
    static func runOnSingletonLoops(_ command: sending any AsyncParsableCommand) throws {
        // Two loops, not one per core: the watcher's memory check runs beside its step. Set
        // before the loops exist.
        NIOSingletons.groupLoopCountSuggestion = 2
        LoopExecutors.install()
        let ended = NIOSingletons.posixEventLoopGroup.next().makePromise(of: Void.self)
        Task {
            var command = command
            do {
                try await command.run()
                ended.succeed()
            } catch {
                ended.fail(error)
            }
        }
        // This thread is none of the loops', so waiting here cannot hold the task up.
        try ended.futureResult.wait()
    }
}
