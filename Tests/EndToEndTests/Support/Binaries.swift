import Foundation

/// Runs the built `modelwarden` and `modelwarden-sim` binaries, which sit beside the test bundle.
enum Binaries {
    static let directory: URL = {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent()
    }()

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The result of a finished process.
    struct Result: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
        /// Whether a signal ended it; `status` is then the signal's number.
        var signaled = false
        /// Its process id, which its journald entries carry as `_PID`.
        var pid: Int32 = 0
    }

    /// A directory for the journals of tests that do not name one, so that no test writes the
    /// real default (`/var/lib/modelwarden` when the tests run as root).
    static let scratch: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("modelwarden-e2e-journals").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    /// The policy directory of tests that do not name one: the built-in default with notices
    /// off, so that a pass 31 days on deletes what is stale; the notice tests name their own.
    static let noticesOff: String = {
        let path = scratch + "/notices-off"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try? "version: 1\nretention:\n  notice_before: 0s\n".write(toFile: path + "/00-notices-off.yaml", atomically: true, encoding: .utf8)
        return path
    }()

    /// A policy directory without files: the built-in default, notices included.
    static var builtInPolicy: String { "\(scratch)/no-policy-files-here" }

    /// A minimal environment with `environment` added, and a fresh `MODELWARDEN_DB` unless it
    /// names one.
    static func environment(adding environment: [String: String]) -> [String: String] {
        let defaults = [
            "PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(),
            "MODELWARDEN_DB": "\(scratch)/\(UUID().uuidString).sqlite",
            "MODELWARDEN_POLICY_DIR": noticesOff,
        ]
        return defaults.merging(environment) { $1 }
    }

    /// Starts `modelwarden` with `arguments` in ``environment(adding:)``, its output discarded;
    /// the caller waits for it.
    static func start(_ arguments: [String], environment: [String: String]) throws -> Process {
        let process = Process()
        process.executableURL = url("modelwarden")
        process.arguments = arguments
        process.environment = Self.environment(adding: environment)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `name` with `arguments` to completion; `environment` is added to a minimal one,
    /// with a fresh `MODELWARDEN_DB` unless it names one. `prefix` runs it through another
    /// command, such as `setpriv`.
    static func run(_ name: String, _ arguments: [String], environment: [String: String] = [:], prefix: [String] = []) throws -> Result {
        let process = Process()
        process.executableURL = prefix.isEmpty ? url(name) : URL(fileURLWithPath: prefix[0])
        process.arguments = prefix.isEmpty ? arguments : Array(prefix.dropFirst()) + [url(name).path] + arguments
        process.environment = Self.environment(adding: environment)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Read both pipes to the end before waiting, so a full pipe cannot block the child.
        let group = DispatchGroup()
        let buffers = PipeBuffers()
        for (pipe, keyPath) in [(out, \PipeBuffers.out), (err, \PipeBuffers.err)] {
            group.enter()
            DispatchQueue.global().async {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                buffers.set(keyPath, data)
                group.leave()
            }
        }
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: buffers.string(\.out), stderr: buffers.string(\.err),
            signaled: process.terminationReason == .uncaughtSignal, pid: process.processIdentifier)
    }
}

extension Binaries {
    /// Starts `modelwarden` with `arguments` and sends it SIGKILL at a random moment within
    /// `microseconds`; true if it was still running then (a random delay picks the moment, it
    /// does not wait for anything).
    static func killAtRandomMoment(_ arguments: [String], environment: [String: String], within microseconds: UInt32) throws -> Bool {
        let process = Process()
        process.executableURL = url("modelwarden")
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32.random(in: 0...microseconds))
        let killed = process.isRunning
        if killed { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        return killed
    }
}

/// Collects the output of both pipes from two threads.
final class PipeBuffers: @unchecked Sendable {
    private let lock = NSLock()
    var out = Data()
    var err = Data()

    func set(_ keyPath: ReferenceWritableKeyPath<PipeBuffers, Data>, _ data: Data) {
        lock.withLock { self[keyPath: keyPath] = data }
    }

    func string(_ keyPath: KeyPath<PipeBuffers, Data>) -> String {
        lock.withLock { String(decoding: self[keyPath: keyPath], as: UTF8.self) }
    }
}

extension Binaries {
    /// Runs a system tool to completion and returns its standard output.
    static func runTool(_ path: String, _ arguments: [String]) throws -> String {
        try runToolWithStatus(path, arguments).output
    }
}
