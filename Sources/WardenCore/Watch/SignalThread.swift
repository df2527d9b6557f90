#if canImport(Glibc)
import Glibc
#endif

/// Takes the watcher's signals (SIGTERM, SIGINT, SIGHUP) on a thread of its own, with sigwait(2).
///
/// swift-service-lifecycle's signal sequences are libdispatch sources, and resuming one starts a
/// libdispatch worker, whose pool monitor then wakes the process every second for as long as it
/// lives: the largest part of an idle watcher's CPU time (found with gdb, measured with perf).
/// A signal that every thread blocks waits for sigwait instead, so `main` blocks these before it
/// starts any other thread, and every thread inherits the mask.
public enum SignalThread {
    /// The signals taken: a stop (SIGTERM, SIGINT) and a reload (SIGHUP).
    public static let taken: [Int32] = [SIGTERM, SIGINT, SIGHUP]

    /// A thread that could not be started.
    public struct Unavailable: Error, CustomStringConvertible {
        /// pthread_create's error number.
        public var code: Int32
        /// What went wrong, for the log and the exit message.
        public var description: String { "cannot start the thread that takes signals: \(String(cString: strerror(code)))" }
    }

    /// Blocks the taken signals in the calling thread; threads it starts afterwards inherit that.
    /// Until ``start(_:)`` runs, they stay pending: none is lost, and none kills the process.
    public static func blockTakenSignals() {
        var set = takenSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Starts the thread, which calls `handler` with each taken signal, for as long as the process lives.
    public static func start(_ handler: @escaping @Sendable (Int32) -> Void) throws(Unavailable) {
        let context = Unmanaged.passRetained(Handler(handler)).toOpaque()
        var thread = pthread_t()
        let created = pthread_create(&thread, nil, { context in
            guard let context else { return nil }
            let handler = Unmanaged<Handler>.fromOpaque(context).takeRetainedValue()
            var set = SignalThread.takenSet()
            var signal: Int32 = 0
            while true {
                if sigwait(&set, &signal) == 0 { handler.call(signal) }
            }
        }, context)
        guard created == 0 else {
            Unmanaged<Handler>.fromOpaque(context).release()
            throw Unavailable(code: created)
        }
        pthread_detach(thread)
    }

    static func takenSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in taken { sigaddset(&set, signal) }
        return set
    }

    private final class Handler: Sendable {
        let call: @Sendable (Int32) -> Void
        init(_ call: @escaping @Sendable (Int32) -> Void) { self.call = call }
    }
}
