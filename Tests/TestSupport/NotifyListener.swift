import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The service manager's end of sd_notify(3): a datagram socket whose path goes in
/// `$NOTIFY_SOCKET`, read message by message.
public final class NotifyListener: @unchecked Sendable {
    /// The socket's path, for `NOTIFY_SOCKET`.
    public let path: String
    private let descriptor: Int32

    /// Binds a fresh socket at `path`.
    public init(path: String) throws {
        self.path = path
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw POSIXError(.EADDRINUSE) }
    }

    /// The next message, or nil when none arrives within `timeout` seconds (a bound on a
    /// failing test, not a wait for something to happen).
    public func next(timeout: Double = 30) -> String? {
        var pollDescriptor = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&pollDescriptor, 1, Int32(timeout * 1000)) == 1 else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : nil
    }

    /// Reads messages until one satisfies `condition`; nil if none does within `timeout` each.
    public func first(where condition: (String) -> Bool, timeout: Double = 30) -> String? {
        while let message = next(timeout: timeout) {
            if condition(message) { return message }
        }
        return nil
    }

    deinit {
        close(descriptor)
        unlink(path)
    }
}
