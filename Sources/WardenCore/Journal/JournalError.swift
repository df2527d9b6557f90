import GRDB

/// Why the journal database cannot be used; every case exits 73 and names the path.
public enum JournalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The directory that should hold the database does not exist.
    case missingDirectory(path: String, directory: String)
    /// The database was written by a newer modelwarden, whose schema this one does not know.
    case newerSchema(path: String)
    /// SQLite could not open, read or write the file.
    case unusable(path: String, cause: String)

    /// Describes an SQLite or system error met at `path`.
    init(path: String, _ error: any Error) {
        if error is JournalDatabase.NewerSchemaFound {
            self = .newerSchema(path: path)
            return
        }
        if let refusal = error as? JournalFile.Refusal {
            self = .unusable(path: path, cause: refusal.cause)
            return
        }
        guard let error = error as? DatabaseError else {
            self = .unusable(path: path, cause: String(describing: error))
            return
        }
        let cause: String
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            cause = "the file is not a modelwarden journal or is corrupt (\(error.message ?? "")); move it aside to start a new journal"
        case .SQLITE_CANTOPEN:
            cause = "cannot open or create the file; check that its directory exists and is writable"
        case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_AUTH:
            cause = "the file or its directory is read-only (\(error.message ?? ""))"
        case .SQLITE_FULL:
            cause = "the disk is full"
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            cause = "the database stayed locked by another process"
        default:
            cause = error.message ?? "\(error.resultCode)"
        }
        self = .unusable(path: path, cause: cause)
    }

    /// The database path concerned.
    public var path: String {
        switch self {
        case .missingDirectory(let path, _), .newerSchema(let path), .unusable(let path, _): return path
        }
    }

    public var description: String {
        switch self {
        case .missingDirectory(let path, let directory):
            return "journal \(path): the directory \(directory) does not exist; create it or choose another journal"
        case .newerSchema(let path):
            return "journal \(path): written by a newer modelwarden; upgrade modelwarden, or use another journal"
        case .unusable(let path, let cause):
            return "journal \(path): \(cause)"
        }
    }
}
