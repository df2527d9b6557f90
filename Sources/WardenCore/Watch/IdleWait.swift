#if canImport(Glibc)
import Glibc
#endif

/// How the watcher's idle thread waits: until the next thing is due, a doorbell (a pipe that a
/// stop or a reload writes a byte to), or the PSI trigger, whichever comes first.
///
/// Without the doorbell the thread had to look every second for a stop, and those empty wakes
/// cost more than the samples adaptive polling saved (measured: 1.9× earlyoom's CPU time).
final class IdleWait: @unchecked Sendable {
    /// The pipe's read end, or -1 when none could be made (the thread then wakes every second).
    private let doorbell: Int32
    private let bell: Int32

    init() {
        var ends: [Int32] = [-1, -1]
        // pipe2(2) is not in Swift's Glibc module: the flags are set one by one.
        let opened = pipe(&ends) == 0
        let made = opened && ends.allSatisfy { end in
            fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK) == 0 && fcntl(end, F_SETFD, FD_CLOEXEC) == 0
        }
        if opened, !made { ends.forEach { close($0) } }
        doorbell = made ? ends[0] : -1
        bell = made ? ends[1] : -1
    }

    deinit {
        if doorbell >= 0 { close(doorbell) }
        if bell >= 0 { close(bell) }
    }

    /// Whether a ring wakes the thread; if not, it must not sleep longer than a second.
    var rings: Bool { doorbell >= 0 }

    /// Wakes the waiting thread (from any thread).
    func ring() {
        guard bell >= 0 else { return }
        var byte: UInt8 = 1
        _ = write(bell, &byte, 1)  // a full pipe already rings
    }

    /// Waits at most `pause` on the doorbell and `trigger`; what the trigger said (a ring or
    /// the time running out is `.timeout`: the tick that follows finds what is due). Without a
    /// doorbell (-1, which poll(2) skips) it is a plain sleep.
    func wait(upTo pause: Duration, trigger: MemoryPressureTrigger?) -> MemoryPressureTrigger.Wake {
        var entries = [pollfd(fd: doorbell, events: Int16(POLLIN), revents: 0)]
        if let trigger { entries.append(trigger.pollEntry) }
        let ready = poll(&entries, nfds_t(entries.count), Self.milliseconds(pause))
        guard ready > 0 else { return .timeout }
        if entries[0].revents != 0 {
            var drained = [UInt8](repeating: 0, count: 64)
            while read(doorbell, &drained, drained.count) > 0 {}
        }
        guard let trigger, entries.count > 1 else { return .timeout }
        return trigger.woken(entries[1].revents)
    }

    /// `duration` in whole milliseconds, rounded up (a wake a little early finds nothing due).
    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        let whole = seconds.multipliedReportingOverflow(by: 1000)
        guard !whole.overflow, seconds >= 0 else { return seconds < 0 ? 0 : Int32.max }
        return Int32(clamping: whole.partialValue + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000)
    }
}
