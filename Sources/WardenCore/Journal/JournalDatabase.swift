import GRDB

/// The journal: modelwarden's system of record in SQLite.
///
/// It takes any GRDB writer, so tests use an in-memory queue and the agent one WAL connection on disk
/// (see ``open(at:)``). Creating the value runs the migrator when migrations are due; a
/// database written by a newer modelwarden is refused before anything is touched. Copies share
/// one connection, which ``reopenIfReplaced(logger:events:)`` may swap for a new one.
public struct JournalDatabase: Sendable {
    /// The database connection(s).
    public var writer: any DatabaseWriter { connection.writer }
    /// The connection and, on disk, the file it opened.
    let connection: JournalConnection

    /// Opens the journal on `writer` and brings its schema up to date.
    public init(_ writer: any DatabaseWriter) throws(JournalError) {
        try self.init(writer, file: nil)
    }

    /// Opens the journal on `writer`, which opened the file `file` names (nil in memory).
    init(_ writer: any DatabaseWriter, file: JournalConnection.OpenedFile?) throws(JournalError) {
        connection = JournalConnection(writer: writer, file: file)
        do {
            switch try writer.read(Self.schemaState) {
            case .current: break
            case .newer: throw JournalError.newerSchema(path: writer.path)
            case .behind: try Self.migrator.migrate(writer)
            }
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError(path: writer.path, error)
        }
    }

    /// An empty journal in memory, for tests and dry explorations.
    public static func inMemory() throws(JournalError) -> JournalDatabase {
        do {
            return try JournalDatabase(DatabaseQueue(configuration: configuration()))
        } catch let error as JournalError {
            throw error
        } catch {
            throw JournalError(path: ":memory:", error)
        }
    }

    /// The connection settings every journal uses: foreign keys, `synchronous=NORMAL` (a
    /// commit is on disk with the next durable one, see ``write(durable:_:)``), and a busy
    /// timeout so a concurrent `status` waits rather
    /// than fails. GRDB begins every write transaction with `BEGIN IMMEDIATE`.
    ///
    /// The connection checks the schema as it opens, before `writeAheadLog` switches the file
    /// to WAL, so a file from a newer modelwarden (or a corrupt one) is refused without a byte
    /// written. With `expecting`, it also checks that SQLite opened that file: SQLite resolves
    /// links itself, so a link planted after ``open(at:)`` checked the path is refused here.
    ///
    /// WAL is set here rather than by GRDB's `journalMode = .wal`, which primes the log with a
    /// write of its own at every open (two fsyncs), for the reader connections of a pool.
    static func configuration(expecting file: String? = nil, writeAheadLog: Bool = false) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "modelwarden.journal"
        configuration.prepareDatabase { db in
            if let file, let opened = try String.fetchOne(db, sql: "SELECT file FROM pragma_database_list WHERE name = 'main'"),
                opened != file {
                throw JournalFile.Refusal(cause: "became a link to \(PathSetting.escaped(opened)) while it was being opened; remove the link")
            }
            if try schemaState(of: db) == .newer { throw NewerSchemaFound() }
            if writeAheadLog {
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode == "wal" else { throw WriteAheadLogRefused(mode: mode ?? "none") }
            }
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
        }
        return configuration
    }

    /// The journal's `synchronous` setting outside durable commits.
    static let synchronous = "NORMAL"

    /// Thrown while a connection opens; ``JournalError`` names the file.
    struct NewerSchemaFound: Error {}

    /// Thrown while a connection opens when SQLite keeps another journal mode than WAL.
    struct WriteAheadLogRefused: Error, CustomStringConvertible {
        /// The mode SQLite reported.
        let mode: String
        var description: String {
            "SQLite kept journal_mode=\(mode) instead of WAL, which needs shared memory beside the file; "
                + "put the journal on a local file system (--db or MODELWARDEN_DB)"
        }
    }
}
