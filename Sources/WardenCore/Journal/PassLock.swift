#if canImport(Glibc)
import Glibc
#endif

/// The lock that keeps two passes apart: a `flock` on a file beside the database.
///
/// The kernel releases a flock when its holder exits, however it exits (kill -9 included), so
/// a crashed pass never leaves a stale lock. The holder writes its pid into the file so that a
/// second pass can name it.
public final class PassLock: Sendable {
    /// Why the lock could not be taken.
    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// Another process holds it.
        case held(path: String, pid: Int32?)
        /// The lock file cannot be opened or created.
        case unusable(path: String, cause: String)

        public var description: String {
            switch self {
            case .held(let path, let pid):
                let holder = pid.map { "pid \($0)" } ?? "another process"
                return "another pass (\(holder)) holds the lock \(path); try again when it has finished"
            case .unusable(let path, let cause):
                return "cannot use the lock file \(path): \(cause)"
            }
        }
    }

    /// The lock file.
    public let path: String
    private let descriptor: Int32

    /// Takes the lock at `path` without waiting.
    public init(path: String) throws(Failure) {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .unusable(path: path, cause: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = Self.readPID(descriptor)
            close(descriptor)
            if code == EWOULDBLOCK { throw .held(path: path, pid: holder) }
            throw .unusable(path: path, cause: String(cString: strerror(code)))
        }
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        self.path = path
        self.descriptor = descriptor
    }

    deinit {
        // Closing the descriptor releases the flock.
        close(descriptor)
    }

    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 31, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).filter(\.isNumber))
    }
}
