import ArgumentParser
import Logging
import ServiceLifecycle
import WardenCore

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `modelwarden watch`: the long-running service.
struct WatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Run as a service: watch memory, unload under sustained pressure, and run retention passes on schedule.",
        discussion: """
            Memory (--meminfo, --psi, and with memory.pieces_rss_above the resident memory of \
            Pieces OS's own process under --proc-root) is sampled every schedule.memory_every near \
            memory.unload_below, and less often the further MemAvailable is above it (as if memory \
            could fall by 1 GiB a second), at most every schedule.memory_every_max (10s; set it to \
            memory_every for plain polling). Where the kernel grants one, a PSI trigger on --psi \
            (200 ms of stall in 2 s; systemd's MEMORY_PRESSURE_WATCH and MEMORY_PRESSURE_WRITE \
            when set) wakes the watcher at once; the STATUS= line says which way memory is \
            watched. Pieces OS is \
            asked which models are loaded under pressure and otherwise once a minute; pressure must last memory.sustain before every model is \
            unloaded, and never twice within memory.cooldown. A retention pass runs every \
            schedule.retention_every. Under systemd (Type=notify) it sends READY=1, a STATUS= \
            line, and WATCHDOG=1 when WatchdogSec is set.

            SIGHUP reloads the policy, flags and environment: a new pieces.url or pieces.timeout \
            applies to the next request; a new journal.database is refused until a restart; an \
            invalid policy is rejected and the old one kept. SIGTERM \
            or SIGINT finishes the step in progress and exits 0, cutting short a request to \
            Pieces OS that is still waiting after 4 s.

            Example:
              modelwarden watch --policy-dir /etc/modelwarden/policies.d
              modelwarden watch --notify-desktop        what the user unit runs

            With metrics.textfile or --metrics-file, the Prometheus textfile is written every \
            \(Int(WatchSchedule.metricsEvery)) s (see `report --help` for where its figures come from).

            With --notify-desktop, each notice of deletion also goes to the desktop session's \
            notification server (org.freedesktop.Notifications on the session bus), best \
            effort: without a session bus or a server it is logged once and the pass goes on.
            """)

    @OptionGroup var global: GlobalOptions

    @OptionGroup var metrics: MetricsOptions

    @Flag(help: "Also show each notice of deletion on the desktop, through the session bus (the user units set it).")
    var notifyDesktop = false

    func run() async throws {
        try await reportingFailures {
            let global = self.global, metrics = self.metrics
            let configure = { @Sendable () throws -> WardenConfiguration in
                var configuration = try global.configuration()
                metrics.apply(to: &configuration)
                return configuration
            }
            let configuration = try configure()
            var world = global.world(logging: "modelwarden.watch", clock: { Date() })
            if notifyDesktop { world.desktop = SessionBusNotifier() }
            let service = try WatchService(
                configuration: configuration, reload: configure, world: world,
                notifier: SystemdNotifier(), environment: ProcessInfo.processInfo.environment)
            // The signals are taken by a thread of ours (`main` blocked them), not by the group.
            var grouping = ServiceGroupConfiguration(services: [.init(service: service)], logger: Logger(label: "modelwarden.watch"))
            // A step waiting on a slow Pieces OS (up to pieces.timeout, plus retries) is
            // cancelled after this, so that a stop takes under 5 s; the next pass closes
            // whatever action it left open.
            grouping.maximumGracefulShutdownDuration = WatchService.stopGrace
            let group = ServiceGroup(configuration: grouping)
            try SignalThread.start { signal in
                if signal == SIGHUP { return service.requestReload() }
                Task { await group.triggerGracefulShutdown() }
            }
            try await group.run()
        }
    }
}
