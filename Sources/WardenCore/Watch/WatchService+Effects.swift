import Logging
import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension WatchService {
    /// Carries out the effects that need no wait, feeding their events back (at `now`, on the
    /// idle thread's tick); returns the rest. It runs every second, so it allocates only when
    /// an effect leads to more.
    func runInline(_ effects: [WatchSchedule.Effect], at now: Date? = nil) -> [WatchSchedule.Effect] {
        var queue = effects
        var index = 0
        var deferred: [WatchSchedule.Effect] = []
        func follow(_ event: WatchSchedule.Event) {
            let more = handle(event, at: now)
            if !more.isEmpty { queue += more }
        }
        while index < queue.count {
            let effect = queue[index]
            index += 1
            switch effect {
            case .sampleMemory(let psi, let pieces):
                do {
                    follow(.memory(try sample(psi: psi, pieces: pieces)))
                } catch {
                    world.logger.error("cannot read memory; retrying on schedule", metadata: ["error": "\(error)"])
                    follow(.memory(nil))
                }
            case .recordLoaded(let loaded, let unloaded):
                do {
                    try journal.recordLoaded(loaded, unloaded: unloaded, at: world.clock())
                } catch {
                    world.logger.warning("cannot record the loaded models", metadata: ["error": "\(error)"])
                }
            case .announcePressure(let available, let reason, let signals):
                world.events.send(JournalEntry(
                    .memoryPressure, "memory pressure: \(ByteCount(available)) available",
                    fields: [.reason: reason.rawValue, .bytes: String(available), .signals: signals.map(\.rawValue).joined(separator: ",")]))
            case .publish(let text):
                notifier.notify("STATUS=" + text)
            case .petWatchdog:
                notifier.notify("WATCHDOG=1")
            case .writeMetrics:
                writeMetrics()
            case .checkLoaded, .unload, .runPass, .reload, .stop:
                deferred.append(effect)
            }
        }
        return deferred
    }

    /// Carries out an effect that waits on Pieces OS or the policy; returns the event it ends with.
    func perform(_ effect: WatchSchedule.Effect) async -> WatchSchedule.Event? {
        journal.reopenIfReplaced(logger: world.logger, events: world.events)  // a journal deleted meanwhile is recreated
        switch effect {
        case .checkLoaded(let readCooldown):
            let ids: [String]
            do {
                ids = try await client(state.withLock { $0.configuration.pieces }).loadStates().loadedIDs
                state.withLock { $0.piecesAnswered = true }
            } catch {
                stepFailed("memory step failed; retrying on schedule", error)
                return .loaded(nil, lastUnload: nil)
            }
            do {
                return .loaded(ids, lastUnload: readCooldown ? try journal.lastUnload() : nil)
            } catch {
                stepFailed("cannot read the last unload from the journal; retrying on schedule", error)
                return .loaded(nil, lastUnload: nil)
            }
        case .unload:
            do {
                return .unloaded(try await unload())
            } catch {
                stepFailed("unload failed; retrying on schedule", error)
                return .unloaded(nil)
            }
        case .runPass:
            return .passFinished(summary: await retentionPass())
        case .reload:
            guard let policy = reloadConfiguration() else { return nil }
            _ = runInline(handle(.watching(watchingMode())))
            return .reloaded(policy)
        default:
            return nil
        }
    }

    /// The client for `settings`: kept between steps (and its connection with it), new when
    /// the settings change (a reload) or after Pieces OS failed to answer.
    func client(_ settings: PiecesSettings) async throws -> any ModelsAPI {
        if let kept = state.withLock({ $0.client }), kept.settings == settings { return kept.api }
        let api = try await world.pieces.connect(settings)
        state.withLock { $0.client = (settings, api) }
        return api
    }

    /// A retention pass on the kept client; its summary, or nil when it failed.
    private func retentionPass() async -> String? {
        // A pin `keep` just wrote must hold before the next deletion, without waiting for SIGHUP:
        // files that no longer give the loaded policy are read again (the schedule's own
        // intervals change at the next SIGHUP).
        if !state.withLock({ $0.configuration.loaded.isCurrent() }) { _ = reloadConfiguration() }
        var configuration = state.withLock { $0.configuration }
        configuration.now = world.clock()
        var world = self.world
        world.pieces = KeptClient(service: self)
        do {
            let report = try await PassRunner(configuration: configuration, world: world)
                .run(includeMemory: false, journal: journal, finder: finder)
            state.withLock { $0.piecesAnswered = true }
            return "pass \(report.runID ?? 0): \(report.results.count) action(s), \(report.failed) failed"
        } catch {
            stepFailed("retention pass failed; retrying on schedule", error)
            return nil
        }
    }

    private func unload() async throws -> ActionOutcome.Code {
        let (configuration, sample) = state.withLock { ($0.configuration, $0.schedule.sample) }
        guard let sample else { return .skipped }
        let now = world.clock()
        // The whole snapshot only now: the unload's intent records what the loaded models hold.
        let api = try await client(configuration.pieces)
        let snapshot = try await api.snapshot()
        let runID = try journal.recordRunWithoutSnapshot(kind: .watch, at: now)
        let dryRun = configuration.policy.dryRun
        let actions = ActionProtocol(api: api, journal: journal, runID: runID, now: now, dryRun: dryRun)
        let step = MemoryStep(actions: actions, configuration: configuration, piecesProcess: { [finder] in finder.find(baseURL: api.baseURL) })
        let unload = try await step.unload(snapshot: snapshot, sample: sample)
        try journal.finishRun(
            runID, at: now, failure: [.failed, .unknown].contains(unload.outcome.code) ? .actionFailed : nil,
            journald: world.events.isAvailable)
        for entry in PassEntries.unloadEntries(unload, run: String(runID), dryRun: dryRun ? "1" : "0") {
            world.events.send(entry)
        }
        world.logger.notice("unloaded every model", metadata: ["outcome": "\(unload.outcome.code.rawValue)", "run_id": "\(runID)"])
        return unload.outcome.code
    }

    /// Logs a failed step; when Pieces OS is the cause, the next step connects afresh (it may
    /// have restarted on another port).
    private func stepFailed(_ message: Logger.Message, _ error: any Error) {
        if FailureCategory.of(error) == .piecesUnavailable {
            state.withLock {
                $0.client = nil
                $0.piecesAnswered = false
            }
        }
        if Task.isCancelled {
            world.logger.notice("step cut short to stop in time", metadata: ["error": "\(error)"])
        } else {
            world.logger.warning(message, metadata: ["error": "\(error)"])
        }
    }
}

/// The watcher's connector for its retention passes: its kept client, so a pass neither
/// discovers Pieces OS again nor opens another connection.
private struct KeptClient: PiecesConnector {
    let service: WatchService

    func connect(_ settings: PiecesSettings) async throws -> any ModelsAPI { try await service.client(settings) }
}
