/// What kind of failure ended a command. The executable maps each to its exit status; the
/// journal records the same code in `run.exit_status`.
public enum FailureCategory: String, Sendable, CaseIterable {
    /// One or more destructive actions (or the policy editor) failed.
    case actionFailed
    /// No model matches what the command line names.
    case noMatch
    /// The command line or a setting is wrong.
    case usage
    /// The policy is invalid.
    case invalidPolicy
    /// Pieces OS is unreachable or answers wrongly.
    case piecesUnavailable
    /// The journal, or a policy file being saved, cannot be created, opened or written.
    case storageUnavailable
    /// Another pass holds the lock, or a policy file changed during an edit.
    case busy
    /// A policy file or directory has insecure permissions.
    case insecurePolicy
    /// A failure modelwarden does not know: a bug.
    case internalError

    /// The code `run.exit_status` holds for a run that ended so: the sysexits(3) value the
    /// command exits with, which a test checks against the executable's `ExitStatus`.
    public var journalCode: Int32 {
        switch self {
        case .actionFailed, .noMatch: 1
        case .usage: 64
        case .invalidPolicy: 65
        case .piecesUnavailable: 69
        case .storageUnavailable: 73
        case .busy: 75
        case .insecurePolicy: 77
        case .internalError: 70
        }
    }

    /// The category of `error`; one modelwarden does not know is an internal error.
    public static func of(_ error: any Error) -> FailureCategory {
        (error as? any CategorizedError)?.category ?? .internalError
    }
}

/// An error that says what kind of failure it is, and what went wrong for a person.
public protocol CategorizedError: Error, CustomStringConvertible {
    /// What kind of failure it is.
    var category: FailureCategory { get }
}

extension Optional where Wrapped == FailureCategory {
    /// `run.exit_status` of a run that ended with this failure, or 0 without one.
    var journalCode: Int32 { self?.journalCode ?? 0 }
}
