import Foundation
import TestSupport
import Testing
import WardenCore

/// Control characters in paths (issue 12, B): refused wherever a path enters, naming where.
@Suite("Control characters in paths")
struct PathControlCharacterTests {
    /// The setting `body` refused, or nil when it did not throw.
    static func refusedSetting(_ body: () throws(SettingError) -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            #expect(FailureCategory.of(error) == .usage)
            return error.setting
        }
    }

    static let hostile = ["/j\0.sqlite", "/a\nb", "/tab\there", "/esc\u{1B}[2J", "/del\u{7F}", "\u{01}"]

    @Test(arguments: hostile)
    func everyControlCharacterIsAProblem(path: String) throws {
        let problem = try #require(PathSetting.problem(in: path))
        #expect(problem.contains("control character U+00"))
        // The message shows the path escaped: no raw control character reaches a terminal.
        #expect(!problem.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
    }

    @Test(arguments: ["/var/lib/modelwarden/journal.sqlite", "/srv/my db.sqlite", "/données/journal.sqlite", "relative/p", ""])
    func anOrdinaryPathIsNot(path: String) {
        #expect(PathSetting.problem(in: path) == nil)
    }

    @Test(arguments: [
        ("/j\0.sqlite", [:], "--db"),
        (nil, ["MODELWARDEN_DB": "/j\n.sqlite"], "MODELWARDEN_DB"),
        (nil, ["XDG_STATE_HOME": "/state\u{7F}"], "XDG_STATE_HOME"),
        (nil, ["HOME": "/home/\u{1B}x"], "HOME"),
    ] as [(String?, [String: String], String)])
    func theJournalPathNamesTheSettingItCameFrom(flag: String?, environment: [String: String], setting: String) {
        #expect(Self.refusedSetting { () throws(SettingError) in
            _ = try JournalLocation.resolve(flag: flag, environment: environment, uid: 1000)
        } == setting)
    }

    @Test(arguments: [
        (["/etc/p\0"], [:], "--policy-dir"),
        ([], ["MODELWARDEN_POLICY_DIR": "/a:/b\u{01}"], "MODELWARDEN_POLICY_DIR"),
        ([], ["XDG_CONFIG_HOME": "/c\t"], "XDG_CONFIG_HOME"),
    ] as [([String], [String: String], String)])
    func policyDirectoriesNameTheSettingTheyCameFrom(flags: [String], environment: [String: String], setting: String) {
        #expect(Self.refusedSetting { () throws(SettingError) in
            _ = try PolicyLoader.directories(flags: flags, environment: environment, uid: 1000)
        } == setting)
    }

    @Test(arguments: [("--meminfo", MemoryProbe(meminfoPath: "/proc/m\0")), ("--psi", MemoryProbe(psiPath: "/proc/p\r"))])
    func memoryFilesNameTheirFlag(setting: String, probe: MemoryProbe) throws {
        let policy = try PolicyLoader.load(texts: [])
        #expect(Self.refusedSetting { () throws(SettingError) in
            _ = try WardenConfiguration.resolve(
                piecesURLFlag: nil, databaseFlag: nil, memoryProbe: probe, now: .distantPast, environment: [:], uid: 0, policy: policy)
        } == setting)
    }

    @Test(arguments: [
        ("journal:\n  database: \"/var/lib/j\\0.sqlite\"\n", "p.yaml:3:13: journal.database: the path \"/var/lib/j\\u{0}.sqlite\" holds"),
        ("disk:\n  path: \"/data\\tx\"\n  max_llm_cache: 1GiB\n", "p.yaml:3:9: disk.path: the path \"/data\\u{9}x\" holds"),
    ])
    func aPolicyPathIsAnInvalidPolicyWithItsPlace(text: String, diagnostic: String) {
        let found = PolicyTests.diagnostics("version: 1\n" + text)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix(diagnostic) == true, "\(found)")
        #expect(FailureCategory.of(PolicyError.invalid([])) == .invalidPolicy)
    }

    @Test func aNULNeverMakesTheJournalAndItsLockOneFile() throws {
        let directory = try TemporaryDirectory()
        let location = JournalLocation(path: directory.url.path + "/j\0.sqlite", createsDirectories: false)
        #expect(throws: JournalError.self) { try JournalDatabase.open(at: location) }
        #expect(throws: PassLock.Failure.self) { try PassLock(journal: location) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path).isEmpty)
    }
}
