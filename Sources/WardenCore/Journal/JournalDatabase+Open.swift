import GRDB

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

extension JournalDatabase {
    /// Opens (creating if need be) the journal file at `location`, in WAL mode, mode 0600.
    ///
    /// Missing directories are created only for the default location; an explicit path in a
    /// missing directory is an error, as is one in a read-only directory, a corrupt file, or
    /// a file from a newer modelwarden. The file is created 0600 before SQLite opens it;
    /// SQLite gives its -wal and -shm files the same mode (and, as root, the same owner).
    public static func open(at location: JournalLocation) throws(JournalError) -> JournalDatabase {
        let path = location.path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        if !FileManager.default.fileExists(atPath: directory) {
            guard location.createsDirectories else { throw .missingDirectory(path: path, directory: directory) }
            do {
                try FileManager.default.createDirectory(
                    atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .unusable(path: path, cause: "cannot create the directory \(directory): \(error)")
            }
        }
        // Creating the file, switching it to WAL and migrating must not interleave with another
        // process doing the same (a timer pass and an admin's `policy set` on a fresh journal):
        // SQLite gives up at once on a concurrent switch to WAL, and two migrators would both
        // apply the same migration. An flock(2) of the directory, held only while opening, keeps
        // SQLite's own fcntl locks on the files untouched.
        let directoryLock = Glibc.open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directoryLock >= 0 {
            while flock(directoryLock, LOCK_EX) != 0, errno == EINTR {}
        }
        defer { if directoryLock >= 0 { close(directoryLock) } }
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw .unusable(path: path, cause: "cannot open or create the file: \(String(cString: strerror(errno)))")
        }
        fchmod(descriptor, 0o600)
        // Root (an admin's `policy set`) creating the file of a service that runs as its own
        // user gives it to the directory's owner; SQLite then gives -wal and -shm the same owner.
        var directoryStatus = stat(), fileStatus = stat()
        if geteuid() == 0, stat(directory, &directoryStatus) == 0, fstat(descriptor, &fileStatus) == 0,
            fileStatus.st_uid == 0, directoryStatus.st_uid != 0, fileStatus.st_size == 0 {
            _ = fchown(descriptor, directoryStatus.st_uid, directoryStatus.st_gid)
        }
        close(descriptor)
        do {
            return try JournalDatabase(DatabasePool(path: path, configuration: configuration()))
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError(path: path, error)
        }
    }
}
