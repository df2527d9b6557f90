import CSystemd
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Where journal entries go: the systemd journal, or memory in tests.
public protocol EventSink: Sendable {
    /// Whether entries reach a journal; false when journald is not running.
    var isAvailable: Bool { get }
    /// Sends `entry`; never fails the caller.
    func send(_ entry: JournalEntry)
}

/// The systemd journal, through `sd_journal_sendv`.
///
/// When journald is absent `sd_journal_sendv` silently does nothing, so the socket is checked
/// first and its absence reported through ``isAvailable`` for the run row.
public struct SystemdJournal: EventSink {
    /// journald's native socket.
    public var socketPath: String

    /// Creates a sink writing to the journald listening on `socketPath`.
    public init(socketPath: String = "/run/systemd/journal/socket") {
        self.socketPath = socketPath
    }

    /// Whether journald listens on the socket. The file alone proves nothing (it outlives a
    /// stopped journald), so this connects to it: a datagram connect fails at once without a
    /// listener.
    public var isAvailable: Bool {
        let probe = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard probe >= 0 else { return false }
        defer { close(probe) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let path = Array(socketPath.utf8)
        guard path.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
        withUnsafeMutableBytes(of: &address.sun_path) { bytes in
            bytes.copyBytes(from: path)
        }
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(probe, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
            }
        }
    }

    public func send(_ entry: JournalEntry) {
        guard isAvailable else { return }
        Self.sendv(entry.pairs)
    }

    /// Sends `KEY=value` pairs as one entry; values may hold any bytes, newlines included.
    static func sendv(_ pairs: [(String, String)]) {
        let buffers = pairs.map { Array("\($0.0)=\($0.1)".utf8) }
        var vectors = [iovec](repeating: iovec(), count: buffers.count)
        func send(_ index: Int) {
            guard index < buffers.count else {
                _ = sd_journal_sendv(&vectors, Int32(vectors.count))
                return
            }
            buffers[index].withUnsafeBytes { bytes in
                vectors[index] = iovec(iov_base: UnsafeMutableRawPointer(mutating: bytes.baseAddress), iov_len: bytes.count)
                send(index + 1)
            }
        }
        send(0)
    }
}

/// Keeps entries in memory, for tests of what a pass journals.
public final class RecordingEventSink: EventSink {
    private let entries = Mutex<[JournalEntry]>([])

    /// Creates an empty sink.
    public init() {}

    public var isAvailable: Bool { true }

    public func send(_ entry: JournalEntry) { entries.withLock { $0.append(entry) } }

    /// Every entry sent so far.
    public var sent: [JournalEntry] { entries.withLock { $0 } }
}
