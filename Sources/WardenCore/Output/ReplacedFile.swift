#if canImport(Glibc)
import Glibc
#endif

/// A file replaced whole: the text goes to a hidden temporary file in the same directory,
/// which is renamed over the old one, so a reader (a scrape, a browser) sees the old file or
/// the new one, never half of one.
///
/// Only a regular file is replaced: a device, a link or a directory at the path is refused, so
/// that `--output /dev/null` as root cannot turn a device into a file, and a link planted in a
/// shared directory is neither followed nor silently removed.
public enum ReplacedFile {
    /// Why the file was not written.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The file.
        public var path: String
        /// What went wrong.
        public var reason: String

        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Replaces `path` with `text`; a new file gets `mode`, an existing one keeps its own.
    public static func write(_ text: String, to path: String, mode: mode_t) throws(Failure) {
        var status = stat()
        var keptMode = mode
        if lstat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFREG else {
                throw Failure(path: path, reason: "it is not a regular file (\(kind(status.st_mode))); name a file to create or replace")
            }
            keptMode = status.st_mode & 0o777
        }
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        // A short name: one of 255 bytes must still fit. node_exporter skips it (no .prom).
        var template = Array("\(directory)/.modelwarden.XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { throw Failure(path: path, reason: reason(in: directory)) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer {
            close(descriptor)
            if !renamed { unlink(temporary) }
        }
        guard fchmod(descriptor, keptMode) == 0, PolicyFileWriter.writeAll(Array(text.utf8), to: descriptor), rename(temporary, path) == 0
        else { throw Failure(path: path, reason: reason(in: directory)) }
        renamed = true
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

    private static func reason(in directory: String) -> String {
        let cause = String(cString: strerror(errno))
        guard [EACCES, EPERM, EROFS].contains(errno) else { return cause }
        return cause + "; the directory \(directory) must be writable by this user"
    }
}
