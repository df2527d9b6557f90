import Foundation
import TestSupport
import Testing

/// One end-to-end row per fault class: the built `modelwarden` against a simulator that
/// answers as a hostile Pieces OS would. The whole matrix runs in-process against the twin
/// (`FaultMatrixTests`); these rows prove the real client, the real server and the exit
/// statuses agree with it.
@Suite("A hostile peer, end to end", .serialized)
struct HostilePeerCommandTests {
    typealias Scene = RetentionCommandTests.Scene
    static let t31 = RetentionCommandTests.t31
    static let phi = RetentionCommandTests.phi
    static let granite = RetentionCommandTests.granite
    static let llama = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b01"

    /// Prints the peak RSS of the child, in KiB, as the last line of stderr.
    static let peakRSS = [
        "/usr/bin/python3", "-c",
        "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:]); "
            + "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(r.returncode)",
    ]

    static func fault(_ scene: Scene, _ json: String) async throws {
        #expect(try await SimulatorControl.post(scene.simulator.url + "/_sim/faults", body: json) == 201)
    }

    static func actions(_ report: [String: Any]) -> [[String: Any]] { (report["actions"] as? [[String: Any]]) ?? [] }
    static func kept(_ report: [String: Any]) -> [[String: Any]] { (report["kept"] as? [[String: Any]]) ?? [] }

    @Test func aRedirectOnADeletionIsNotFollowedAndThePinnedModelSurvives() async throws {
        let scene = try Scene(policy: """
            version: 1
            retention:
              rules:
                - { name: pinned, match: { id: "\(Self.granite)" }, keep: true }
                - { name: everything-else, stale_after: 30d }
            """)
        try await Self.fault(scene, """
            {"method": "POST", "path": "/models/\(Self.phi)/delete/cache", "status": 307,
             "location": "/models/\(Self.granite)/delete/cache"}
            """)
        let (status, report) = try scene.json(["run", "--json", "--now", Self.t31])
        #expect(status == 1, "\(report)")
        let action = try #require(Self.actions(report).first)
        #expect(action["outcome"] as? String == "failed" && action["http_status"] as? Int == 307)
        #expect((action["error"] as? String)?.contains("/models/\(Self.granite)/delete/cache") == true)
        #expect(try scene.model(Self.granite)["downloaded"] as? Bool == true)
        #expect(try scene.model(Self.phi)["downloaded"] as? Bool == true)
        let posts = try await SimulatorControl.requests(scene.simulator.url).filter { $0.hasPrefix("POST") }
        #expect(posts == ["POST /models/\(Self.phi)/delete/cache 307"])
    }

    @Test func aDrippingSnapshotEndsAtTheDeadlineWith69() async throws {
        let scene = try Scene(policy: "version: 1\npieces: { timeout: 1s }\n")
        try await Self.fault(scene, #"{"method": "GET", "path": "/models", "drip_ms": 50}"#)
        let start = Date()
        let result = try scene.run(["status"])
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("timed out after 1 s"), "\(result.stderr)")
        // The whole body would take minutes at one byte every 50 ms.
        #expect(Date().timeIntervalSince(start) < 30, "three attempts of 1 s, and their backoff")
    }

