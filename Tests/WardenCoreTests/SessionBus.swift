import Foundation
import TestSupport
import Testing

/// A private dbus-daemon for one test, on a socket in a directory of its own, stopped when
/// the value is released.
final class SessionBus: @unchecked Sendable {
    static let daemon = "/usr/bin/dbus-daemon"
    static let python = "/usr/bin/python3"
    static let fixtures = Bundle.module.url(forResource: "dbus", withExtension: nil, subdirectory: "Fixtures")?.path ?? "/nonexistent"

    /// Whether dbus-daemon and python3-dbus (with python3-gi) are installed.
    static let isAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: daemon) else { return false }
        return (try? ChildProcess.run(python, ["-c", "import dbus, dbus.mainloop.glib; from gi.repository import GLib"]).status) == 0
    }()
    static let unavailableMessage: Comment = "needs dbus-daemon, python3-dbus and python3-gi (apt-get install dbus-daemon python3-dbus python3-gi)"

    let directory: TemporaryDirectory
    let process = Process()
    /// The address dbus-daemon printed once it listened.
    let address: String
    private var servers: [LineProcess] = []

    init() throws {
        directory = try TemporaryDirectory()
        // Quiet: as root it warns on every start that it cannot raise its descriptor limit.
        let started = try LineProcess(Self.daemon, [
            "--config-file=\(Self.fixtures)/session.conf", "--address=unix:dir=\(directory.url.path)", "--print-address", "--nofork",
        ], quiet: true)
        servers.append(started)
        address = started.firstLine
    }

    /// Starts the Python notification server on this bus; it owns its name when this returns.
    func notificationServer() throws -> NotificationServer {
        let record = directory.path("calls-\(servers.count).jsonl")
        let server = try LineProcess(Self.python, [Self.fixtures + "/notification_server.py", address, record])
        guard server.firstLine == "ready" else { throw LineProcess.DidNotStart(line: server.firstLine) }
        servers.insert(server, at: 0)  // stopped before the bus
        return NotificationServer(record: record)
    }

    deinit { servers.forEach { $0.stop() } }
}

/// What the Python notification server recorded.
struct NotificationServer {
    let record: String

    /// Every Notify call, in order, as the JSON objects the server wrote.
    func calls() throws -> [[String: Any]] {
        let text = (try? String(contentsOfFile: record, encoding: .utf8)) ?? ""
        return try text.split(separator: "\n").map { line in
            (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]) ?? [:]
        }
    }
}

/// A process whose first line of output says it is ready (and what it is ready with).
final class LineProcess: @unchecked Sendable {
    let process = Process()
    let firstLine: String

    struct DidNotStart: Error { let line: String }

    init(_ executable: String, _ arguments: [String], quiet: Bool = false) throws {
        let output = Pipe()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        if quiet { process.standardError = FileHandle.nullDevice }
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // it ended before saying anything
            line += chunk
        }
        firstLine = String(decoding: line, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? ""
        guard !firstLine.isEmpty else {
            stop()
            throw DidNotStart(line: "")
        }
    }

    /// Stops it with SIGKILL: a child of the test runner inherits a signal mask that blocks
    /// SIGTERM, which dbus-daemon and Python then never see.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
