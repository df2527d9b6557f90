import Foundation
import Logging
import TestSupport
import Testing
@testable import WardenCore

@Suite("Entries in the systemd journal", .serialized)
struct SystemJournalTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalog = packageRoot.appendingPathComponent("systemd/modelwarden.catalog")

    @Test func everyFieldNameIsValidForJournald() {
        for field in JournalField.allCases {
            #expect(JournalField.isValid(field.rawValue), "\(field.rawValue)")
        }
        let entry = JournalEntry(.passFinished, "m", fields: Dictionary(uniqueKeysWithValues: JournalField.allCases.map { ($0, "v") }))
        for (name, _) in entry.pairs {
            #expect(JournalField.isValid(name), "\(name)")
        }
    }

    @Test(arguments: [
        ("MODELWARDEN_RUN_ID", true), ("MESSAGE", true), ("A", true), ("X9_Y", true),
        ("_PID", false), ("9LIVES", false), ("lower", false), ("WITH-DASH", false), ("", false),
        (String(repeating: "A", count: 64), true), (String(repeating: "A", count: 65), false),
    ])
    func knowsWhatJournaldAccepts(name: String, valid: Bool) {
        #expect(JournalField.isValid(name) == valid)
    }

    @Test func everyMessageIDHasACatalogEntryThatJournalctlReads() throws {
        let text = try String(contentsOf: Self.catalog, encoding: .utf8)
        let ids = Set(text.split(separator: "\n").filter { $0.hasPrefix("-- ") }.map { String($0.dropFirst(3)) })
        #expect(ids == Set(JournalEventKind.allCases.map(\.messageID)))
        for id in ids {
            #expect(id.count == 32 && id.allSatisfy(\.isHexDigit), "\(id)")
        }
        for section in text.components(separatedBy: "\n-- ").dropFirst() {
            for header in ["Subject: ", "Defined-By: modelwarden", "Documentation: "] {
                #expect(section.contains(header), "\(section.prefix(40)) lacks \(header)")
            }
        }

        // journalctl itself compiles the catalog and lists every id.
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = root.appendingPathComponent("usr/lib/systemd/catalog")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.catalog, to: directory.appendingPathComponent("modelwarden.catalog"))
        _ = try Shell.run("/usr/bin/journalctl", ["--root=\(root.path)", "--update-catalog"])
        let listed = try Shell.run("/usr/bin/journalctl", ["--root=\(root.path)", "--list-catalog"])
        for kind in JournalEventKind.allCases {
            #expect(listed.contains(kind.messageID), "\(kind)")
        }
    }

    @Test func entriesReachTheRealJournalWithTheirFields() throws {
        let journal = SystemdJournal()
        try #require(journal.isAvailable, "journald is not running: script/test starts /lib/systemd/systemd-journald")
        let runID = String(UInt32.random(in: 1...UInt32.max))
        journal.send(JournalEntry(
            .cacheDeleted, "deleted the cache of Model a\nsecond line",
            fields: [.runID: runID, .action: "delete_cache", .modelID: "a", .modelName: "Model a", .reason: "stale",
                     .outcome: "succeeded", .bytes: "4000", .dryRun: "0"]))
        _ = try Shell.run("/usr/bin/journalctl", ["--sync"])
        let output = try Shell.run("/usr/bin/journalctl", ["-o", "json", "--no-pager", "MODELWARDEN_RUN_ID=\(runID)"])
        let line = try #require(output.split(separator: "\n").first)
        let entry = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(entry["MESSAGE"] as? String == "deleted the cache of Model a\nsecond line")
        #expect(entry["MESSAGE_ID"] as? String == "192d283dc2cc493b8899256ccbacf6bc")
        #expect(entry["PRIORITY"] as? String == "5")
        #expect(entry["SYSLOG_IDENTIFIER"] as? String == "modelwarden")
        #expect(entry["MODELWARDEN_MODEL_NAME"] as? String == "Model a")
        #expect(entry["MODELWARDEN_BYTES"] as? String == "4000")
        #expect(entry["MODELWARDEN_REASON"] as? String == "stale")
    }

    @Test func aMissingSocketIsReportedNotFatal() {
        let journal = SystemdJournal(socketPath: "/nonexistent/journal/socket")
        #expect(!journal.isAvailable)
        journal.send(JournalEntry(.passFinished, "nobody hears this"))  // does nothing, does not fail
    }
}

/// Runs a command to completion and returns its standard output; fails on a non-zero exit.
enum Shell {
    struct Failed: Error, CustomStringConvertible {
        let command: String
        let status: Int32
        let output: String
        var description: String { "\(command) exited \(status): \(output)" }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let (status, output) = try ChildProcess.run(executable, arguments)
        guard status == 0 else {
            throw Failed(command: ([executable] + arguments).joined(separator: " "), status: status, output: output)
        }
        return output
    }
}

@Suite("Log messages that are not events")
struct JournalLogHandlerTests {
    @Test func goToTheJournalOnlyWhenStderrIsTheJournalStream() {
        var status = stat()
        #expect(fstat(STDERR_FILENO, &status) == 0)
        let own = "\(status.st_dev):\(status.st_ino)"
        #expect(JournalLogHandler.stderrIsJournal(own))
        #expect(!JournalLogHandler.stderrIsJournal(nil))
        #expect(!JournalLogHandler.stderrIsJournal("garbage"))
        #expect(!JournalLogHandler.stderrIsJournal("\(status.st_dev):\(status.st_ino + 1)"))
    }

    @Test(arguments: [
        (Logger.Level.trace, 7), (.debug, 7), (.info, 6), (.notice, 5), (.warning, 4), (.error, 3), (.critical, 2),
    ])
    func mapLevelsToSyslogPriorities(level: Logger.Level, priority: Int) {
        #expect(JournalLogHandler.priority(level) == priority)
    }
}
