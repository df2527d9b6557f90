#if canImport(Glibc)
import Glibc
#endif

/// Runs a tick on a thread of its own, between the watcher's async steps.
///
/// An idle watcher only reads a small file now and then. On Swift's cooperative pool each
/// `Task.sleep` wake-up costs more than the work itself (measured: about 3× what earlyoom
/// spends in total), so idle ticks run on a plain thread that waits in poll(2) (``IdleWait``),
/// and the async world is woken only when there is something to do.
enum IdleTicker {
    /// Calls `tick` on a dedicated thread, waiting as long as it says between calls, until it
    /// returns nil. `wait` waits and tells whether memory pressure (the PSI trigger) ended the
    /// wait early; `tick` is told so.
    static func run(
        waiting wait: @escaping @Sendable (Duration) -> Bool, _ tick: @escaping @Sendable (_ pressure: Bool) -> Duration?
    ) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let box = Box {
                var pressure = false
                while let pause = tick(pressure) { pressure = wait(pause) }
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

    private final class Box: @unchecked Sendable {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
}
