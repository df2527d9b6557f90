import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Loopback ports for tests: a free one nothing listens on, or whether a given one is free.
public enum LoopbackPort {
    /// A port nothing listens on: bound as port 0, read back, released.
    public static func unused() throws -> Int {
        guard let socket = bound(0) else { throw POSIXError(.EADDRINUSE) }
        defer { close(socket.descriptor) }
        return socket.port
    }

    /// Whether `port` can be bound now.
    public static func isFree(_ port: Int) -> Bool {
        guard let socket = bound(port) else { return false }
        close(socket.descriptor)
        return true
    }

    /// `count` consecutive ports, held bound (not listening) until released: a connection to
    /// one is refused, and no other test's server can take it meanwhile.
    public static func block(of count: Int) throws -> Block {
        for _ in 0..<100 {
            guard let first = bound(0) else { break }
            var sockets = [first.port: first.descriptor]
            for port in first.port + 1..<first.port + count {
                guard let socket = bound(port) else { break }
                sockets[port] = socket.descriptor
            }
            if sockets.count == count { return Block(first.port...first.port + count - 1, sockets) }
            sockets.values.forEach { _ = close($0) }
        }
        throw POSIXError(.EADDRINUSE)
    }

    /// Consecutive ports held bound; see ``block(of:)``.
    public final class Block: @unchecked Sendable {
        /// The ports.
        public let ports: ClosedRange<Int>
        private var sockets: [Int: Int32]

        init(_ ports: ClosedRange<Int>, _ sockets: [Int: Int32]) {
            self.ports = ports
            self.sockets = sockets
        }

        /// Lets `port` go, for a server to listen on.
        public func release(_ port: Int) {
            if let socket = sockets.removeValue(forKey: port) { close(socket) }
        }

        deinit { sockets.values.forEach { _ = close($0) } }
    }

    /// A socket bound to 127.0.0.1:`port` (0 picks one), with the port it got, or nil.
    private static func bound(_ port: Int) -> (descriptor: Int32, port: Int)? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                Glibc.bind(socket, socketAddress, length) == 0 && getsockname(socket, socketAddress, &length) == 0
            }
        }
        guard bound else {
            close(socket)
            return nil
        }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }
}
