import Foundation
import TestSupport
import Testing

/// Issue 12, finding 6, as processes: every generated malformed policy goes through the built
/// `modelwarden policy check FILE`, which must exit 0 or 65, never die of a signal, say on
/// stderr what is wrong with the file it names, and stay under 2 s of CPU.
@Suite("Policy fuzzing end to end")
struct PolicyFuzzCommandTests {
    /// The whole corpus: the in-process run (PolicyFuzzTests) proves the loader, this the
    /// binary around it (about 0.06 s a case on two cores).
    static let corpus = PolicyFuzzCorpus.cases()

    @Test func enoughCasesGoThroughTheBinary() {
        #expect(Self.corpus.count >= 300)
    }

    @Test(arguments: corpus)
    func policyCheckExits0Or65NamingTheFile(_ fuzz: PolicyFuzzCorpus.Case) throws {
        let directory = try TemporaryDirectory()
        chmod(directory.url.path, 0o755)
        let file = directory.path("fuzz.yaml")
        try Data(fuzz.bytes).write(to: URL(fileURLWithPath: file))
        chmod(file, 0o644)
        let started = ContinuousClock.now
        let result = try Binaries.run("modelwarden", ["policy", "check", file], prefix: PolicyBoundsCommandTests.cpuLimit)
        let wall = ContinuousClock.now - started
        #expect(!result.signaled, "\(fuzz): killed by signal \(result.status) (SIGXCPU is 24: over 2 s of CPU)")
        #expect([0, 65].contains(result.status), "\(fuzz): exit \(result.status): \(result.stderr.prefix(500))")
        if result.status == 65 {
            #expect(result.stderr.contains("\(file):"), "\(fuzz): \(result.stderr.prefix(500))")
            #expect(result.stderr.utf8.count < 128 << 10, "\(fuzz): \(result.stderr.utf8.count) bytes on stderr")
        }
        // Wall time only proves "no hang": start-up included, on a loaded machine.
        #expect(wall < .seconds(30), "\(fuzz): \(wall)")
    }
}
