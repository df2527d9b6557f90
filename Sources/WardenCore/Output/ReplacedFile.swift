#if canImport(Glibc)
import Glibc
#endif

/// A file replaced whole: the text goes to a hidden temporary file in the same directory,
/// which is renamed over the old one, so a reader (a scrape, a browser, a pass) sees the old
/// file or the new one, never half of one. An existing file keeps its mode and, when root
/// replaces it, its owner.
///
/// By default only a regular file is replaced: a device, a link or a directory at the path is
/// refused, so that `--output /dev/null` as root cannot turn a device into a file, and a link
/// planted in a shared directory is neither followed nor silently removed.
public enum ReplacedFile {
    /// Why the file was not written.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The file.
        public var path: String
        /// What went wrong.
        public var cause: String
        /// Whether the cause is a permission (EACCES, EPERM, EROFS), for advice that fits the caller.
        public var permissionDenied = false

        public var description: String {
            let directory = path.lastIndex(of: "/").map { String(path[..<$0]) } ?? "."
            return "cannot write \(path): \(cause)"
                + (permissionDenied ? "; the directory \(directory.isEmpty ? "/" : directory) must be writable by this user" : "")
        }
    }

    /// Replaces `path` with `text`; a new file gets `mode`. `durable` fsyncs the file and its
    /// directory (a policy must survive a power cut; a textfile written every 15 s need not).
    /// `regularOnly: false` replaces whatever is at the path, a link included (never followed).
    public static func write(
        _ text: String, to path: String, mode: mode_t, durable: Bool = false, regularOnly: Bool = true
    ) throws(Failure) {
        var status = stat()
        let exists = lstat(path, &status) == 0
        if exists, regularOnly, status.st_mode & S_IFMT != S_IFREG {
            throw Failure(path: path, cause: "it is not a regular file (\(kind(status.st_mode))); name a file to create or replace")
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        // A short name: one of 255 bytes must still fit. node_exporter skips it (no .prom).
        var template = Array("\(directory)/.modelwarden.XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { throw failure(path) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer {
            close(descriptor)
            if !renamed { unlink(temporary) }
        }
        let regular = exists && status.st_mode & S_IFMT == S_IFREG
        // Keep the owner when root replaces a file someone else owns (chown fails harmlessly otherwise).
        if regular, geteuid() == 0 { _ = fchown(descriptor, status.st_uid, status.st_gid) }
        guard fchmod(descriptor, regular ? status.st_mode & 0o7777 : mode) == 0, writeAll(Array(text.utf8), to: descriptor),
            !durable || fsync(descriptor) == 0, rename(temporary, path) == 0
        else { throw failure(path) }
        renamed = true
        if durable {
            let directoryDescriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            if directoryDescriptor >= 0 {
                _ = fsync(directoryDescriptor)
                close(directoryDescriptor)
            }
        }
    }

    /// Writes all of `bytes`, retrying short writes.
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    private static func failure(_ path: String) -> Failure {
        Failure(path: path, cause: String(cString: strerror(errno)), permissionDenied: [EACCES, EPERM, EROFS].contains(errno))
    }

    private static func kind(_ mode: mode_t) -> String {
        switch mode & S_IFMT {
        case S_IFLNK: "a symbolic link"
        case S_IFDIR: "a directory"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }
}
