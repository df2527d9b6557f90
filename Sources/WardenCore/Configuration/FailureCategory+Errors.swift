import PiecesModels

// Every error a command can end with, and its category: one place to read them all.

extension PiecesClientError: CategorizedError {
    /// What kind of failure it is.
    public var category: FailureCategory {
        switch self {
        case .invalidURL, .remoteNotAllowed: .usage
        case .invalidModelID, .unreachable, .http, .redirected, .oversized, .undecodable: .piecesUnavailable
        }
    }
}

extension PolicyError: CategorizedError {
    /// What kind of failure it is.
    public var category: FailureCategory {
        switch self {
        case .invalid: .invalidPolicy
        case .insecure, .unreadable: .insecurePolicy
        }
    }
}

extension JournalError: CategorizedError {
    /// What kind of failure it is: the journal cannot be used, a link or another non-regular
    /// file where a journal file should be included (73, as for any file it cannot create).
    public var category: FailureCategory { .storageUnavailable }
}

extension SettingError: CategorizedError {
    /// What kind of failure it is: a flag or variable with an unusable value.
    public var category: FailureCategory { .usage }
}

extension PassLock.Failure: CategorizedError {
    /// What kind of failure it is.
    public var category: FailureCategory {
        switch self {
        case .held: .busy
        case .unusable: .storageUnavailable
        }
    }
}

extension PolicyFileWriter.Failure: CategorizedError {
    /// What kind of failure it is.
    public var category: FailureCategory {
        switch self {
        case .changedMeanwhile: .busy
        case .unwritable: .storageUnavailable
        }
    }
}

extension ManagedDropInError: CategorizedError {
    /// What kind of failure it is.
    public var category: FailureCategory {
        switch self {
        case .malformed: .usage
        case .handWritten: .invalidPolicy
        }
    }
}

extension PolicyEditSession.Failure: CategorizedError {
    /// What kind of failure it is.
    public var category: FailureCategory {
        switch self {
        case .invalid(let error): error.category
        case .changedMeanwhile: .busy
        case .editorFailed: .actionFailed
        }
    }
}

extension ReplacedFile.Failure: CategorizedError {
    /// What kind of failure it is: an output file that cannot be created (73).
    public var category: FailureCategory { .storageUnavailable }
}
