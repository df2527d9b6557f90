import CSystemd

#if canImport(Glibc)
import Glibc
#endif

/// Tells the service manager how the service is doing (sd_notify(3)).
public protocol ServiceNotifier: Sendable {
    /// Sends `state`, e.g. `READY=1` or `STATUS=…`.
    func notify(_ state: String)
    /// Half the watchdog interval the manager asked for, or nil when it asked for none.
    var watchdogInterval: Duration? { get }
    /// Whether anyone listens to status lines, so that idle ticks need not build them.
    var wantsStatus: Bool { get }
}

/// sd_notify through libsystemd; does nothing when `$NOTIFY_SOCKET` is unset.
public struct SystemdNotifier: ServiceNotifier {
    public let wantsStatus: Bool
    public let watchdogInterval: Duration?

    /// Creates the notifier, reading `$NOTIFY_SOCKET` and `$WATCHDOG_USEC` once.
    public init() {
        wantsStatus = getenv("NOTIFY_SOCKET") != nil
        var microseconds: UInt64 = 0
        watchdogInterval = sd_watchdog_enabled(0, &microseconds) > 0 && microseconds > 0
            ? .microseconds(Int64(microseconds / 2)) : nil
    }

    public func notify(_ state: String) {
        _ = sd_notify(0, state)
    }

}
