#if canImport(Glibc)
import Glibc
#endif

/// Runs a tick on a thread of its own, between the watcher's async steps.
///
/// An idle watcher only reads two small files a second. On Swift's cooperative pool each
/// `Task.sleep` wake-up costs more than the work itself (measured: about 3× what earlyoom
/// spends in total), so idle ticks run on a plain thread that sleeps with nanosleep(2), and the
/// async world is woken only when there is something to do.
enum IdleTicker {
    /// Calls `tick` on a dedicated thread, waiting as long as it says between calls, until it
    /// returns nil. `wait` waits (on a PSI trigger, say) and tells whether memory pressure ended
    /// the wait early; `tick` is told so. Without one, the thread sleeps.
    static func run(
        waiting wait: (@Sendable (Duration) -> Bool)? = nil, _ tick: @escaping @Sendable (_ pressure: Bool) -> Duration?
    ) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let box = Box {
                var pressure = false
                while let pause = tick(pressure) {
                    if let wait { pressure = wait(pause) } else { sleep(for: pause) }
                }
                continuation.resume()
            }
            var thread = pthread_t()
            let context = Unmanaged.passRetained(box).toOpaque()
            let created = pthread_create(&thread, nil, { context in
                guard let context else { return nil }
                let box = Unmanaged<Box>.fromOpaque(context).takeRetainedValue()
                box.body()
                return nil
            }, context)
            if created == 0 {
                pthread_detach(thread)
            } else {
                Unmanaged<Box>.fromOpaque(context).release()
                continuation.resume()
            }
        }
    }

    private static func sleep(for duration: Duration) {
        let (seconds, attoseconds) = duration.components
        var pause = timespec(tv_sec: Int(seconds), tv_nsec: Int(attoseconds / 1_000_000_000))
        var remaining = timespec()
        while nanosleep(&pause, &remaining) != 0, errno == EINTR { pause = remaining }
    }

    private final class Box: @unchecked Sendable {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
}
