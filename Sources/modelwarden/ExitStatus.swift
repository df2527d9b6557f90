import PiecesModels
import WardenCore

/// The exit codes of `modelwarden`, from sysexits(3) where one fits.
enum ExitStatus: Int32, Sendable, CaseIterable {
    /// The command completed (nothing to do and dry runs included).
    case ok = 0
    /// The pass completed, but one or more actions failed; or no model matches MODEL.
    case actionsFailed = 1
    /// The command line is wrong (EX_USAGE).
    case usage = 64
    /// The policy is invalid (EX_DATAERR).
    case invalidPolicy = 65
    /// Pieces OS is unreachable or answers wrongly (EX_UNAVAILABLE).
    case piecesUnavailable = 69
    /// A failure modelwarden does not know: a bug (EX_SOFTWARE).
    case internalError = 70
    /// The journal, or a policy file being saved, cannot be created, opened or written (EX_CANTCREAT).
    case journalUnavailable = 73
    /// Another pass holds the lock, or a policy file changed during an edit (EX_TEMPFAIL).
    case locked = 75
    /// A policy file or directory has insecure permissions (EX_NOPERM).
    case insecurePolicy = 77

    /// The status of a command that ended with a failure of `category`, or completed without one.
    init(_ category: FailureCategory?) {
        guard let category else {
            self = .ok
            return
        }
        switch category {
        case .actionFailed, .noMatch: self = .actionsFailed
        case .usage: self = .usage
        case .invalidPolicy: self = .invalidPolicy
        case .piecesUnavailable: self = .piecesUnavailable
        case .storageUnavailable: self = .journalUnavailable
        case .busy: self = .locked
        case .insecurePolicy: self = .insecurePolicy
        case .internalError: self = .internalError
        }
    }
}

/// An error that ends a command, with the exit status it ends with and a message for a person.
struct CommandFailure: Error, Sendable, CustomStringConvertible {
    /// How the process exits.
    let status: ExitStatus
    /// What went wrong and what to do, without the program name.
    let message: String

    /// Creates a failure.
    init(_ status: ExitStatus, _ message: String) {
        self.status = status
        self.message = message
    }

    /// The failure for any error a command can meet; one modelwarden does not know is a bug (70).
    init(_ error: any Error) {
        if let failure = error as? CommandFailure {
            self = failure
        } else if let error = error as? any CategorizedError {
            self.init(ExitStatus(error.category), error.description + Self.hint(for: error))
        } else {
            self.init(ExitStatus(FailureCategory.of(error)), "internal error: \(error); please report it")
        }
    }

    var description: String { message }

    /// Which flag or variable changes what the error is about: the library speaks of settings,
    /// only the command line knows how they are spelt.
    private static func hint(for error: any Error) -> String {
        switch error {
        case PiecesClientError.unreachable:
            " Set --pieces-url or MODELWARDEN_PIECES_URL if it listens elsewhere."
        case JournalError.missingDirectory, JournalError.newerSchema:
            " (--db or MODELWARDEN_DB)"
        case PolicyFileWriter.Failure.unwritable(_, let cause) where cause.hasSuffix(PolicyFileWriter.permissionAdvice):
            " with --policy-dir"
        default:
            ""
        }
    }
}
