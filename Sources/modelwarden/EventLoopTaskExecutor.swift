@_spi(ExperimentalScheduling) import _Concurrency
import NIOCore
import PiecesModels

/// Runs Swift tasks on SwiftNIO's event loops: each job on the group's next loop.
///
/// The HTTP client runs on these loops anyway, so a process whose tasks run here too needs no
/// other threads, and libdispatch's worker pool, whose monitor wakes the process every second
/// for as long as it lives once it has had a worker, stays unused. As the default executor it
/// must also schedule (`Task.sleep`, a service group's shutdown deadline): a delayed job is a
/// scheduled task of the loop.
final class EventLoopTaskExecutor: TaskExecutor, SchedulingExecutor {
    /// The loops the jobs run on.
    let group: any EventLoopGroup

    /// An executor that runs jobs on the loops of `group`.
    init(_ group: any EventLoopGroup) {
        self.group = group
    }

    /// Runs `job` on the next loop, as that loop's next task.
    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        group.next().execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }

    /// Runs `job` on the next loop once `delay` has passed. Delays of clocks whose durations
    /// are not `Duration` (none in this program) run at once.
    func enqueue<C: Clock>(_ job: consuming ExecutorJob, after delay: C.Duration, tolerance: C.Duration?, clock: C) {
        let job = UnownedJob(job)
        let wait = max(0, (delay as? Duration)?.nanoseconds ?? 0)
        group.next().scheduleTask(in: .nanoseconds(wait)) { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
