import Logging
import PiecesModels
import ServiceLifecycle
import Synchronization
import UnixSignals

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `modelwarden watch`: the long-running service.
///
/// Memory is sampled every `schedule.memory_every`; the loaded models are sampled under
/// pressure and otherwise every minute, so `last_used` is precise to the minute. Pressure must
/// last `memory.sustain` before an unload, and `memory.cooldown` holds across restarts because
/// the journal keeps it. A retention pass runs every
/// `schedule.retention_every`. A failed sample or an absent Pieces OS is logged and retried on
/// schedule. SIGHUP reloads the policy; an invalid one is rejected and the old one kept.
/// Graceful shutdown (SIGTERM, SIGINT) finishes the step in progress; cancellation (after
/// ``stopGrace``) cuts it short.
public final class WatchService: Service, Sendable {
    private let state: Mutex<WatchState>
    private let reload: @Sendable () throws -> LoadedPolicy
    private let events: any EventSink
    private let notifier: any ServiceNotifier
    private let clock: @Sendable () -> Date
    private static let logger = Logger(label: "modelwarden.watch")

    /// Creates the service. `reload` loads the policy again on SIGHUP; `clock` is the time.
    public init(
        configuration: WardenConfiguration, reload: @escaping @Sendable () throws -> LoadedPolicy,
        events: any EventSink = SystemdJournal(), notifier: any ServiceNotifier = SystemdNotifier(),
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.state = Mutex(WatchState(configuration: configuration))
        self.reload = reload
        self.events = events
        self.notifier = notifier
        self.clock = clock
    }

