import Logging
import PiecesModels
import ServiceLifecycle
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `modelwarden watch`: the long-running service, a thin loop around ``WatchSchedule``.
///
/// The schedule decides; this loop feeds it events and carries out its effects. Cheap effects
/// (a memory sample, `STATUS=`, `WATCHDOG=1`, a journal write) run on the idle thread between
/// wake-ups; those that wait on Pieces OS (the loaded-models check, an unload, a retention
/// pass, a reload) run on the async side. SIGHUP rebuilds the whole configuration: a new
/// `pieces` section takes effect at once through a new client; a new `journal.database` is
/// refused (the open journal stays). A stop finishes the step in progress; cancellation
/// (after ``stopGrace``) cuts it short.
public final class WatchService: Service, Sendable {
    let state: Mutex<WatchState>
    let reload: @Sendable () throws -> WardenConfiguration
    let world: OutsideWorld
    let notifier: any ServiceNotifier
    let sampler: MemoryProbe.Sampler
    let finder: PiecesProcessFinder
    let journal: JournalDatabase
    let host = MetricsRefresh.hostName()
    /// The PSI trigger the idle thread waits on; nil when the kernel refused one, or it failed.
    let trigger: Mutex<MemoryPressureTrigger?>
    /// What the idle thread sleeps on; a stop or a reload rings it.
    let idleWait = IdleWait()

    /// How long a stop waits for the step in progress before cancelling it.
    public static let stopGrace: Duration = .seconds(4)

    /// Opens the journal and the PSI trigger (systemd's, from `environment`, or one of its
    /// own) and creates the service; `reload` builds the configuration afresh on SIGHUP.
    public init(
        configuration: WardenConfiguration, reload: @escaping @Sendable () throws -> WardenConfiguration,
        world: OutsideWorld, notifier: any ServiceNotifier, environment: [String: String] = [:]
    ) throws {
        let schedule = WatchSchedule(
            policy: configuration.policy, watchdogEvery: notifier.watchdogInterval, publishesStatus: notifier.wantsStatus,
            metricsFlag: configuration.metricsFileOverride != nil)
        self.state = Mutex(WatchState(configuration: configuration, schedule: schedule))
        self.reload = reload
        self.world = world
        self.notifier = notifier
        self.sampler = MemoryProbe.Sampler(configuration.memoryProbe)
        let journal = try JournalDatabase.open(at: configuration.journal)
        self.journal = journal
        self.finder = PiecesProcessFinder(procRoot: configuration.procRoot, logger: world.logger)
        switch MemoryPressureTrigger.open(psiPath: configuration.memoryProbe.psiPath, environment: environment) {
        case .success(let opened):
            trigger = Mutex(opened)
            world.logger.notice("waiting on a PSI trigger between memory samples", metadata: ["trigger": "\(opened.description)"])
        case .failure(let reason):
            trigger = Mutex(nil)
            world.logger.notice("no PSI trigger; polling memory only", metadata: ["reason": "\(reason)"])
        }
    }

    /// Runs until a graceful shutdown. The caller takes the signals (``SignalThread``): SIGHUP
    /// becomes ``requestReload()``, a stop the service group's graceful shutdown.
    public func run() async throws {
        notifier.notify("READY=1")
        await withGracefulShutdownHandler {
            await loop()
        } onGracefulShutdown: { [self] in
            state.withLock { $0.stopRequested = true }
            idleWait.ring()
        }
        world.logger.notice("stopping")
    }

    /// Asks for a reload (SIGHUP): the policy and the configuration are read again before the next step.
    public func requestReload() {
        state.withLock { $0.reloadRequested = true }
        idleWait.ring()
    }

    private func loop() async {
        var pending = runInline(handle(.watching(watchingMode())) + handle(.started))
        // Start-up and reloads run code (argument parsing, YAML, migrations) an idle watcher
        // does not: its pages go back before the watcher idles. After a pass they would not
        // pay: the minute's loaded check and the snapshot commit fault most of them back in,
        // at twice the idle CPU time over the next five minutes (measured).
        var releasesPages = true
        while !Task.isCancelled {
            if pending.isEmpty {
                if releasesPages, let bytes = ExecutablePages.release() {
                    world.logger.debug("gave back the program's pages", metadata: ["bytes": "\(bytes)"])
                }
                releasesPages = false
                pending = await idle()
                continue
            }
            var next: [WatchSchedule.Effect] = []
            for effect in pending {
                // A stop asked for during a step ends the loop before the next one starts.
                if effect == .stop || state.withLock({ $0.stopRequested }) { return }
                if effect == .reload { releasesPages = true }
                let (event, held) = await whileTicking { [self] in await perform(effect) }
                next += held
                if let event { next += runInline(handle(event)) }
            }
            pending = next
        }
    }

