import PiecesModels

/// The exit codes of `modelwarden`, from sysexits(3) where one fits.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// The pass completed (nothing to do and dry runs included).
    case ok = 0
    /// The pass completed, but one or more actions failed.
    case actionsFailed = 1
    /// The command line is wrong (EX_USAGE).
    case usage = 64
    /// The policy is invalid (EX_DATAERR).
    case invalidPolicy = 65
    /// Pieces OS is unreachable or answers wrongly (EX_UNAVAILABLE).
    case piecesUnavailable = 69
    /// The journal database, or a policy file being saved, cannot be created, opened or
    /// written (EX_CANTCREAT).
    case journalUnavailable = 73
    /// Another pass holds the lock, or a policy file changed during an edit (EX_TEMPFAIL).
    case locked = 75
    /// A policy file or directory has insecure permissions (EX_NOPERM).
    case insecurePolicy = 77
}

/// An error that ends a command, with the exit status it ends with and a message for a person.
public struct CommandFailure: Error, Sendable, CustomStringConvertible {
    /// How the process exits.
    public let status: ExitStatus
    /// What went wrong and what to do, without the program name.
    public let message: String

    /// Creates a failure.
    public init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// The failure for any error a command can meet.
    public init(_ error: any Error) {
        switch error {
        case let failure as CommandFailure:
            self = failure
        case let error as PiecesClientError:
            switch error {
            case .invalidURL, .remoteNotAllowed: self.init(.usage, error.description)
            default: self.init(.piecesUnavailable, error.description)
            }
        case let error as PolicyError:
            switch error {
            case .invalid: self.init(.invalidPolicy, error.description)
            case .insecure: self.init(.insecurePolicy, error.description)
            }
        case let error as JournalError:
            self.init(.journalUnavailable, error.description)
        case let error as PassLock.Failure:
            switch error {
            case .held: self.init(.locked, error.description)
            case .unusable: self.init(.journalUnavailable, error.description)
            }
        case let error as PolicyFileWriter.Failure:
            switch error {
            case .changedMeanwhile: self.init(.locked, error.description)
            case .unwritable: self.init(.journalUnavailable, error.description)
            }
        case let error as ManagedDropInError:
            switch error {
            case .malformed: self.init(.usage, error.description)
            case .handWritten: self.init(.invalidPolicy, error.description)
            }
        case let error as PolicyEditSession.Failure:
            switch error {
            case .invalid(let policyError): self.init(CommandFailure(policyError).status, error.description)
            case .changedMeanwhile: self.init(.locked, error.description)
            case .editorFailed: self.init(.actionsFailed, error.description)
            }
        default:
            self.init(.actionsFailed, String(describing: error))
        }
    }

    public var description: String { message }
}
