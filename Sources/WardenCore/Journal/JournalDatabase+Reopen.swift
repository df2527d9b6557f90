import Logging

extension JournalDatabase {
    /// What ``reopenIfReplaced(logger:events:)`` found.
    public enum FileCheck: Equatable, Sendable {
        /// The path still names the open file (or the journal is in memory).
        case unchanged
        /// The file was deleted or replaced; the journal now uses the file at the path.
        case reopened
        /// The file was deleted or replaced, and the path cannot be opened now: the old
        /// connection stays, and the next check tries again.
        case failed(JournalError)
    }

    /// Reopens the journal when its file was deleted or replaced since it was opened.
    ///
    /// A long-running process (the watcher) would otherwise go on writing to a file no path
    /// names any more, and everything it recorded would vanish with its last descriptor. The
    /// check is two lstat(2)s of nothing but the path, cheap enough for the start of every
    /// step. A reopening is logged as a warning and sent to journald (`journalReopened`); the
    /// new file is opened as ``open(at:)`` opens any, so a link planted there is refused.
    @discardableResult
    public func reopenIfReplaced(logger: Logger, events: any EventSink) -> FileCheck {
        guard let file = connection.file, let change = file.change() else { return .unchanged }
        let path = file.location.path
        logger.warning("the journal file was \(change) while open; reopening it", metadata: ["journal": "\(path)"])
        do {
            try connection.replace { () throws(JournalError) in try JournalDatabase.open(at: file.location) }
        } catch {
            // The old file was closed first (its -wal and -shm share the path's names), so
            // nothing is recorded until a later step reopens it.
            logger.error("cannot reopen the journal; nothing is recorded until a later step can", metadata: [
                "journal": "\(path)", "error": "\(error)",
            ])
            return .failed(error)
        }
        events.send(JournalEntry(
            .journalReopened, "journal \(path) was \(change) while open; reopened it (what the old file held is not in it)",
            fields: [.journal: path]))
        return .reopened
    }
}