    @Test(arguments: [(#""cut_at": 100"#, "the connection was closed before the whole answer arrived"), (#""truncate_at": 100"#, "not a valid Models")])
    func aSnapshotCutShortEndsWith69(shape: String, message: String) async throws {
        let scene = try Scene()
        try await Self.fault(scene, #"{"method": "GET", "path": "/models", "#.appending(shape) + "}")
        let result = try scene.run(["run", "--now", Self.t31])
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(try await SimulatorControl.requests(scene.simulator.url).allSatisfy { !$0.hasPrefix("POST") })
    }

    @Test(arguments: [true, false])
    func anOversizedSnapshotIsRefusedWith69UnderHalfTheWatchersMemoryMax(declared: Bool) async throws {
        // A long deadline, so that the size limit, not the clock, ends it on a loaded machine.
        let scene = try Scene(policy: "version: 1\npieces: { timeout: 60s }\n")
        try await Self.fault(scene, #"{"method": "GET", "path": "/models", "pad_to": 200000000, "declare_length": \#(declared)}"#)
        let result = try Binaries.run("modelwarden", ["status"], environment: scene.environment, prefix: Self.peakRSS)
        #expect(result.status == 69, "\(result.stderr)")
        #expect(result.stderr.contains("larger than 8.00 MiB"), "\(result.stderr)")
        let peak = try #require(Int(result.stderr.split(separator: "\n").last ?? ""))
        #expect(peak < 128 * 1024, "peak RSS \(peak) KiB")
    }

    /// The most a peer can make a command hold: 20,000 of the smallest models a snapshot may
    /// list, in just under 8 MiB once the simulator has added its defaults.
    @Test func theLargestSnapshotAcceptedStaysUnderHalfTheWatchersMemoryMax() async throws {
        let directory = try TemporaryDirectory()
        let models = (0..<20_000).map { index in
            #"{"id":"\#(String(index, radix: 16))","name":"m","version":"1","cloud":false,"created":{"value":"2024-03-05T17:02:11Z"},"# +
                #""type":"BALANCED","usage":"CODE_CONVERSATION","foundation":"LLAMA_3_8B","downloaded":true,"bytes":{"value":1,"readable":"1"}}"#
        }
        try (#"{"iterable":["# + models.joined(separator: ",") + "]}").write(toFile: directory.path("models.json"), atomically: true, encoding: .utf8)
        let simulator = try SimulatorProcess(["--models", directory.path("models.json")])
        let environment = ["MODELWARDEN_PIECES_URL": simulator.url, "MODELWARDEN_DB": directory.path("journal.sqlite")]
        let result = try Binaries.run("modelwarden", ["run", "--dry-run"], environment: environment, prefix: Self.peakRSS)
        #expect(result.status == 0, "\(result.stderr.suffix(500))")
        let peak = try #require(Int(result.stderr.split(separator: "\n").last ?? ""))
        #expect(peak < 128 * 1024, "peak RSS \(peak) KiB")
        print("20,000 models: peak RSS \(peak) KiB")
    }

    @Test func aDuplicatedIdIsKeptAndTheLoadedModelIsNotDeleted() async throws {
        let scene = try Scene()
        try await Self.fault(scene, #"{"method": "GET", "path": "/models", "transform": "duplicate_ids"}"#)
        let (status, report) = try scene.json(["run", "--json", "--now", Self.t31])
        #expect(status == 0, "\(report)")
        let duplicates = Self.kept(report).filter { $0["model_id"] as? String == Self.llama }
        #expect(duplicates.map { $0["reason"] as? String } == ["duplicate_id", "duplicate_id"])
        #expect(!Self.actions(report).contains { $0["model_id"] as? String == Self.llama })
        #expect(Self.actions(report).count == 2, "the rest of the pass goes on")
    }

    @Test func unaddressableIdsAreKeptAndNeverSent() async throws {
        let scene = try Scene()
        try await Self.fault(scene, #"{"method": "GET", "path": "/models", "transform": "unaddressable_ids"}"#)
        let result = try scene.run(["run", "--json", "--now", Self.t31])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(Self.kept(report).filter { $0["reason"] as? String == "unaddressable_id" }.count == 5)
        #expect(result.stderr.contains("cannot be sent as one path segment"))
        #expect(!result.stderr.contains("\u{1B}"), "the escape sequence in an id reaches the terminal escaped")
        let requests = try await SimulatorControl.requests(scene.simulator.url)
        #expect(requests.filter { $0.hasPrefix("POST") }.count == 2)
    }

    @Test func oddNumbersReadAsUnknownSizesWithAWarning() async throws {
        let scene = try Scene()
        try await Self.fault(scene, #"{"method": "GET", "path": "/models", "transform": "odd_numbers"}"#)
        let result = try scene.run(["run", "--dry-run", "--json", "--now", Self.t31])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("a negative size (-1)") && result.stderr.contains("a number out of range"), "\(result.stderr)")
    }

    @Test func aDeletionAnsweredWithAnUndocumentedSuccessSucceeds() async throws {
        let scene = try Scene()
        try await Self.fault(scene, #"{"method": "POST", "path": "/models/*/delete/cache", "status": 204, "after_effect": true}"#)
        let (status, report) = try scene.json(["run", "--json", "--now", Self.t31])
        #expect(status == 0, "\(report)")
        #expect(Self.actions(report).map { $0["http_status"] as? Int } == [204, 204])
        #expect(Self.actions(report).allSatisfy { $0["outcome"] as? String == "succeeded" })
    }

    @Test func aDeletionAnswered500AfterItsEffectIsJudgedByVerification() async throws {
        let scene = try Scene()
        try await Self.fault(scene, #"{"method": "POST", "path": "/models/*/delete/cache", "status": 500, "after_effect": true, "times": 1}"#)
        let (status, report) = try scene.json(["run", "--json", "--now", Self.t31])
        #expect(status == 0, "\(report)")
        let first = try #require(Self.actions(report).first)
        #expect(first["outcome"] as? String == "succeeded" && first["http_status"] as? Int == 500)
    }
}
