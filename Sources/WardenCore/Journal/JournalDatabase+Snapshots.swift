import GRDB
import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What kind of run a row records.
public enum RunKind: String, Sendable, Codable {
    /// `modelwarden status`.
    case status
    /// A live pass.
    case pass
    /// A dry-run pass.
    case dryRun = "dry_run"
    /// An unload by `modelwarden watch` between passes.
    case watch
}

/// A snapshot as the journal recorded it.
public struct RecordedSnapshot: Sendable {
    /// The run row.
    public var runID: Int64
    /// What the journal knows of every model, after this snapshot.
    public var usage: [String: ModelUsage]
    /// How many models changed.
    public var changedModels: Int
}

extension JournalDatabase {
    /// Starts a run and records `snapshot` as changes, in one transaction.
    ///
    /// An identical snapshot adds the run row only (and refreshes `last_loaded` of loaded models).
    public func recordSnapshot(
        _ snapshot: Models, kind: RunKind, piecesURL: String, policyDigest: String? = nil, at now: Date
    ) throws(JournalError) -> RecordedSnapshot {
        try write { db in
            let previousAt = try Double.fetchOne(db, sql: "SELECT max(started_at) FROM run WHERE model_count IS NOT NULL")
            let previous = Dictionary(
                uniqueKeysWithValues: try ModelUsage.fetchAll(db).map { ($0.modelID, $0) })
            let diff = SnapshotDiff.compare(
                previous: previous, snapshot: snapshot, at: now,
                previousSnapshotAt: previousAt.map(Date.init(timeIntervalSince1970:)))
            try db.execute(
                sql: """
                    INSERT INTO run (kind, started_at, pieces_url, policy_digest, model_count, changed_models)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [kind.rawValue, now.timeIntervalSince1970, piecesURL, policyDigest, snapshot.iterable.count, diff.changedModels])
            let runID = db.lastInsertedRowID
            for row in diff.rows { try row.save(in: db) }
            let insert = try db.makeStatement(
                sql: "INSERT INTO model_change (run_id, model_id, at, field, old_value, new_value) VALUES (?, ?, ?, ?, ?, ?)")
            for change in diff.changes {
                try insert.execute(arguments: [runID, change.modelID, now.timeIntervalSince1970, change.field, change.oldValue, change.newValue])
            }
            var usage = previous
            for row in diff.rows { usage[row.modelID] = row }
            return RecordedSnapshot(runID: runID, usage: usage, changedModels: diff.changedModels)
        }
    }

    /// Starts a run that has no snapshot (Pieces OS was unreachable).
    public func recordRunWithoutSnapshot(kind: RunKind, at now: Date) throws(JournalError) -> Int64 {
        try write { db in
            try db.execute(sql: "INSERT INTO run (kind, started_at) VALUES (?, ?)", arguments: [kind.rawValue, now.timeIntervalSince1970])
            return db.lastInsertedRowID
        }
    }

    /// Closes a run with its exit status, whether journald received its entries, a note, the
    /// Pieces OS process measured with its snapshot (when it was found) and the socket it
    /// listens on, and how long it took.
    public func finishRun(
        _ runID: Int64, at now: Date, failure: FailureCategory?, journald: Bool, note: String? = nil,
        piecesProcess: PiecesProcess? = nil, socket: ListeningSocket? = nil, duration: Duration? = nil
    ) throws(JournalError) {
        // Durable: a pass's record is on disk when it ends, whatever it wrote before.
        try write(durable: true) { db in
            try db.execute(
                sql: """
                    UPDATE run SET finished_at = ?, exit_status = ?, journald = ?, note = ?,
                        pieces_pid = ?, pieces_rss_bytes = ?, pieces_swap_bytes = ?, duration_seconds = ?,
                        pieces_socket_inode = ?
                    WHERE id = ?
                    """,
                arguments: [now.timeIntervalSince1970, failure.journalCode, journald, note,
                            piecesProcess?.pid, piecesProcess?.rssBytes, piecesProcess?.swapBytes, duration?.seconds,
                            socket.flatMap { Int64(exactly: $0.inode) }, runID])
        }
    }

    /// The process and listening socket the latest run against `piecesURL` found: a hint that
    /// spares the next pass a read of the socket tables and a scan of every process. The
    /// finder trusts it only while that pid still holds that socket.
    public func lastListeningSocket(of piecesURL: String) throws(JournalError) -> ListeningSocket? {
        try read { db in
            let row = try Row.fetchOne(db, sql: HistoryQuery.lastListeningSocket.sql, arguments: [piecesURL])
            guard let row, let pid: Int32 = try row.decode(atIndex: 0), let inode: Int64 = try row.decode(atIndex: 1),
                pid > 0, let unsigned = UInt64(exactly: inode)
            else { return nil }
            return ListeningSocket(pid: pid, inode: unsigned)
        }
    }

    /// What the journal knows of every model, by id.
    public func usage() throws(JournalError) -> [String: ModelUsage] {
        try read { db in Dictionary(uniqueKeysWithValues: try ModelUsage.fetchAll(db).map { ($0.modelID, $0) }) }
    }

    /// Runs `body` in a write transaction (`BEGIN IMMEDIATE`), mapping failures to ``JournalError``.
    ///
    /// A `durable` commit is on disk when this returns (`synchronous = FULL` for it alone): the
    /// write-ahead log is appended in order, so every earlier commit is with it. Other commits
    /// wait for the next durable one (every run ends with one), for SQLite's automatic
    /// checkpoint, or for the checkpoint the last connection to the file makes as it closes.
    func write<T>(durable: Bool = false, _ body: (Database) throws -> T) throws(JournalError) -> T {
        do {
            guard durable else { return try writer.write(body) }
            return try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = FULL")
                defer { try? db.execute(sql: "PRAGMA synchronous = \(Self.synchronous)") }
                // inTransaction rolls back and rethrows what `body` throws.
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw DatabaseError(message: "the durable write transaction did not run") }
                return result
            }
        } catch {
            throw JournalError(path: writer.path, error)
        }
    }

    /// Runs `body` in a read transaction, mapping failures to ``JournalError``.
    func read<T>(_ body: (Database) throws -> T) throws(JournalError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw JournalError(path: writer.path, error)
        }
    }
}
