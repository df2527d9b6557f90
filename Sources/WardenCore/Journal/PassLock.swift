#if canImport(Glibc)
import Glibc
#endif

/// The lock that keeps two passes apart: a `flock` on a file beside the database.
///
/// The kernel releases a flock when its holder exits, however it exits (kill -9 included), so
/// a crashed pass never leaves a stale lock. The holder writes its pid into the file so that a
/// second pass can name it. The file is opened as a ``JournalFile``: never through a link.
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

    /// Takes the lock at `path` without waiting. With `database`, the lock follows that file:
    /// a new lock gets its permission bits, and as root its owner, which root also restores on
    /// a lock it finds owned by someone else (a root pass must not leave the service a lock it
    /// cannot open); a lock that is the database itself is refused.
    public init(path: String, database: String? = nil) throws(Failure) {
        let file = try Self.open(path)
        var owner = stat()
        if let database, lstat(database, &owner) == 0, owner.st_mode & S_IFMT == S_IFREG {
            guard owner.st_dev != file.status.st_dev || owner.st_ino != file.status.st_ino else {
                throw .unusable(path: path, cause: "it is the journal database itself; refusing to lock (and truncate) it")
            }
            if file.created { fchmod(file.descriptor, owner.st_mode & 0o666) }
            guard file.give(to: owner.st_uid, owner.st_gid) else {
                throw .unusable(path: path, cause: "cannot give it to the owner of \(database): \(String(cString: strerror(errno)))")
            }
        } else if file.created {
            fchmod(file.descriptor, 0o600)
        }
        let descriptor = file.takeDescriptor()
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            let holder = Self.readPID(descriptor)
            close(descriptor)
            if code == EWOULDBLOCK { throw .held(path: path, pid: holder) }
            throw .unusable(path: path, cause: String(cString: strerror(code)))
        }
        // Truncated and written only once held, and only a regular file of its own.
        let pid = "\(getpid())\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { pwrite(descriptor, $0, strlen($0), 0) }
        self.path = path
        self.descriptor = descriptor
    }

    /// Takes the lock of the journal at `location`, beside its database.
    public convenience init(journal location: JournalLocation) throws(Failure) {
        try self.init(path: location.lockPath, database: location.path)
    }

    deinit {
        // Closing the descriptor releases the flock.
        close(descriptor)
    }

    private static func open(_ path: String) throws(Failure) -> JournalFile {
        do {
            return try JournalFile(opening: path)
        } catch {
            throw .unusable(path: path, cause: error.cause)
        }
    }

    private static func readPID(_ descriptor: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 31, 0) }
        guard count > 0 else { return nil }
        return Int32(String(decoding: buffer[0..<count], as: UTF8.self).filter(\.isNumber))
    }
}
