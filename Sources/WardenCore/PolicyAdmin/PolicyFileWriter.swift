#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Replaces one policy file atomically, and only if nobody changed it meanwhile.
///
/// The directory is locked with flock(2) for the read-check-write, so two writers take turns;
/// a writer that read the file before another one wrote it finds the digest changed and stops
/// instead of overwriting that change. The new text replaces the file whole and durably
/// (``ReplacedFile``, with the old file's owner and mode), so a reader sees the old file or the
/// new one, never half of one.
public struct PolicyFileWriter: Sendable {
    /// Why nothing was written.
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// The file changed since it was read: another edit won.
        case changedMeanwhile(path: String)
        /// The directory or file cannot be written.
        case unwritable(path: String, reason: String)

        public var description: String {
            switch self {
            case .changedMeanwhile(let path):
                return "\(path) changed while you were editing it (another edit was saved first); nothing was written"
            case .unwritable(let path, let reason):
                return "cannot write \(path): \(reason)"
            }
        }
    }

    /// The file to replace.
    public let path: String

    /// Creates a writer of `path`.
    public init(path: String) {
        self.path = path
    }

    /// The directory holding the file.
    public var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// Runs `body` with the directory locked against other writers.
    public func locked<Result>(_ body: () throws -> Result) throws -> Result {
        let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure.unwritable(path: directory, reason: Self.reason()) }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else { throw Failure.unwritable(path: directory, reason: Self.reason()) }
        }
        return try body()
    }

    /// The file's current text, or nil when it does not exist.
    public func currentText() throws -> String? {
        if let data = FileManager.default.contents(atPath: path) { return String(decoding: data, as: UTF8.self) }
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        throw Failure.unwritable(path: path, reason: "it exists but cannot be read")
    }

    /// Writes `text` if the file still holds `expected` (nil: still does not exist). Call it
    /// inside ``locked(_:)``.
    public func replace(with text: String, expecting expected: String?) throws {
        guard try currentText() == expected else { throw Failure.changedMeanwhile(path: path) }
        // A link at the path is replaced by the new file, as an editor saving it would.
        do {
            try ReplacedFile.write(text, to: path, mode: 0o644, durable: true, regularOnly: false)
        } catch {
            throw Failure.unwritable(path: error.path, reason: error.cause + (error.permissionDenied ? Self.permissionAdvice : ""))
        }
    }

    /// What to do about a permission problem; the command line adds how to name a directory.
    public static let permissionAdvice = "; run it as root (e.g. with sudo), or name a policy directory you can write"

    /// What errno says, and for a permission problem what to do about it.
    private static func reason() -> String {
        let cause = String(cString: strerror(errno))
        guard [EACCES, EPERM, EROFS].contains(errno) else { return cause }
        return cause + permissionAdvice
    }
}
