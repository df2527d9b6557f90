import Foundation
import TestSupport
import Testing

/// A one-shot command runs on its main thread alone, made its event loop: a pass does one thing
/// at a time, and a second thread made the kernel interrupt the other CPU at each page the
/// program first wrote. (That each command still finishes, waits, times out and fails as it
/// should, the other end-to-end tests show.)
@Suite("One-shot commands' threads", .serialized)
struct OneShotThreadTests {
    @Test(arguments: [["run", "--dry-run"], ["run"], ["status"], ["plan"]])
    func waitsOnPiecesOSWithOneThread(arguments: [String]) async throws {
        let simulator = try SimulatorProcess()
        let policies = try TemporaryDirectory()
        // The answer to GET /models is held 60 s and the command waits up to 90: it is still
        // waiting whenever this test, however late a loaded machine runs it, looks.
        try "version: 1\npieces:\n  timeout: 90s\n".write(toFile: policies.path("50-slow.yaml"), atomically: true, encoding: .utf8)
        let fault = #"{"method": "GET", "path": "/models", "delay_ms": 60000, "times": 1}"#
        #expect(try await SimulatorControl.post(simulator.url + "/_sim/faults", body: fault) == 201)
        let process = try Binaries.start(
            arguments, environment: ["MODELWARDEN_PIECES_URL": simulator.url, "MODELWARDEN_POLICY_DIR": policies.url.path])
        defer {
            // SIGKILL: the test process may have passed SIGTERM on blocked. Stopped gently, the
            // simulator would also first finish the answer it holds.
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            if simulator.process.isRunning { kill(simulator.process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }

        // The fault leaves the plan when the command's request takes it.
        var waiting = true
        for _ in 0..<1000 where waiting && process.isRunning {
            waiting = try await SimulatorControl.get(simulator.url + "/_sim/faults") != "[]"
            if waiting { try await Task.sleep(for: .milliseconds(10)) }
        }
        try #require(!waiting, "no request took the fault (\(process.isRunning ? "the command still runs" : "the command exited"))")
        // /proc/PID/status: a command that had already ended (a zombie) would show one thread too.
        let status = try String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8)
        let fields = Dictionary(status.split(separator: "\n").compactMap { line -> (String, String)? in
            let parts = line.split(separator: ":", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces))
        }) { first, _ in first }
        let state = fields["State"] ?? "?"
        #expect(!state.hasPrefix("Z") && !state.hasPrefix("X") && state != "?", "the command no longer runs: \(state)")
        #expect(fields["Threads"] == "1", "threads while waiting on Pieces OS: \(fields["Threads"] ?? "?")")
    }
}
