import Foundation

/// A `modelwarden-sim` process, started on a free port and stopped with SIGTERM.
final class SimulatorProcess: @unchecked Sendable {
    let process = Process()
    /// The URL the simulator printed on its "listening on" line.
    let url: String
    private let stderr = Pipe()

    /// Starts the simulator and waits for its "listening on URL" line.
    init(_ arguments: [String] = []) throws {
        let stdout = Pipe()
        process.executableURL = Binaries.url("modelwarden-sim")
        process.arguments = (arguments.contains("--port") ? [] : ["--port", "0"]) + arguments
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let chunk = stdout.fileHandleForReading.availableData
            if chunk.isEmpty { break }  // the process ended
            line += chunk
        }
        let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("listening on ") else {
            process.waitUntilExit()
            let error = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw SimulatorDidNotStart(output: text, error: error, status: process.terminationStatus)
        }
        url = String(text.dropFirst("listening on ".count))
    }

    /// The port from ``url``.
    var port: Int { Int(url.split(separator: ":").last ?? "") ?? 0 }

    /// Stops the simulator and returns its exit status.
    @discardableResult
    func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }

    deinit { stop() }
}

struct SimulatorDidNotStart: Error, CustomStringConvertible {
    let output: String
    let error: String
    let status: Int32

    var description: String { "modelwarden-sim exited \(status): \(error) \(output)" }
}
