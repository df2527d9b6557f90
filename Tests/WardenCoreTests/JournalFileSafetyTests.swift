import Foundation
import GRDB
import TestSupport
import Testing
@testable import WardenCore

/// Hostile journal directories (issue 12, A and C): links, devices and foreign files where the
/// journal's files should be are refused, and nothing is written through or to them.
@Suite("Journal files in a hostile directory")
struct JournalFileSafetyTests {
    /// A file's bytes, size, mode and modification time: what must not change.
    struct Fingerprint: Equatable {
        var bytes: Data, mode: Int, size: Int, modified: Date?

        init(_ path: String) throws {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            mode = attributes[.posixPermissions] as? Int ?? -1
            size = attributes[.size] as? Int ?? -1
            modified = attributes[.modificationDate] as? Date
        }
    }

    /// What a pass opens, in its order: the database, then the lock beside it.
    static func openLikeAPass(_ location: JournalLocation) throws {
        _ = try JournalDatabase.open(at: location)
        _ = try PassLock(journal: location)
    }

    @Test(arguments: ["", "-wal", "-shm", ".lock"])
    func aLinkWhereAJournalFileShouldBeIsRefusedAndItsTargetUntouched(suffix: String) throws {
        let directory = try TemporaryDirectory()
        let victim = directory.path("victim")
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        chmod(victim, 0o644)
        let before = try Fingerprint(victim)
        let location = JournalLocation(path: directory.path("journal.sqlite"), createsDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: location.path + suffix, withDestinationPath: victim)
        #expect {
            try Self.openLikeAPass(location)
        } throws: { error in
            "\(error)".contains("is a symbolic link") && "\(error)".contains(location.path + suffix)
        }
        #expect(try Fingerprint(victim) == before)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: location.path + suffix) == victim)
    }

    @Test func aDanglingLinkIsNotFollowedToCreateItsTarget() throws {
        let directory = try TemporaryDirectory()
        let location = JournalLocation(path: directory.path("journal.sqlite"), createsDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: location.lockPath, withDestinationPath: directory.path("created-elsewhere"))
        try FileManager.default.createSymbolicLink(atPath: location.path, withDestinationPath: directory.path("also-elsewhere"))
        #expect(throws: JournalError.self) { try JournalDatabase.open(at: location) }
        #expect(throws: PassLock.Failure.self) { try PassLock(journal: location) }
        #expect(!FileManager.default.fileExists(atPath: directory.path("created-elsewhere")))
        #expect(!FileManager.default.fileExists(atPath: directory.path("also-elsewhere")))
    }

    @Test func aConnectionThatSQLiteOpenedThroughALinkIsRefused() throws {
        // The race open(at:) cannot see: a link swapped in after its check, before SQLite opens.
        let directory = try TemporaryDirectory()
        let victim = directory.path("victim.sqlite"), path = directory.path("journal.sqlite")
        try DatabaseQueue(path: victim).write { try $0.execute(sql: "CREATE TABLE t (x)") }
        let before = try Fingerprint(victim)
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: victim)
        let real = try #require(realpath(directory.url.path, nil))
        defer { free(real) }
        #expect(throws: JournalFile.Refusal.self) {
            try DatabaseQueue(path: path, configuration: JournalDatabase.configuration(expecting: String(cString: real) + "/journal.sqlite"))
        }
        #expect(try Fingerprint(victim) == before)
    }

    @Test func aDirectoryFIFOOrSecondHardLinkIsRefused() throws {
        let directory = try TemporaryDirectory()
        let location = JournalLocation(path: directory.path("journal.sqlite"), createsDirectories: false)
        try FileManager.default.createDirectory(atPath: location.path, withIntermediateDirectories: false)
        #expect(throws: JournalError.self) { try JournalDatabase.open(at: location) }
        #expect(mkfifo(location.lockPath, 0o600) == 0)
        #expect(throws: PassLock.Failure.self) { try PassLock(journal: location) }
        let other = JournalLocation(path: directory.path("other.sqlite"), createsDirectories: false)
        let victim = directory.path("victim")
        try "precious\n".write(toFile: victim, atomically: false, encoding: .utf8)
        #expect(link(victim, other.lockPath) == 0)
        #expect(throws: PassLock.Failure.self) { try PassLock(journal: other) }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "precious\n")
    }

    @Test(arguments: [
        ("garbage", Data(repeating: 0x5A, count: 4096)),
        ("text", Data("version: 1\nthis is not a journal\n".utf8)),
        ("short", Data("SQLite".utf8)),
    ])
    func aFileThatIsNotAJournalIsRefusedWithoutAByteOrModeChanged(name: String, content: Data) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("\(name).sqlite")
        try content.write(to: URL(fileURLWithPath: path))
        chmod(path, 0o644)
        let before = try Fingerprint(path)
        #expect {
            try JournalDatabase.open(at: JournalLocation(path: path, createsDirectories: false))
        } throws: { error in
            "\(error)".contains("is not a modelwarden journal or is corrupt")
        }
        #expect(try Fingerprint(path) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
    }

    @Test func onlyAFileModelwardenCreatesGetsMode0600() throws {
        let directory = try TemporaryDirectory()
        let location = JournalLocation(path: directory.path("journal.sqlite"), createsDirectories: false)
        _ = try JournalDatabase.open(at: location)
        _ = try PassLock(journal: location)
        #expect(try Fingerprint(location.path).mode == 0o600)
        #expect(try Fingerprint(location.lockPath).mode == 0o600)
        // A journal its owner chose to share with a group keeps that mode.
        chmod(location.path, 0o640)
        _ = try JournalDatabase.open(at: location)
        #expect(try Fingerprint(location.path).mode == 0o640)
    }
}