    public func run() async throws {
        _ = try openJournal(state.withLock { $0.configuration })
        // Trap SIGHUP before READY=1: a reload asked for right after start must not kill us.
        let hangups = await UnixSignalsSequence(trapping: .sighup)
        notifier.notify("READY=1")
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { [self] in
                for await _ in hangups {
                    state.withLock { $0.reloadRequested = true }
                }
            }
            await loop()
            group.cancelAll()
        }
    }

    private func loop() async {
        var nextRetention = clock()
        await withGracefulShutdownHandler {
            while !state.withLock({ $0.stopping }), !Task.isCancelled {
                if state.withLock({ $0.reloadRequested }) { reloadPolicy() }
                let configuration = state.withLock { $0.configuration }
                let schedule = configuration.policy.policy.schedule
                if clock() >= nextRetention {
                    await retentionStep(configuration)
                    nextRetention = clock().addingTimeInterval(schedule.retentionEvery.seconds)
                }
                await memoryStep(configuration)
                publishStatus()
                if state.withLock({ $0.stopping }) || Task.isCancelled { break }
                await idle(until: nextRetention, every: schedule.memoryEvery, configuration: configuration)
            }
        } onGracefulShutdown: { [self] in
            state.withLock { $0.stopping = true }
        }
        Self.logger.notice("stopping")
    }

    /// Samples memory on the idle thread until something needs the async world: pressure, a
    /// snapshot or a retention pass due, a reload, or shutdown.
    private func idle(until nextRetention: Date, every interval: Duration, configuration: WardenConfiguration) async {
        let memory = configuration.policy.policy.memory
        let sampler = MemoryProbe.Sampler(configuration.memoryProbe)
        let wake: @Sendable () -> Bool = { [self] in
            let now = clock()
            petWatchdog(now)
            return state.withLock { state in
                state.stopping || state.reloadRequested
                    || now >= nextRetention || now.timeIntervalSince(state.lastSnapshot) >= Self.snapshotEvery
            }
        }
        await IdleTicker.run(every: interval, wake: wake) { [self] in
            // PSI is read only when the policy uses it.
            let psi = memory.psiSomeAvg10Above != nil
            guard let sample = try? sampler.sample(includingPSI: psi) else { return true }  // the async step reports it
            if state.withLock({ $0.pressureSince != nil }) || PressureDecision.isPressure(sample, memory) { return true }
            if notifier.wantsStatus {
                state.withLock { $0.memory = "\(ByteCount(sample.memInfo.availableBytes)) available, no_pressure" }
                publishStatus()
            }
            return false
        }
    }

    private func petWatchdog(_ now: Date) {
        guard let interval = notifier.watchdogInterval else { return }
        let due = state.withLock { state in
            guard now >= state.nextWatchdog else { return false }
            state.nextWatchdog = now.addingTimeInterval(interval.seconds)
            return true
        }
        if due { notifier.notify("WATCHDOG=1") }
    }

    private func publishStatus() {
        let status: String? = state.withLock { state in
            let status = state.status
            guard status != state.publishedStatus else { return nil }
            state.publishedStatus = status
            return status
        }
        if let status { notifier.notify("STATUS=" + status) }
        petWatchdog(clock())
    }

    private func reloadPolicy() {
        state.withLock { $0.reloadRequested = false }
        do {
            let policy = try reload()
            state.withLock { $0.configuration.adopt(policy) }
            Self.logger.notice("policy reloaded", metadata: ["digest": "\(policy.digest)"])
        } catch {
            let message = CommandFailure(error).message
            events.send(JournalEntry(.policyRejected, "new policy rejected; keeping the old one: \(message)"))
            Self.logger.error("new policy rejected; keeping the old one", metadata: ["error": "\(message)"])
        }
    }

    private func retentionStep(_ configuration: WardenConfiguration) async {
        var configuration = configuration
        configuration.now = clock()
        do {
            let report = try await PassRunner(configuration: configuration, events: events)
                .run(includeMemory: false, journal: openJournal(configuration))
            state.withLock { $0.lastPass = "pass \(report.runID ?? 0): \(report.results.count) action(s), \(report.failed) failed" }
        } catch {
            logStepFailure("retention pass failed; retrying on schedule", error)
        }
    }

    private func memoryStep(_ configuration: WardenConfiguration) async {
        let now = clock()
        do {
            let journal = try openJournal(configuration)
            let memory = configuration.policy.policy.memory
            let sample: MemorySample
            do {
                sample = try configuration.memoryProbe.sample()
            } catch {
                Self.logger.error("cannot read memory; retrying on schedule", metadata: ["error": "\(error)"])
                state.withLock { $0.memory = "memory unreadable" }
                return
            }
            // Pieces OS is asked for the loaded models here, under pressure or every
            // `snapshotEvery`; the idle ticks between only read the memory files.
            // Counted as tried even if it fails, so an absent Pieces OS is retried on schedule.
            state.withLock { $0.lastSnapshot = now }
            let existing = state.withLock { $0.client }
            let client = if let existing { existing } else { try await connect(configuration) }
            let loaded: [String]
            do {
                loaded = try await client.loadStates().loadedIDs
            } catch {
                state.withLock { $0.client = nil }  // rediscover next time
                throw error
            }
            try recordLoaded(loaded, journal: journal, at: now)
            let step = MemoryStep(
                client: client, journal: journal, runID: 0, now: now, probe: configuration.memoryProbe,
                memory: memory, settle: configuration.settle)
            let since = state.withLock { $0.pressureSince }
            let decision = try step.decide(sample, anyLoaded: !loaded.isEmpty, pressureSince: since, sustained: true)
            state.withLock {
                $0.pressureSince = decision.pressureSince
                $0.memory = "\(ByteCount(sample.memInfo.availableBytes)) available, \(decision.reason.rawValue)"
            }
            if decision.pressure, since == nil {
                events.send(JournalEntry(
                    .memoryPressure, "memory pressure: \(ByteCount(sample.memInfo.availableBytes)) available",
                    fields: [.reason: decision.reason.rawValue, .bytes: String(sample.memInfo.availableBytes)]))
            }
            guard decision.unload else { return }
            let dryRun = configuration.policy.policy.dryRun
            // The whole snapshot only now: the unload's intent records what the loaded models hold.
            let snapshot = try await client.snapshot()
            let runID = try journal.recordRunWithoutSnapshot(kind: .watch, at: now)
            let unload = try await step.act(snapshot: snapshot, sample: sample, runID: runID, dryRun: dryRun)
            try journal.finishRun(runID, at: now, exitStatus: unload.outcome.code == .failed ? .actionsFailed : .ok, journald: events.isAvailable)
            var unloaded = MemoryReport(sample: sample, decision: decision)
            unloaded.unload = unload
            let entries = PassEntries.memoryEntries(unloaded, run: String(runID), dryRun: dryRun ? "1" : "0").dropFirst()
            for entry in entries { events.send(entry) }
            state.withLock { $0.lastAction = "unload \(unload.outcome.code.rawValue) at \(HumanTime.describe(now))" }
            Self.logger.notice("unloaded every model", metadata: ["outcome": "\(unload.outcome.code.rawValue)", "run_id": "\(runID)"])
        } catch {
            logStepFailure("memory step failed; retrying on schedule", error)
            state.withLock { $0.memory = "Pieces OS or the journal unavailable" }
        }
    }

    /// How long a stop waits for the step in progress before cancelling it.
    public static let stopGrace: Duration = .seconds(4)

    private func logStepFailure(_ message: Logger.Message, _ error: any Error) {
        if Task.isCancelled {
            Self.logger.notice("step cut short to stop in time", metadata: ["error": "\(CommandFailure(error).message)"])
        } else {
            Self.logger.warning(message, metadata: ["error": "\(CommandFailure(error).message)"])
        }
    }

    /// How often an idle watcher asks Pieces OS which models are loaded.
    static let snapshotEvery: TimeInterval = 60

    /// The journal, opened once and kept (reopened if the path changes with a new policy).
    private func openJournal(_ configuration: WardenConfiguration) throws -> JournalDatabase {
        if let journal = state.withLock({ $0.journal }), journal.path == configuration.journal.path { return journal.database }
        let database = try JournalDatabase.open(at: configuration.journal)
        state.withLock { $0.journal = (configuration.journal.path, database) }
        return database
    }

    /// Writes `last_loaded` when the set of loaded models changes, and otherwise every five
    /// minutes: precise enough for staleness measured in days, and cheap (a commit costs an
    /// fsync). A change also stamps the models that were just unloaded, so the moment each
    /// one left memory is recorded to within a snapshot.
    private func recordLoaded(_ ids: [String], journal: JournalDatabase, at now: Date) throws {
        let loaded = Set(ids)
        let previous = state.withLock { $0.lastLoaded }
        guard loaded != previous.ids || now.timeIntervalSince(previous.written) >= Self.loadedWriteEvery else { return }
        try journal.recordLoaded(loaded, unloaded: previous.ids, at: now)
        state.withLock { $0.lastLoaded = (loaded, now) }
    }

    /// How often an unchanged set of loaded models is written to the journal.
    static let loadedWriteEvery: TimeInterval = 300

    private func connect(_ configuration: WardenConfiguration) async throws -> PiecesHTTPClient {
        let endpoint = try await PiecesDiscovery().endpoint(configured: configuration.piecesURL, allowRemote: configuration.allowRemote)
        let client = PiecesHTTPClient(endpoint: endpoint, timeout: configuration.requestTimeout)
        state.withLock { $0.client = client }
        return client
    }
}

/// What the watcher carries from one step to the next.
struct WatchState: Sendable {
    var configuration: WardenConfiguration
    var reloadRequested = false
    var pressureSince: Date?
    var client: PiecesHTTPClient?
    var memory = "starting"
    var lastPass = "no pass yet"
    var lastAction = "no unload yet"
    var lastLoaded: (ids: Set<String>, written: Date) = ([], .distantPast)
    var lastSnapshot = Date.distantPast
    var journal: (path: String, database: JournalDatabase)?
    var stopping = false
    var nextWatchdog = Date.distantPast
    var publishedStatus = ""

    /// The human `STATUS=` line.
    var status: String { "memory: \(memory); \(lastPass); \(lastAction)" }
}

extension WardenConfiguration {
    /// Takes the values a policy sets, keeping what flags and the environment set.
    mutating func adopt(_ policy: LoadedPolicy) {
        self.policy = policy
        allowRemote = policy.policy.pieces.allowRemote
        requestTimeout = policy.policy.pieces.timeout
        journalKeep = policy.policy.journal.keep
    }
}
