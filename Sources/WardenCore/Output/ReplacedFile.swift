#if canImport(Glibc)
import Glibc
#endif

/// A file replaced whole: the text goes to a hidden temporary file in the same directory,
/// which is renamed over the old one, so a reader (a scrape, a browser) sees the old file or
/// the new one, never half of one. rename(2) replaces a link at the path rather than following it.
public enum ReplacedFile {
    /// Why the file was not written.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        /// The file.
        public var path: String
        /// What went wrong.
        public var reason: String

        public var description: String { "cannot write \(path): \(reason)" }
    }

    /// Replaces `path` with `text`, mode `mode` (mkstemp's 0600 otherwise).
    public static func write(_ text: String, to path: String, mode: mode_t) throws(Failure) {
        let slash = path.lastIndex(of: "/")
        let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        let name = slash.map { path[path.index(after: $0)...] } ?? Substring(path)
        var template = Array("\(directory)/.\(name).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else { throw Failure(path: path, reason: reason(in: directory)) }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var renamed = false
        defer {
            close(descriptor)
            if !renamed { unlink(temporary) }
        }
        guard fchmod(descriptor, mode) == 0, PolicyFileWriter.writeAll(Array(text.utf8), to: descriptor), rename(temporary, path) == 0
        else { throw Failure(path: path, reason: reason(in: directory)) }
        renamed = true
    }

    private static func reason(in directory: String) -> String {
        let cause = String(cString: strerror(errno))
        guard [EACCES, EPERM, EROFS].contains(errno) else { return cause }
        return cause + "; the directory \(directory) must be writable by this user"
    }
}
