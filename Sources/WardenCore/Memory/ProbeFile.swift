#if canImport(Glibc)
import Glibc
#endif

/// One probe file, read whole again and again into a buffer it keeps.
///
/// A procfs file stays open and is read again with pread(2) from offset 0, as earlyoom does:
/// that saves the path walk, the open and an allocation on every sample of an idle watcher.
/// Any other file (a test fixture, the simulator's `--meminfo-out`) is opened on every read,
/// because it may have been replaced by a rename since the last one.
final class ProbeFile {
    /// The file's path.
    let path: String
    private var descriptor: Int32 = -1
    /// Whether the file lives in procfs (by its path: <sys/vfs.h> is not in Glibc's module).
    private var keepsOpen = false
    private var buffer = [UInt8](repeating: 0, count: 8192)

    init(_ path: String) {
        self.path = path
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
            descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { return nil }
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
            if filled == buffer.count { buffer += [UInt8](repeating: 0, count: buffer.count) }
            let wanted = buffer.count - filled
            let count = buffer.withUnsafeMutableBytes { bytes in
                pread(descriptor, bytes.baseAddress.map { $0 + filled }, wanted, off_t(filled))
            }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { return nil }
            filled += count
            if count < wanted { return filled }
        }
    }
}
