#if canImport(Glibc)
import Glibc
#endif

/// A journal file (the database or its lock), opened without following a link.
///
/// The journal's directory may belong to another user (the service's DynamicUser), who could
/// plant a link or a device there to make a root `run` or `policy set` create, chown or
/// truncate a file elsewhere. So a journal file is opened with O_NOFOLLOW (and O_NOCTTY and
/// O_NONBLOCK, so a planted device or FIFO neither becomes a terminal nor blocks), anything
/// but a regular file with one name is refused, and its owner and mode change only through
/// the descriptor, and only where modelwarden created the file or owns it by design.
struct JournalFile: ~Copyable {
    /// Why a file was refused, for a person: the caller names the file.
    struct Refusal: Error {
        let cause: String
    }

    /// The open descriptor, closed with the value.
    let descriptor: Int32
    /// Whether this open created the file (it did not exist before).
    let created: Bool
    /// The file's status right after opening.
    let status: stat

    /// Opens `path` read-write, creating it (mode 0600) if it does not exist.
    init(opening path: String) throws(Refusal) {
        if let problem = PathSetting.problem(in: path) { throw Refusal(cause: problem) }
        let flags = O_RDWR | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK | O_CLOEXEC
        // O_EXCL tells a file this open creates from one that was there: only the first may
        // have its mode and owner set. With O_EXCL a link at `path` is never followed either.
        var descriptor = open(path, flags | O_CREAT | O_EXCL, 0o600)
        var created = descriptor >= 0
        if descriptor < 0, errno == EEXIST {
            descriptor = open(path, flags)
            created = false
        }
        guard descriptor >= 0 else { throw Refusal(cause: Self.describe(errno: errno)) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let cause = Self.describe(errno: errno)
            close(descriptor)
            throw Refusal(cause: cause)
        }
        if let problem = Self.problem(with: status) {
            close(descriptor)
            throw Refusal(cause: problem)
        }
        self.descriptor = descriptor
        self.created = created
        self.status = status
    }

    deinit { close(descriptor) }

    /// Hands the descriptor to the caller, who closes it.
    consuming func takeDescriptor() -> Int32 {
        let descriptor = self.descriptor
        discard self
        return descriptor
    }

    /// What makes `path`, when something is there, unfit to be a journal file (the database's
    /// `-wal` and `-shm`, which SQLite opens itself): nil when it is absent or a plain file.
    static func problem(at path: String) -> String? {
        var status = stat()
        guard lstat(path, &status) == 0 else { return nil }
        if status.st_mode & S_IFMT == S_IFLNK { return describe(errno: ELOOP) }
        return problem(with: status)
    }

    /// Whether the file starts with SQLite's header, read without writing; an empty file
    /// (a journal about to be created) passes.
    func hasSQLiteHeader() -> Bool {
        guard status.st_size > 0 else { return true }
        var header = [UInt8](repeating: 0, count: 16)
        let count = header.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, 16, 0) }
        return count == 16 && header == Array("SQLite format 3\0".utf8)
    }

    /// Gives the file to `uid`:`gid` through the descriptor, when running as root and it is not
    /// theirs already; false when fchown(2) failed.
    func give(to uid: uid_t, _ gid: gid_t) -> Bool {
        guard geteuid() == 0, status.st_uid != uid || status.st_gid != gid else { return true }
        return fchown(descriptor, uid, gid) == 0
    }

    private static func problem(with status: stat) -> String? {
        guard status.st_mode & S_IFMT == S_IFREG else {
            return "is not a regular file (a directory, device, FIFO or socket); move it aside or choose another journal"
        }
        guard status.st_nlink <= 1 else {
            return "has \(status.st_nlink) hard links; modelwarden uses a journal file only under its one name (copy it instead)"
        }
        return nil
    }

    private static func describe(errno code: Int32) -> String {
        switch code {
        case ELOOP:
            "is a symbolic link; modelwarden never follows a link in its journal files: remove it, or name the file it points to"
        default:
            "cannot open or create the file: \(String(cString: strerror(code)))"
        }
    }
}