    /// Ticks on the idle thread until an effect needs the async side.
    private func idle() async -> [WatchSchedule.Effect] {
        let found = Mutex<[WatchSchedule.Effect]>([])
        let wait: @Sendable (Duration) -> Bool = { @Sendable [self] (pause: Duration) -> Bool in waitForPressure(upTo: pause) }
        let longest: Double = idleWait.rings ? 60 : 1
        await IdleTicker.run(waiting: wait) { [self] (pressure: Bool) -> Duration? in
            // One lock a tick for the signals and the schedule: this runs every second.
            let now = world.clock()
            let ticked: [WatchSchedule.Effect] = state.withLock { state in
                let woken = pressure ? state.schedule.handle(.pressureWake, at: now) : []
                guard state.reloadRequested || state.stopRequested else { return woken + state.schedule.handle(.tick, at: now) }
                // A reload asked for before the stop still happens.
                var effects = state.reloadRequested ? state.schedule.handle(.reloadRequested, at: now) : []
                state.reloadRequested = false
                if state.stopRequested { effects += state.schedule.handle(.stopRequested, at: now) }
                return woken + effects + state.schedule.handle(.tick, at: now)
            }
            let effects = runInline(ticked, at: now)
            if !effects.isEmpty {
                found.withLock { $0 = effects }
                return nil
            }
            // Rounded up: a wake even a little before the due time finds nothing due and costs
            // a second wake (measured: twice the wake-ups of an idle watcher). A stop or a
            // reload rings the doorbell; without one, the thread looks every second.
            let wake = state.withLock { $0.schedule.nextWake }.timeIntervalSince(now)
            return .nanoseconds(Int64((min(longest, max(0.001, wake)) * 1e9).rounded(.up)))
        }
        return found.withLock { $0 }
    }

    /// Runs `step` while the schedule keeps ticking: a pass waiting on a slow Pieces OS may take
    /// longer than the watchdog allows, and memory must still be watched meanwhile. A tick in
    /// flight only samples memory and pets the watchdog; anything else it asks for is returned
    /// to run after the step.
    private func whileTicking(_ step: @escaping @Sendable () async -> WatchSchedule.Event?) async -> (WatchSchedule.Event?, [WatchSchedule.Effect]) {
        enum Ended: Sendable { case step(WatchSchedule.Event?), ticks([WatchSchedule.Effect]) }
        let every = min(.seconds(1), state.withLock { $0.schedule.heartbeatEvery } ?? .seconds(1))
        // The step and the ticks pinned to loops of their own: the step's synchronous stretches
        // (decoding 10,000 models) would otherwise hold the ticks up whenever an answer resumed
        // the step on the ticks' loop.
        let loops = EventLoopTaskExecutor.currentAndBeside()
        return await withTaskGroup(of: Ended.self) { group in
            group.addTask(executorPreference: loops.current) { .step(await step()) }
            group.addTask(executorPreference: loops.beside) { [self] in
                var held: [WatchSchedule.Effect] = []
                while (try? await EventLoopSleep.sleep(for: every)) != nil { held += runInline(handle(.tick)) }
                return .ticks(held)
            }
            var event: WatchSchedule.Event?
            var held: [WatchSchedule.Effect] = []
            while let ended = await group.next() {
                switch ended {
                case .step(let ending):
                    event = ending
                    group.cancelAll()
                case .ticks(let effects): held = effects
                }
            }
            return (event, held)
        }
    }

    /// Feeds `event` to the schedule at `now` (the clock's time when nil).
    func handle(_ event: WatchSchedule.Event, at now: Date? = nil) -> [WatchSchedule.Effect] {
        let now = now ?? world.clock()
        return state.withLock { $0.schedule.handle(event, at: now) }
    }
}

/// What the watcher carries from one step to the next.
struct WatchState: Sendable {
    var configuration: WardenConfiguration
    var schedule: WatchSchedule
    var client: (settings: PiecesSettings, api: any ModelsAPI)?
    var reloadRequested = false
    var stopRequested = false
    /// Why the textfile could not be written last time; nil after a write, "" before the first.
    var metricsFailure: String? = ""
    /// Whether Pieces OS answered the latest request of a step (nil before the first), for the
    /// textfile between passes.
    var piecesAnswered: Bool?
}
