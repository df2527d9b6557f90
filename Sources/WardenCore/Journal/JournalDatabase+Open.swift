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
    /// Opens (creating if need be) the journal file at `location`, in WAL mode, on one connection.
    ///
    /// Missing directories are created only for the default location; an explicit path in a
    /// missing directory is an error, as is one in a read-only directory, a link, anything but
    /// a regular file, a file that does not start with SQLite's header (refused before a byte
    /// is written or its mode touched), or a file from a newer modelwarden. Only a file this
    /// call creates gets mode 0600 and, as root in a directory another user owns, that owner;
    /// an existing file keeps the mode and owner it has. SQLite gives -wal and -shm the
    /// database's mode (and, as root, its owner).
    public static func open(at location: JournalLocation) throws(JournalError) -> JournalDatabase {
        let path = location.path
        if let problem = PathSetting.problem(in: path) { throw .unusable(path: path, cause: problem) }
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
        for companion in [path + "-wal", path + "-shm"] {
            if let problem = JournalFile.problem(at: companion) { throw .unusable(path: companion, cause: problem) }
        }
        let file: JournalFile
        do {
            file = try JournalFile(opening: path)
        } catch {
            throw .unusable(path: path, cause: error.cause)
        }
        guard file.hasSQLiteHeader() else {
            throw .unusable(path: path, cause: "the file is not a modelwarden journal or is corrupt (it does not start with "
                + "SQLite's header); nothing was written to it; move it aside to start a new journal")
        }
        if file.created { try prepareCreated(file, path: path, directoryLock: directoryLock) }
        let opened = JournalConnection.OpenedFile(
            location: location, device: UInt64(file.status.st_dev), inode: UInt64(file.status.st_ino))
        // Closed before SQLite opens the file: closing any descriptor of a file drops every
        // fcntl lock the process holds on it, SQLite's included, and SQLite would not know.
        close(file.takeDescriptor())
        do {
            // One connection: a pass writes in turn and reads between its writes, so a pool's
            // readers would only cost a second open and a priming write (two fsyncs) per run.
            // Other processes still read while it writes: the file is in WAL mode.
            let queue = try DatabaseQueue(
                path: path, configuration: configuration(expecting: canonicalPath(of: path, in: directory), writeAheadLog: true))
            return try JournalDatabase(queue, file: opened)
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError(path: path, error)
        }
    }

    /// Sets up a file this open created: mode 0600; as root in a directory another user owns
    /// (an admin's `policy set` in the service's StateDirectory), that user as owner, so that
    /// the service can open it, and SQLite gives -wal and -shm the same owner. A -wal or -shm
    /// already there belonged to a deleted journal, and SQLite would replay it into this one.
    private static func prepareCreated(_ file: borrowing JournalFile, path: String, directoryLock: Int32) throws(JournalError) {
        fchmod(file.descriptor, 0o600)
        var directoryStatus = stat()
        if directoryLock >= 0, fstat(directoryLock, &directoryStatus) == 0, directoryStatus.st_uid != 0,
            !file.give(to: directoryStatus.st_uid, directoryStatus.st_gid) {
            throw .unusable(path: path, cause: "cannot give the new file to the directory's owner: \(String(cString: strerror(errno)))")
        }
        for orphan in [path + "-wal", path + "-shm"] { unlink(orphan) }
    }

    /// The path SQLite reports for the file at `path`: SQLite resolves every link, so the
    /// directory's real path (the StateDirectory of a DynamicUser is itself a link) and the name.
    private static func canonicalPath(of path: String, in directory: String) -> String? {
        guard let resolved = realpath(directory, nil) else { return nil }
        defer { free(resolved) }
        let name = URL(fileURLWithPath: path).lastPathComponent
        let real = String(cString: resolved)
        return real == "/" ? "/" + name : real + "/" + name
    }
}
