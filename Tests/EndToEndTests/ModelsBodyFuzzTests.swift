import Foundation
import TestSupport
import Testing

/// At least 100 malformed `GET /models` bodies, each served by the simulator to the built
/// `modelwarden run --dry-run`: each ends with a documented exit status (0 when the body can
/// be read, 69 when it is refused), never a trap or a hang.
@Suite("Malformed /models bodies", .serialized)
struct ModelsBodyFuzzTests {
    @Test func everyMalformedBodyEndsWithItsDocumentedStatus() async throws {
        let scene = try RetentionCommandTests.Scene(policy: "version: 1\npieces: { timeout: 10s }\n")
        let real = try await SimulatorControl.get(scene.simulator.url + "/models")
        let cases = MalformedModelsBodies.cases(from: real)
        #expect(cases.count >= 100)
        var slowest = (name: "", seconds: 0.0)
        var statuses: [Int32: Int] = [:]
        for (name, body) in cases {
            try await SimulatorControl.delete(scene.simulator.url + "/_sim/faults")
            let fault = try JSONSerialization.data(withJSONObject: [
                "method": "GET", "path": "/models", "status": 200, "body": body, "times": 3,
            ] as [String: Any])
            #expect(try await SimulatorControl.post(scene.simulator.url + "/_sim/faults", body: String(decoding: fault, as: UTF8.self)) == 201)
            let start = Date()
            let result = try scene.run(["run", "--dry-run", "--now", RetentionCommandTests.t31])
            let seconds = Date().timeIntervalSince(start)
            if seconds > slowest.seconds { slowest = (name, seconds) }
            statuses[result.status, default: 0] += 1
            #expect([0, 69].contains(result.status), "\(name): exit \(result.status)\n\(result.stderr.prefix(500))")
            if result.status == 69 {
                #expect(result.stderr.contains("/models"), "\(name): \(result.stderr.prefix(300))")
            }
            #expect(!result.stderr.contains("\u{1B}"), "\(name): a control character reached the terminal")
            // A hang would take three 10 s deadlines; a slow but finished case is far below.
            #expect(seconds < 10, "\(name) took \(seconds) s")
        }
        print("malformed /models bodies: \(cases.count) cases, exits \(statuses.sorted { $0.key < $1.key }), slowest \(slowest.name) in \(String(format: "%.2f", slowest.seconds)) s")
    }
}
