#if canImport(Glibc)
import Glibc
#endif

/// Which process holds a socket: the links of `/proc/PID/fd` name each open socket as
/// `socket:[INODE]`, as lsof(8) and ss(8) find them.
///
/// Every loop is bounded, so a forged `--proc-root` of a million entries costs a bounded
/// time; a link is read into a small buffer, since a socket's link is short.
enum DescriptorScan {
    /// The most process directories one scan visits.
    static let maxProcesses = 1 << 17
    /// The most descriptors read of one process.
    static let maxDescriptors = 1 << 16

    /// What a scan of every process found.
    struct Found: Equatable {
        /// The first process that holds one of the sockets.
        var pid: Int32?
        /// How many processes' descriptors could not be read (another user's, without the
        /// right to trace them).
        var denied: Int
    }

    /// Scans every process under `procRoot` for one that holds a socket of `inodes`.
    static func holder(of inodes: Set<UInt64>, procRoot: String) -> Found {
        guard let directory = opendir(procRoot) else { return Found(pid: nil, denied: 0) }
        defer { closedir(directory) }
        var denied = 0
        var visited = 0
        while visited < maxProcesses, let entry = readdir(directory) {
            guard let pid = processID(name(of: entry)) else { continue }
            visited += 1
            switch holds(pid, inodes, procRoot: procRoot) {
            case true?: return Found(pid: pid, denied: denied)
            case nil: denied += 1
            case false?: continue
            }
        }
        return Found(pid: nil, denied: denied)
    }

    /// Whether process `pid` holds a socket of `inodes`; nil when its descriptors cannot be
    /// read for want of permission (an absent process holds nothing).
    static func holds(_ pid: Int32, _ inodes: Set<UInt64>, procRoot: String) -> Bool? {
        guard let directory = opendir("\(procRoot)/\(pid)/fd") else {
            return errno == EACCES || errno == EPERM ? nil : false
        }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        var link = [CChar](repeating: 0, count: 64)
        var read = 0
        while read < maxDescriptors, let entry = readdir(directory) {
            read += 1
            let count = withUnsafePointer(to: &entry.pointee.d_name) { name in
                name.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    readlinkat(descriptor, $0, &link, link.count)
                }
            }
            // `.` and `..` are no links (EINVAL); a link that fills the buffer is no socket's.
            guard count > 0, count < link.count else { continue }
            let text = link.prefix(count).withUnsafeBufferPointer { String(decoding: UnsafeRawBufferPointer($0), as: UTF8.self) }
            if let inode = ProcParser.socketInode(text), inodes.contains(inode) { return true }
        }
        return false
    }

    /// A directory entry's name.
    static func name(of entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafePointer(to: &entry.pointee.d_name) { name in
            name.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                String(cString: $0)
            }
        }
    }

    /// The pid a `/proc` entry names: digits only, a positive `Int32`; nil for `self`, `net`, …
    static func processID(_ name: String) -> Int32? {
        guard !name.isEmpty, name.utf8.count <= 10, name.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
            let pid = Int32(name), pid > 0
        else { return nil }
        return pid
    }
}
