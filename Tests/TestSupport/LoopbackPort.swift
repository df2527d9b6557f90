import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Loopback ports for tests: a free one nothing listens on, or whether a given one is free.
public enum LoopbackPort {
    /// A port nothing listens on: bound as port 0, read back, released.
    public static func unused() throws -> Int {
        guard let port = bind(0) else { throw POSIXError(.EADDRINUSE) }
        return port
    }

    /// Whether `port` can be bound now.
    public static func isFree(_ port: Int) -> Bool { bind(port) != nil }

    /// Binds 127.0.0.1:`port` and releases it, returning the port bound, or nil.
    private static func bind(_ port: Int) -> Int? {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return nil }
        defer { close(socket) }
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
        return bound ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }
}
