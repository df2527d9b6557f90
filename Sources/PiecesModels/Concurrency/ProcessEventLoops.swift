import NIOCore
import NIOPosix
import Synchronization

/// The event loops this process runs its tasks, its sleeps and its Pieces OS client on.
///
/// A one-shot command makes its main thread the one loop: a pass does one thing at a time, and
/// a second thread only made the kernel interrupt the other CPU (a TLB shootdown) at each page
/// the program wrote for the first time. The watcher keeps SwiftNIO's singleton loops, so that
/// its memory check runs beside a pass. The executable chooses, before the first task or request.
public enum ProcessEventLoops {
    private struct Choice {
        var group: (any EventLoopGroup)?
        /// Whether ``group`` was read: the HTTP client and the default executor keep what they read.
        var read = false
    }

    private static let choice = Mutex(Choice())

    /// The loops chosen with ``use(_:)``; SwiftNIO's singleton loops when none were.
    public static var group: any EventLoopGroup {
        choice.withLock { choice in
            choice.read = true
            return choice.group ?? NIOSingletons.posixEventLoopGroup
        }
    }

    /// Runs this process's tasks, sleeps and client on `group` from now on. Choosing after the
    /// loops were read would leave the client or the executor on others: a bug, which stops the
    /// program rather than give it threads it was not meant to have.
    public static func use(_ group: any EventLoopGroup) {
        choice.withLock { choice in
            precondition(!choice.read, "ProcessEventLoops.use(_:) after the loops were read")
            choice.group = group
        }
    }
}
