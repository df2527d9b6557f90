import PiecesModels
import Testing
import WardenCore
@testable import modelwarden

/// The executable's one mapping from failure categories to exit statuses.
@Suite("Exit statuses")
struct ExitStatusTests {
    @Test func usesTheDocumentedExitCodes() {
        #expect(modelwarden.ExitStatus.allCases.map(\.rawValue) == [0, 1, 64, 65, 69, 70, 73, 75, 77])
    }

    @Test(arguments: FailureCategory.allCases)
    func eachCategoryExitsWithTheCodeTheJournalRecords(category: FailureCategory) {
        #expect(modelwarden.ExitStatus(category).rawValue == category.journalCode)
        #expect(modelwarden.ExitStatus(category) != .ok)
    }

    @Test func anUnknownErrorIsABugNotAFailedAction() {
        struct Unforeseen: Error {}
        let failure = CommandFailure(Unforeseen())
        #expect(failure.status == .internalError)
        #expect(failure.message.hasPrefix("internal error: "))
    }

    @Test(arguments: [
        (PiecesClientError.unreachable([.init(url: "http://127.0.0.1:1", cause: "connection refused")]), modelwarden.ExitStatus.piecesUnavailable),
        (.http(method: "GET", path: "/models", status: 500, bodyExcerpt: ""), .piecesUnavailable),
        (.invalidURL("x", reason: "not a URL"), .usage),
        (.remoteNotAllowed("http://10.0.0.1"), .usage),
    ])
    func clientErrorsExitAsDocumented(error: PiecesClientError, status: modelwarden.ExitStatus) {
        #expect(CommandFailure(error).status == status)
        #expect(CommandFailure(error).message.hasPrefix(error.description))
    }

    @Test func onlyTheCommandLineNamesFlags() {
        let unreachable = CommandFailure(PiecesClientError.unreachable([]))
        #expect(unreachable.message.hasSuffix("Set --pieces-url or MODELWARDEN_PIECES_URL if it listens elsewhere."))
        #expect(!PiecesClientError.unreachable([]).description.contains("--"))
        let journal = CommandFailure(JournalError.missingDirectory(path: "/x/j.sqlite", directory: "/x"))
        #expect(journal.status == .journalUnavailable && journal.message.hasSuffix("(--db or MODELWARDEN_DB)"))
    }
}
