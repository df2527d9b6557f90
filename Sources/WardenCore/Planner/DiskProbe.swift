#if canImport(Glibc)
import Glibc
#endif

/// Reads the disk the policy watches, with statvfs(3).
public enum DiskProbe {
    /// A sample of the file system holding `path`, or nil when it cannot be read.
    public static func sample(_ path: String) -> DiskSample? {
        var stats = statvfs()
        guard statvfs(path, &stats) == 0 else { return nil }
        let unit = Int(stats.f_frsize)
        return DiskSample(path: path, totalBytes: Int(stats.f_blocks) * unit, availableBytes: Int(stats.f_bavail) * unit)
    }
}
