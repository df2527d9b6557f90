import ArgumentParser
import PiecesModels
import WardenCore

/// `modelwarden keep`: pin a model, for a while or for good.
struct KeepCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keep",
        abstract: "Pin a model so that its cache is not deleted: for a while (--for, --until) or for good.",
        discussion: """
            MODEL is an id, a name or a glob (e.g. "Llama-3*"), matched against the models \
            Pieces OS lists now. The pin is a rule (name keep-ID, match on the id, keep: true, \
            keep_until, reason) written to the managed drop-in 90-local.yaml with the same \
            validation, locking and revision as `policy set`, before the file's other rules and \
            so before the rules of every file that loads earlier. Keeping a model again \
            replaces its pin; a pin uses up the notices given so far. Run it with sudo to pin for \
            the system service, which reads /etc/modelwarden/policies.d. An expired pin no longer \
            protects: the model then gets a new notice period (retention.notice_before) before \
            its cache can go as stale.

            Examples:
              modelwarden keep llama-3-8b --for 14d --reason "demo on Friday"
              modelwarden keep "Mistral*" --all --until 2027-01-15
              modelwarden keep phi-3-mini                      for good, until `unkeep`

            Exits 1 when no model matches (listing close names), 64 when MODEL matches several \
            and --all is not given (listing them), 65 when the result would be an invalid policy, \
            69 when Pieces OS is unreachable, 73 when the file cannot be written.
            """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("An id, a name, or a glob on either.", valueName: "model"))
    var model: String

    @Option(name: .customLong("for"), help: ArgumentHelp("Keep it this long from now, e.g. 14d or 12h.", valueName: "duration"))
    var duration: String?

    @Option(help: ArgumentHelp("Keep it until this time: 2027-01-15 (midnight UTC), an ISO 8601 date-time, or +DURATION.", valueName: "time"))
    var until: String?

    @Option(help: ArgumentHelp("Why, in a line of at most \(Pinning.reasonLimit) characters; shown by status, plan and why.", valueName: "text"))
    var reason: String?

    @Flag(help: "Pin every model MODEL matches, not just one.")
    var all = false

    func validate() throws {
        if duration != nil, until != nil { throw ValidationError("give --for or --until, not both") }
        if let duration, PolicyUnits.duration(duration).map({ $0 > .zero }) != true {
            throw ValidationError("--for: \"\(duration)\" is not a duration above 0s such as 14d or 12h")
        }
        if let until, PolicyUnits.instant(until, after: .now) == nil {
            throw ValidationError("--until: \"\(until)\" is neither a date (2027-01-15), an ISO 8601 date-time nor +DURATION")
        }
        if let reason, let problem = Pinning.problem(withReason: reason) { throw ValidationError("--reason \(problem)") }
    }

    func run() async throws {
        try await reportingFailures {
            let configuration = try global.configuration()
            let now = configuration.now
            let expiry = duration.flatMap(PolicyUnits.duration).map { now.addingTimeInterval($0.seconds) }
                ?? until.flatMap { PolicyUnits.instant($0, after: now) }
            if let expiry, expiry <= now {
                throw CommandFailure(.usage, "--until \(HumanTime.describe(expiry)) has already passed")
            }
            let pinning = Pinning(configuration: configuration, world: global.world(logging: "modelwarden.keep"), changer: try global.storage.policyChanger())
            let change = try await pinning.keep(model, all: all, until: expiry, reason: reason)
            let span = expiry.map { "until \(HumanTime.describe($0))" } ?? "for good"
            for label in change.models { StandardStreams.out("kept \(label) \(span)\n") }
            StandardStreams.out(change.revision?.savedLine() ?? "nothing changed\n")
        }
    }
}
