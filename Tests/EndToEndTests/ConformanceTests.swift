import Foundation
import TestSupport
import Testing

/// The official Pieces OS Python SDK against `modelwarden-sim`: proof that our JSON is what
/// Pieces clients expect. `script/test` installs the SDK into `.build/sdk-venv`.
@Suite("Conformance with pieces-os-client 5.0.1")
struct ConformanceTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var python: String {
        ProcessInfo.processInfo.environment["MODELWARDEN_SDK_PYTHON"]
            ?? packageRoot.appendingPathComponent(".build/sdk-venv/bin/python").path
    }

    @Test func theOfficialSDKParsesEveryAnswerAndSeesPiecesSemantics() throws {
        try #require(
            FileManager.default.isExecutableFile(atPath: Self.python),
            "no Python with pieces-os-client at \(Self.python); run script/test, which installs it")
        let script = try #require(Bundle.module.url(forResource: "sdk_conformance", withExtension: "py", subdirectory: "Conformance"))
        let simulator = try SimulatorProcess()

        let (status, text) = try ChildProcess.run(Self.python, [script.path, simulator.url])
        #expect(status == 0, "\(text)")
        #expect(text.contains("20 passed, 0 failed"), "\(text)")
        #expect(!text.contains("FAIL"), "\(text)")
    }
}
