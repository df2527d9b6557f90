import Foundation

/// A fake procfs for `--proc-root`: a process that listens on a port, with the memory a test
/// gives it, beside another process that holds no socket.
public struct FakeProc: Sendable {
    /// The tree's root, standing for `/proc`.
    public let root: String
    /// The listening process.
    public let pid: Int32
    /// The listening socket's inode.
    public let inode: UInt64

    /// Builds the tree in `directory`: `net/tcp` lists 127.0.0.1:`port` as LISTEN with `inode`,
    /// `PID/fd/3` links to it unless `holdsSocket` is false (no `fd` directory at all), and
    /// `PID/status` says `rssKB` and `swapKB`.
    public init(
        in directory: TemporaryDirectory, port: Int, pid: Int32 = 4242, name: String = "pieces-os", rssKB: Int, swapKB: Int = 0,
        inode: UInt64 = 777_001, holdsSocket: Bool = true
    ) throws {
        root = directory.path("proc")
        self.pid = pid
        self.inode = inode
        let files = FileManager.default
        try files.createDirectory(atPath: root + "/net", withIntermediateDirectories: true)
        // Addresses are 32-bit words in the host's byte order: 127.0.0.1 reads 0100007F on x86-64 and arm64.
        let header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
        let listening = "   0: 0100007F:\(String(format: "%04X", port)) 00000000:0000 0A 00000000:00000000 00:00000000 00000000"
            + "     0        0 \(inode) 1 0000000000000000 100 0 0 10 0\n"
        let established = "   1: 0100007F:\(String(format: "%04X", port)) 0100007F:D431 01 00000000:00000000 00:00000000 00000000"
            + "     0        0 \(inode + 1) 1 0000000000000000 20 4 30 10 -1\n"
        try (header + listening + established).write(toFile: root + "/net/tcp", atomically: true, encoding: .utf8)
        try header.write(toFile: root + "/net/tcp6", atomically: true, encoding: .utf8)
        // Another process, which holds the established connection's socket and /dev/null.
        try files.createDirectory(atPath: root + "/1/fd", withIntermediateDirectories: true)
        try files.createSymbolicLink(atPath: root + "/1/fd/0", withDestinationPath: "/dev/null")
        try files.createSymbolicLink(atPath: root + "/1/fd/1", withDestinationPath: "socket:[\(inode + 1)]")
        try Self.status(name: "init", rssKB: 1024, swapKB: 0).write(toFile: root + "/1/status", atomically: true, encoding: .utf8)
        try files.createDirectory(atPath: "\(root)/\(pid)", withIntermediateDirectories: true)
        if holdsSocket {
            try files.createDirectory(atPath: "\(root)/\(pid)/fd", withIntermediateDirectories: true)
            try files.createSymbolicLink(atPath: "\(root)/\(pid)/fd/3", withDestinationPath: "socket:[\(inode)]")
        }
        try setMemory(name: name, rssKB: rssKB, swapKB: swapKB)
    }

    /// Rewrites the listening process's `status` with new figures.
    public func setMemory(name: String = "pieces-os", rssKB: Int, swapKB: Int = 0) throws {
        try Self.status(name: name, rssKB: rssKB, swapKB: swapKB).write(toFile: "\(root)/\(pid)/status", atomically: true, encoding: .utf8)
    }

    /// A `/proc/PID/status` text as Linux 6.1 writes it, cut to the lines around memory.
    public static func status(name: String, rssKB: Int, swapKB: Int) -> String {
        "Name:\t\(name)\nUmask:\t0022\nState:\tS (sleeping)\nVmPeak:\t 9999999 kB\nVmRSS:\t \(rssKB) kB\n"
            + "RssAnon:\t \(rssKB) kB\nVmSwap:\t \(swapKB) kB\nThreads:\t12\n"
    }
}
