#if canImport(Glibc)
import Glibc
#endif

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A kernel PSI trigger on memory: a descriptor that `poll(2)` reports readable the moment
/// tasks stall on memory, so the idle watcher can sleep long and still wake at once.
///
/// It honours systemd's `$MEMORY_PRESSURE_WATCH` and `$MEMORY_PRESSURE_WRITE` (systemd ≥ 254,
/// `MemoryPressureWatch=`): a PSI file gets the trigger systemd chose, a socket or FIFO is read.
/// Otherwise it writes `some 200000 2000000` (200 ms of stall in a 2 s window, systemd's own
/// default; unprivileged processes may only use multiples of 2 s) to the PSI file. Kernels
/// before 6.4 refuse unprivileged triggers, so ``open(psiPath:environment:)`` says why there is
/// none and the watcher polls. Used by the watcher's idle thread only.
public final class MemoryPressureTrigger: @unchecked Sendable {
    /// What a wait ended with.
    public enum Wake: Equatable, Sendable {
        /// The time ran out, or something else ended the wait.
        case timeout
        /// The kernel (or systemd's socket) reported memory pressure.
        case pressure
        /// The descriptor is no longer usable (the file went away, the socket closed): why.
        case failed(String)
    }

    /// What is watched, for the status line: `PSI trigger on /proc/pressure/memory`.
    public let description: String
    private let descriptor: Int32
    private let events: Int16

    /// The trigger written when systemd gives none: `some` stall of 200 ms in a 2 s window.
    public static let defaultTrigger = "some 200000 2000000"

    private init(descriptor: Int32, events: Int16, description: String) {
        self.descriptor = descriptor
        self.events = events
        self.description = description
    }

    deinit { close(descriptor) }

    /// Opens the trigger systemd asks for in `environment`, else one on `psiPath`; or says
    /// why none can be had (no PSI, no permission, a kernel that refuses the window).
    public static func open(psiPath: String, environment: [String: String]) -> Result<MemoryPressureTrigger, TriggerUnavailable> {
        if let watched = environment["MEMORY_PRESSURE_WATCH"], !watched.isEmpty {
            if watched == "/dev/null" { return .failure(TriggerUnavailable("systemd turned memory pressure watching off")) }
            let payload = environment["MEMORY_PRESSURE_WRITE"].flatMap { Data(base64Encoded: $0) }.map { [UInt8]($0) }
            return open(path: watched, payload: payload, by: "systemd's MEMORY_PRESSURE_WATCH")
        }
        return open(path: psiPath, payload: Array((defaultTrigger + "\0").utf8), by: "a PSI trigger")
    }

    private static func open(path: String, payload: [UInt8]?, by origin: String) -> Result<MemoryPressureTrigger, TriggerUnavailable> {
        var status = stat()
        guard stat(path, &status) == 0 else { return .failure(TriggerUnavailable(path, errno)) }
        switch status.st_mode & S_IFMT {
        case S_IFSOCK:
            let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard descriptor >= 0 else { return .failure(TriggerUnavailable(path, errno)) }
            guard connectUnix(descriptor, path), payload.map({ write(descriptor, $0, $0.count) == $0.count }) ?? true else {
                let failure = TriggerUnavailable(path, errno)
                close(descriptor)
                return .failure(failure)
            }
            return .success(MemoryPressureTrigger(descriptor: descriptor, events: Int16(POLLIN), description: "\(origin) on \(path)"))
        case S_IFIFO:
            let descriptor = Glibc.open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { return .failure(TriggerUnavailable(path, errno)) }
            return .success(MemoryPressureTrigger(descriptor: descriptor, events: Int16(POLLIN), description: "\(origin) on \(path)"))
        default:
            let descriptor = Glibc.open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC)
            guard descriptor >= 0 else { return .failure(TriggerUnavailable(path, errno)) }
            let trigger = payload ?? Array((defaultTrigger + "\0").utf8)
            guard write(descriptor, trigger, trigger.count) >= 0 else {
                let failure = TriggerUnavailable(path, errno)
                close(descriptor)
                return .failure(failure)
            }
            return .success(MemoryPressureTrigger(descriptor: descriptor, events: Int16(POLLPRI), description: "\(origin) on \(path)"))
        }
    }

    /// Connects `descriptor` to the Unix socket at `path` (false, with errno set, if it cannot).
    private static func connectUnix(_ descriptor: Int32, _ path: String) -> Bool {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            errno = ENAMETOOLONG
            return false
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in raw.copyBytes(from: bytes) }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
    }

    /// The entry `poll(2)` watches this trigger with (``IdleWait`` polls it beside its doorbell).
    var pollEntry: pollfd { pollfd(fd: descriptor, events: events, revents: 0) }

    /// What `revents` from `poll(2)` say, reading what a socket or FIFO sent.
    func woken(_ revents: Int16) -> Wake {
        if revents == 0 { return .timeout }
        if revents & Int16(POLLNVAL | POLLERR) != 0 { return .failed("the pressure file reported an error (it is gone?)") }
        guard events == Int16(POLLIN) else { return .pressure }
        // A socket or FIFO says pressure by sending bytes, which must be read, or poll(2)
        // reports them again at once; the end of the stream is the end of the watch.
        var buffer = [UInt8](repeating: 0, count: 512)
        let count = read(descriptor, &buffer, buffer.count)
        if count == 0 || revents & Int16(POLLHUP) != 0 && count < 0 { return .failed("the pressure socket closed") }
        return .pressure
    }
}

/// Why no PSI trigger could be had: the file and the system's reason.
public struct TriggerUnavailable: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong, e.g. `/proc/pressure/memory: Operation not permitted`.
    public let description: String

    init(_ description: String) { self.description = description }
    init(_ path: String, _ code: Int32) { description = "\(path): \(String(cString: strerror(code)))" }
}
