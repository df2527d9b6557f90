import NIOCore
import NIOPosix

/// Sleeps on SwiftNIO's event loops instead of through `Task.sleep`.
///
/// On Linux `Task.sleep` resumes on a libdispatch worker thread, and the first such worker
/// starts libdispatch's pool monitor, a timer that then wakes the process every second for as
/// long as it lives. `modelwarden watch` runs Swift concurrency on NIO's event loops and keeps
/// libdispatch's pool idle; its few sleeps (retry backoff, the settle after an unload) come
/// here so that an unload does not raise the watcher's idle cost for good.
public enum EventLoopSleep {
    /// Suspends for `duration`; throws `CancellationError` if the task is cancelled first.
    public static func sleep(
        for duration: Duration, on loop: any EventLoop = ProcessEventLoops.group.any()
    ) async throws {
        let scheduled = loop.scheduleTask(in: .nanoseconds(max(0, duration.nanoseconds))) {}
        do {
            try await withTaskCancellationHandler {
                try await scheduled.futureResult.get()
            } onCancel: {
                scheduled.cancel()
            }
        } catch EventLoopError.cancelled {
            throw CancellationError()
        }
    }
}
