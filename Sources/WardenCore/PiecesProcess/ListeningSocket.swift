/// A process and the listening socket it holds: what a pass remembers of Pieces OS's process,
/// so that the next one checks `/proc/PID/fd` for `socket:[INODE]` instead of reading the
/// socket tables (whose generation walks the kernel's whole hash of established connections)
/// and every process's descriptors.
public struct ListeningSocket: Hashable, Sendable {
    /// The process that held the socket.
    public var pid: Int32
    /// The socket's inode, as `/proc/PID/fd` links name it.
    public var inode: UInt64

    /// Creates a reference to `inode` held by `pid`.
    public init(pid: Int32, inode: UInt64) {
        self.pid = pid
        self.inode = inode
    }
}
