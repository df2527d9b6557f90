import GRDB
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The connection a ``JournalDatabase`` and its copies share, and the file it opened.
///
/// A reference, so that the watcher's reopening of a deleted journal reaches every copy; a
/// mutex, because the watcher's idle thread and its async side both use the journal.
final class JournalConnection: Sendable {
    /// The file a connection opened: where, and which file it was.
    struct OpenedFile: Sendable, Equatable {
        /// Where the journal is.
        var location: JournalLocation
        /// The file's device and inode when opened: another pair at the path means the file
        /// was deleted or replaced.
        var device: UInt64
        var inode: UInt64

        /// Whether the path no longer names this file, looked up without following a link;
        /// nil when it does, else what happened, for a person.
        func change() -> String? {
            var status = stat()
            guard lstat(location.path, &status) == 0 else {
                return errno == ENOENT ? "deleted" : "unreadable (\(String(cString: strerror(errno))))"
            }
            return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode ? nil : "replaced"
        }
    }

    private let state: Mutex<(writer: any DatabaseWriter, file: OpenedFile?)>

    /// Wraps `writer`, which opened `file` (nil in memory).
    init(writer: any DatabaseWriter, file: OpenedFile?) {
        state = Mutex((writer, file))
    }

    /// The connection(s) in use.
    var writer: any DatabaseWriter { state.withLock { $0.writer } }

    /// The file in use, nil in memory.
    var file: OpenedFile? { state.withLock { $0.file } }

    /// Closes the current connection (so that SQLite finishes with its -wal and -shm) and puts
    /// the one `reopen` returns in its place. A failed close still reopens: the old connection
    /// then keeps its deleted files, and the new one, opened under the directory lock, removes
    /// what would belong to them.
    func replace(_ reopen: () throws(JournalError) -> JournalDatabase) throws(JournalError) {
        let old = writer
        try? old.close()
        let fresh = try reopen()
        let (writer, file) = fresh.connection.state.withLock { ($0.writer, $0.file) }
        state.withLock { $0 = (writer, file) }
    }
}
