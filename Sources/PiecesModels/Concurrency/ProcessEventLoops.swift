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
    private static let chosen = Mutex<(any EventLoopGroup)?>(nil)

    /// The loops chosen with ``use(_:)``; SwiftNIO's singleton loops when none were.
    public static var group: any EventLoopGroup {
        chosen.withLock { $0 } ?? NIOSingletons.posixEventLoopGroup
    }

    /// Runs this process's tasks, sleeps and client on `group` from now on.
    public static func use(_ group: any EventLoopGroup) {
        chosen.withLock { $0 = group }
    }
}
