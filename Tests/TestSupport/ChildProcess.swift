import Foundation

/// Runs a program to completion, for tests that drive real tools (journalctl, Python).
public enum ChildProcess {
    /// Runs `executable` with `arguments`; returns its exit status and what it wrote to
    /// standard output and standard error, together.
    public static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }
}
