import Foundation
import TestSupport

/// Debian's monitoring and browser tools, as the observation tests drive them.
enum ObservationTools {
    static let promtool = "/usr/bin/promtool"
    static let nodeExporter = "/usr/bin/prometheus-node-exporter"
    static let chromium = "/usr/bin/chromium"
    static let packageRoot = RetentionCommandTests.packageRoot

    /// `name{labels}` → value, from a text exposition (node_exporter's or modelwarden's).
    static func series(_ exposition: String, prefix: String = "modelwarden_") -> [String: Double] {
        var series: [String: Double] = [:]
        for line in exposition.split(separator: "\n") where line.hasPrefix(prefix) {
            guard let space = line.lastIndex(of: " ") else { continue }
            series[String(line[..<space])] = Double(line[line.index(after: space)...])
        }
        return series
    }

    /// `promtool check metrics < file`: its exit status and output.
    static func checkMetrics(_ file: String) throws -> (status: Int32, output: String) {
        try ChildProcess.run("/bin/sh", ["-c", "exec \(promtool) check metrics < '\(file)'"])
    }

    /// Headless Chromium on `page`, offline: every host name resolves to nothing, and it has a
    /// profile of its own. `arguments` say what to do (`--dump-dom`, `--screenshot=…`).
    static func chromium(_ page: String, _ arguments: [String], profile: String) throws -> (status: Int32, output: String) {
        let result = try Binaries.runToolWithStatus(chromium, [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=\(profile)",
            "--window-size=1000,2400",
        ] + arguments + ["file://\(page)"])
        return result
    }

    /// What script/png-stats says of a PNG.
    static func pngStats(_ file: String) throws -> [String: Any] {
        let (status, output) = try ChildProcess.run("/usr/bin/python3", [packageRoot.appendingPathComponent("script/png-stats").path, file])
        guard status == 0 else { return ["error": output] }
        return (try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]) ?? ["error": output]
    }

    /// A node_exporter serving only the textfile collector of `directory` on a free loopback port.
    final class NodeExporter: @unchecked Sendable {
        let process = Process()
        let port: Int
        private let stderr = Pipe()

        init(textfileDirectory directory: String) throws {
            port = try LoopbackPort.unused()
            process.executableURL = URL(fileURLWithPath: nodeExporter)
            process.arguments = [
                "--web.listen-address=127.0.0.1:\(port)", "--collector.disable-defaults", "--collector.textfile",
                "--collector.textfile.directory=\(directory)",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = stderr
            try process.run()
        }

        /// Reads its log until it says it listens; false if it exits first.
        func awaitListening() -> Bool { LogWait.read(stderr, until: "Listening on") }

        deinit {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }
    }
}

extension Binaries {
    /// Runs a system tool to completion; its exit status and standard output (standard error dropped).
    static func runToolWithStatus(_ path: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
