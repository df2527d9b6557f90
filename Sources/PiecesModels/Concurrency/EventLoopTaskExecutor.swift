@_spi(ExperimentalScheduling) import _Concurrency
import NIOCore
import NIOPosix

/// Runs Swift tasks on SwiftNIO's event loops: a job stays on the loop it was enqueued from.
///
/// The HTTP client runs on these loops anyway, so a process whose tasks run here too needs no
/// other threads, and libdispatch's worker pool, whose monitor wakes the process every second
/// for as long as it lives once it has had a worker, stays unused. As the default executor it
/// must also schedule (`Task.sleep`, a service group's shutdown deadline): a delayed job is a
/// scheduled task of the loop. Package-wide, not public: scheduling is still an SPI of Swift's.
///
/// A job enqueued on one of the group's loops (a task resumed by the HTTP client's answer)
/// runs on that loop, as SwiftNIO's own executor takeover does: handing every job to the next
/// loop in turn made a pass wake the other loop's thread at each `await` (measured: a quarter
/// of its context switches, 1–3 ms of a 25 ms pass). Work that must not wait behind the
/// current loop pins itself with ``currentAndBeside(in:)``.
package final class EventLoopTaskExecutor: TaskExecutor, SchedulingExecutor {
    /// The loops the jobs run on.
    package let group: any EventLoopGroup

    /// An executor that runs jobs on the loops of `group`; a single loop is a group of one.
    package init(_ group: any EventLoopGroup) {
        self.group = group
    }

    /// Two executors for work that runs side by side: `current` on the loop this code runs on
    /// (the group's next loop when it runs on none of them) and `beside` on another loop when
    /// the group has one. A task pinned to either stays there whichever loop resumes it, where
    /// an unpinned one would follow the loop that answered it (the HTTP client may answer on any).
    /// The default group, SwiftNIO's singleton loops, is the watcher's ``ProcessEventLoops``
    /// (a one-shot command has one loop and no work beside it).
    package static func currentAndBeside(
        in group: MultiThreadedEventLoopGroup = NIOSingletons.posixEventLoopGroup
    ) -> (current: EventLoopTaskExecutor, beside: EventLoopTaskExecutor) {
        let current = group.makeIterator().first { $0.inEventLoop } ?? group.next()
        let beside = group.makeIterator().first { $0 !== current } ?? current
        return (EventLoopTaskExecutor(current), EventLoopTaskExecutor(beside))
    }

    /// Runs `job` as the next task of the current loop when it is one of the group's, else of
    /// the group's next loop.
    package func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        group.any().execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Runs `job` on the loop ``enqueue(_:)`` picks once `delay` has passed. Delays of clocks
    /// whose durations are not `Duration` (none in this program) run at once.
    package func enqueue<C: Clock>(_ job: consuming ExecutorJob, after delay: C.Duration, tolerance: C.Duration?, clock: C) {
        let job = UnownedJob(job)
        let wait = max(0, (delay as? Duration)?.nanoseconds ?? 0)
        group.any().scheduleTask(in: .nanoseconds(wait)) { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
