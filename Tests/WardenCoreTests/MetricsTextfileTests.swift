import Foundation
import TestSupport
import Testing
@testable import WardenCore

/// The textfile: where it may go, how it is replaced, and how often the watcher writes it.
@Suite("The metrics textfile")
struct MetricsTextfileTests {
    @Test(arguments: [
        ("/var/lib/prometheus/node-exporter/modelwarden.prom", nil),
        ("modelwarden.prom", "must be an absolute path"),
        ("/var/lib/prometheus/node-exporter/modelwarden.txt", "must end in .prom"),
        ("/var/lib/prometheus/node-exporter/", "must end in .prom"),
        ("/var/lib/prometheus/node-exporter/.prom", "must end in .prom"),
        ("/tmp/a\u{7}b.prom", "U+0007"),
    ] as [(String, String?)])
    func aTextfileIsAnAbsolutePromFile(path: String, problem: String?) {
        let found = MetricsTextfile.problem(with: path, setBy: "--metrics-file")
        #expect(problem == nil ? found == nil : found?.contains(problem ?? "") == true, "\(found ?? "nil")")
    }

    @Test func thePolicyKeySaysWhereTheBadPathIs() throws {
        let text = "version: 1\nmetrics:\n  textfile: relative.prom\n"
        #expect(throws: PolicyError.self) { try PolicyLoader.load(texts: [(file: "60-site.yaml", text: text)]) }
        do {
            _ = try PolicyLoader.load(texts: [(file: "60-site.yaml", text: text)])
        } catch {
            #expect("\(error)".contains("60-site.yaml:3") && "\(error)".contains("metrics.textfile must be an absolute path"), "\(error)")
        }
        let good = try PolicyLoader.load(texts: [(file: "a.yaml", text: "version: 1\nmetrics:\n  textfile: /srv/m.prom\n")])
        #expect(good.policy.metrics.textfile == "/srv/m.prom")
    }

    @Test func theFileIsReplacedWholeWithMode0644AndNothingButARegularFileIsReplaced() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("modelwarden.prom")
        let old = umask(0o077)
        defer { umask(old) }
        try MetricsTextfile(path: path).write("modelwarden_pieces_up 0\n")
        try MetricsTextfile(path: path).write("modelwarden_pieces_up 1\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
        #expect((attributes[.posixPermissions] as? Int) == 0o644)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "modelwarden_pieces_up 1\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path("")) == ["modelwarden.prom"], "no temporary file left")

        // A link, a directory, a device: refused, and left as they were.
        let target = directory.path("elsewhere.txt")
        try "not yours\n".write(toFile: target, atomically: true, encoding: .utf8)
        let link = directory.path("link.prom")
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        try FileManager.default.createDirectory(atPath: directory.path("dir.prom"), withIntermediateDirectories: false)
        for (refused, kind) in [(link, "a symbolic link"), (directory.path("dir.prom"), "a directory"), ("/dev/null", "a device")] {
            #expect {
                try ReplacedFile.write("x 1\n", to: refused, mode: 0o644)
            } throws: { error in
                "\(error)".contains("\(refused): it is not a regular file (\(kind))")
            }
        }
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "not yours\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        var device = stat()
        #expect(stat("/dev/null", &device) == 0 && device.st_mode & S_IFMT == S_IFCHR)
    }

    @Test func aReplacedFileKeepsTheModeItHad() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("report.html")
        try "old".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o600)
        try ReplacedFile.write("new", to: path, mode: 0o644)
        #expect((try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) == 0o600)
    }

    @Test func aDirectoryThatCannotBeWrittenGivesAnErrorThatNamesTheFile() {
        #expect {
            try MetricsTextfile(path: "/nonexistent-directory/modelwarden.prom").write("x 1\n")
        } throws: { error in
            "\(error)".contains("/nonexistent-directory/modelwarden.prom") && "\(error)".contains("No such file")
        }
    }

    @Test(arguments: [(false, nil, 0), (true, nil, 4), (false, "/srv/m.prom", 4)] as [(Bool, String?, Int)])
    func theWatcherWritesTheFileEvery15SecondsAndNeverMoreOften(flag: Bool, textfile: String?, writes: Int) throws {
        let policy = try WatchScheduleTests.policy(textfile.map { "metrics:\n  textfile: \($0)\n" } ?? "")
        var schedule = WatchSchedule(policy: policy, watchdogEvery: nil, publishesStatus: false, metricsFlag: flag)
        var count = 0
        // A minute of ticks every half second, and memory samples between them.
        for step in 0..<120 {
            let now = WatchScheduleTests.t0.addingTimeInterval(Double(step) / 2)
            var effects = schedule.handle(step == 0 ? .started : step == 1 ? .passFinished(summary: nil) : .tick, at: now)
            if effects.contains(.sampleMemory(psi: false)) { effects += schedule.handle(.memory(WatchScheduleTests.sample(availableGiB: 8)), at: now) }
            count += effects.count { $0 == .writeMetrics }
            if writes > 0, step > 0 { #expect(schedule.nextWake <= now.addingTimeInterval(WatchSchedule.metricsEvery)) }
        }
        // When the first pass ends (0.5 s), then at 15.5, 30.5 and 45.5 seconds.
        #expect(count == writes)
    }
}
