import Foundation
import TestSupport
import Testing
import WardenCore

/// Issue 12, finding 6, in process: every generated malformed policy (``PolicyFuzzCorpus``,
/// 312 files from a fixed seed) is read from disk and loaded as a pass would; each is accepted
/// or refused with diagnostics that name the file, never crashes, and takes under 2 s of CPU.
@Suite("Policy fuzzing in process")
struct PolicyFuzzTests {
    static let corpus = PolicyFuzzCorpus.cases()

    @Test func theCorpusIsLargeAndTheSameOnEveryRun() {
        #expect(Self.corpus.count >= 300)
        let again = PolicyFuzzCorpus.cases()
        #expect(zip(Self.corpus, again).allSatisfy { $0.bytes == $1.bytes })
    }

    @Test(arguments: corpus)
    func aMalformedPolicyIsAcceptedOrRefusedWithItsPlace(_ fuzz: PolicyFuzzCorpus.Case) throws {
        let directory = try TemporaryDirectory()
        let file = directory.path("fuzz.yaml")
        try Data(fuzz.bytes).write(to: URL(fileURLWithPath: file))
        let (outcome, seconds) = PolicyBoundsTests.cpuSeconds { () -> Result<LoadedPolicy, PolicyError> in
            Result { () throws(PolicyError) in try PolicyLoader.load(files: [file]) }
        }
        #expect(seconds < 2, "\(fuzz): \(seconds) s of CPU")
        guard case .failure(let error) = outcome else { return }
        guard case .invalid(let diagnostics) = error else {
            Issue.record("\(fuzz): not a validation failure: \(error)")
            return
        }
        #expect(!diagnostics.isEmpty, "\(fuzz)")
        for diagnostic in diagnostics {
            #expect(diagnostic.file == file, "\(fuzz): \(diagnostic)")
            #expect(diagnostic.line >= 1 && diagnostic.column >= 1, "\(fuzz): \(diagnostic)")
            #expect(diagnostic.message.unicodeScalars.count <= 1_010, "\(fuzz): a message of \(diagnostic.message.count) characters")
            #expect(!diagnostic.message.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(fuzz): \(diagnostic)")
        }
    }
}
