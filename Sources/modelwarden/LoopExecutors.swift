@_spi(ExperimentalCustomExecutors) import _Concurrency
import NIOCore
import NIOPosix
import PiecesModels

/// Swift concurrency's executors in modelwarden: tasks run on SwiftNIO's event loops.
///
/// On Linux the default executor is libdispatch's, and once libdispatch's pool has had a worker
/// its monitor wakes the process every second for as long as it lives: most of an idle
/// watcher's CPU time. Libraries start tasks of their own (the HTTP client one per request), so
/// a task-executor preference is not enough; the default executor itself is replaced, through
/// Swift 6.3's executor factory (an SPI still marked experimental). SwiftNIO's own takeover,
/// `unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()`, looks its hook up
/// with dlsym, and a binary with the static Swift runtime (what make builds) does not export it.
/// The main executor stays the platform's, unused: nothing here runs on the main actor, and a
/// one-shot command's main thread is its event loop.
enum LoopExecutors: ExecutorFactory {
    /// The default executor: the loops ``ProcessEventLoops`` holds (read as ``install()`` runs),
    /// which the HTTP client uses too.
    static let loops = EventLoopTaskExecutor(ProcessEventLoops.group)

    static var mainExecutor: any MainExecutor { PlatformExecutorFactory.mainExecutor }
    static var defaultExecutor: any TaskExecutor { loops }

    /// Makes these the process's executors; call before the first task starts.
    static func install() {
        _createExecutors(factory: LoopExecutors.self)
    }
}
