#if canImport(Glibc)
import Glibc
#endif

/// One probe file, read whole again and again into a buffer it keeps.
///
/// A procfs file stays open and is read again with pread(2) from offset 0, as earlyoom does:
/// that saves the path walk, the open and an allocation on every sample of an idle watcher.
/// Any other file (a test fixture, the simulator's `--meminfo-out`) is opened on every read,
/// because it may have been replaced by a rename since the last one.
///
/// The path is an admin's flag, not a promise: it is opened without blocking and must be a
/// regular file (procfs files are), so a FIFO cannot hang a pass that holds the lock, and a
/// read stops at ``limit`` bytes, so `/dev/zero` or a huge file cannot grow it without end.
final class ProbeFile {
    /// More than any meminfo or PSI text (about 1.5 KiB and 100 bytes).
    static let limit = 64 * 1024

    /// The file's path.
    let path: String
    /// The most bytes a read takes; a larger file is refused.
    let limit: Int
    /// Whether a short read is not the end: a procfs file that lists records (`/proc/net/tcp`)
    /// hands over about a page per read, so it is read until a read returns nothing.
    let readsToEnd: Bool
    /// Why the last read gave nothing; nil after a good one.
    private(set) var problem: Problem?
    private var descriptor: Int32 = -1
    /// Whether the file lives in procfs (by its path: <sys/vfs.h> is not in Glibc's module).
    private var keepsOpen = false
    private var buffer = [UInt8](repeating: 0, count: 8192)

    init(_ path: String, limit: Int = ProbeFile.limit, readsToEnd: Bool = false) {
        self.path = path
        self.limit = limit
        self.readsToEnd = readsToEnd
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// Calls `body` with the file's whole content, or returns nil when it cannot be read.
    func withContents<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<UInt8>) throws(Failure) -> Result
    ) throws(Failure) -> Result? {
        guard let count = readWhole() else { return nil }
        return try buffer.withUnsafeBufferPointer { (all) throws(Failure) -> Result in
            try body(UnsafeBufferPointer(rebasing: all[..<count]))
        }
    }

    /// Reads from offset 0, growing the buffer until a read comes back short: procfs files
    /// hand over their whole text in one read when it fits, and regular files read short only
    /// at their end, so one pread(2) is the usual cost.
    private func readWhole() -> Int? {
        if descriptor < 0 {
            descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
            guard descriptor >= 0 else {
                problem = errno == ENOENT ? .missing : .unreadable(String(cString: strerror(errno)))
                return nil
            }
            var status = stat()
            guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
                problem = .unreadable("not a regular file")
                close(descriptor)
                descriptor = -1
                return nil
            }
            keepsOpen = path.hasPrefix("/proc/")
        }
        defer {
            if !keepsOpen {
                close(descriptor)
                descriptor = -1
            }
        }
        var filled = 0
        while true {
            if filled == buffer.count {
                guard buffer.count < limit else {
                    problem = .unreadable("larger than \(limit / 1024) KiB")
                    return nil
                }
                buffer += [UInt8](repeating: 0, count: min(buffer.count, limit - buffer.count))
            }
            let wanted = buffer.count - filled
            let count = buffer.withUnsafeMutableBytes { bytes in
                pread(descriptor, bytes.baseAddress.map { $0 + filled }, wanted, off_t(filled))
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else {
                problem = .unreadable(String(cString: strerror(errno)))
                return nil
            }
            filled += count
            if count == 0 || (count < wanted && !readsToEnd) {
                problem = nil
                return filled
            }
        }
    }

    /// Why a probe file gave nothing.
    enum Problem: Equatable {
        /// There is no such file: for PSI, a kernel without it.
        case missing
        /// It is there and cannot be used, for this reason.
        case unreadable(String)

        var description: String {
            switch self {
            case .missing: "does not exist"
            case .unreadable(let reason): "cannot be read: \(reason)"
            }
        }
    }
}
