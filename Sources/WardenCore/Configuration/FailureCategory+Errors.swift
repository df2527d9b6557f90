import PiecesModels

// Every error a command can end with, and its category: one place to read them all.

extension PiecesClientError: CategorizedError {
    public var category: FailureCategory {
        switch self {
        case .invalidURL, .remoteNotAllowed: .usage
        case .invalidModelID, .unreachable, .http, .undecodable: .piecesUnavailable
        }
    }
}

extension PolicyError: CategorizedError {
    public var category: FailureCategory {
        switch self {
        case .invalid: .invalidPolicy
        case .insecure: .insecurePolicy
        }
    }
}

extension JournalError: CategorizedError {
    public var category: FailureCategory { .storageUnavailable }
}

extension PassLock.Failure: CategorizedError {
    public var category: FailureCategory {
        switch self {
        case .held: .busy
        case .unusable: .storageUnavailable
        }
    }
}

extension PolicyFileWriter.Failure: CategorizedError {
    public var category: FailureCategory {
        switch self {
        case .changedMeanwhile: .busy
        case .unwritable: .storageUnavailable
        }
    }
}

extension ManagedDropInError: CategorizedError {
    public var category: FailureCategory {
        switch self {
        case .malformed: .usage
        case .handWritten: .invalidPolicy
        }
    }
}

extension PolicyEditSession.Failure: CategorizedError {
    public var category: FailureCategory {
        switch self {
        case .invalid(let error): error.category
        case .changedMeanwhile: .busy
        case .editorFailed: .actionFailed
        }
    }
}
