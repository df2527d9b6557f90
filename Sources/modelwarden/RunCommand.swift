import ArgumentParser
import WardenCore

/// `modelwarden run`: one pass, what the timer runs.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one pass: record the models, delete the caches of stale LLMs as the policy says, and report.",
        discussion: """
            A pass loads the policy (invalid: exit 65; insecure permissions: exit 77), opens the \
            journal and takes the pass lock (another pass: exit 75), finds Pieces OS (exit 69 if \
            unreachable), records what changed, closes any action a crash left open, plans, and \
            deletes the caches the plan calls for: intent row, re-check, POST \
            /models/{id}/delete/cache, verification that the model reads downloaded: false, outcome row. Then it \
            samples memory once (--meminfo, --psi, and the resident memory of Pieces OS's own process, found \
            through its port under --proc-root): under pressure, with a model loaded and no \
            unload within the policy's cooldown, it unloads every model the same way and \
            records MemAvailable and Pieces OS's RSS before and after --settle. It prunes old journal rows and \
            writes entries to the systemd journal. With metrics.textfile or --metrics-file it then \
            writes the Prometheus textfile, whether the pass succeeded or not (not when another pass \
            held the lock: that one writes it).

            A pinned, loaded or downloading model, a cloud model, a model that is not an LLM, and \
            one first seen less than min_age ago are never touched. Before it deletes a stale \
            cache, a pass gives notice (retention.notice_before): the notice goes to the \
            journal and to journald (MESSAGE_ID \(JournalEventKind.deletionScheduled.messageID)) with the \
            date and the `modelwarden keep` command that stops it, and the cache goes no sooner \
            than notice_before later. A dry run gives no notice.

            Examples:
              modelwarden run --dry-run          what a pass would do, journaled as a dry run
              modelwarden run --json             the pass as one JSON object

            Pieces OS's answer to a deletion or unload is never taken alone: any 2xx is success; any \
            other answer, a timeout or a reset is judged by the model's state afterwards, and an \
            action that cannot be judged is recorded as unknown and judged again by later passes. \
            Redirects are never followed; each request has one deadline (pieces.timeout) for its \
            whole answer.

            Exit status: 0 done, 1 an action failed or could not be verified, 65, 69, 73, 75, 77 as above.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var metrics: MetricsOptions

    @Flag(help: "Plan, print and journal the plan as a dry run; delete nothing.")
    var dryRun = false

    @Flag(help: "Also show each notice of deletion on the desktop, through the session bus (the user units set it).")
    var notifyDesktop = false

    @Option(help: ArgumentHelp("After unloading, wait this long before sampling MemAvailable again.", valueName: "duration"))
    var settle = "2s"

    func validate() throws {
        guard PolicyUnits.duration(settle) != nil else {
            throw ValidationError("--settle: \"\(settle)\" is not a duration such as 2s")
        }
    }

    @Flag(help: "Print one JSON object: run_id, dry_run, at, pieces_url, policy_digest, memory, pieces_process, disk, actions, kept, expected_freed_bytes, freed_bytes, failed.")
    var json = false

    func run() async throws {
        try await reportingFailures {
            var configuration = try global.configuration()
            configuration.settle = PolicyUnits.duration(settle) ?? .seconds(2)
            metrics.apply(to: &configuration)
            var world = global.world(logging: "modelwarden.pass")
            if notifyDesktop { world.desktop = SessionBusNotifier() }
            let passed: Result<PassReport, any Error>
            do {
                passed = .success(try await PassRunner(configuration: configuration, world: world).run(dryRun: dryRun))
            } catch {
                passed = .failure(error)
            }
            // A failed pass is news for the metrics too (pieces_up, last_pass_success); a pass
            // that found another one running leaves the file to that one.
            if case .failure(let error) = passed, FailureCategory.of(error) == .busy {} else {
                MetricsRefresh.afterPass(configuration, logger: world.logger)
            }
            let report = try passed.get()
            StandardStreams.out(json ? try JSONOutput.render(report) : report.renderTable())
            if let failure = report.failure { throw ExitCode(ExitStatus(failure).rawValue) }
        }
    }
}
