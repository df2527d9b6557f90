import Foundation
import GRDB
import TestSupport
import Testing

/// kill -9 at random moments must leave an intact journal that the next pass can use.
@Suite("Crashes", .serialized)
struct CrashTests {
    /// A `GET /models` body of `count` models whose score counters all read `score`, so every
    /// pass that sees it rewrites every model's usage row.
    static func snapshot(count: Int, score: Int) -> String {
        let models = (0..<count).map { index in
            """
            {"id":"model-\(index)","name":"Model \(index)","version":"1","cloud":false,\
            "created":{"value":"2024-03-05T17:02:11.123Z"},"type":"BALANCED","usage":"CODE_CONVERSATION",\
            "foundation":"LLAMA_3_8B","bytes":{"value":\(2_000_000_000 + index),"readable":"2 GB"},\
            "downloaded":true,"loaded":\(index == score % count),"score":{"manual":0,"automatic":\(score)}}
            """
        }
        return #"{"iterable":["# + models.joined(separator: ",") + "]}"
    }

    @Test func killingPassesAtRandomMomentsLeavesAnIntactJournal() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("journal.sqlite")
        let simulator = try SimulatorProcess()
        let environment = ["MODELWARDEN_DB": database, "MODELWARDEN_PIECES_URL": simulator.url, "PATH": "/usr/bin:/bin"]
        var killed = 0
        var iteration = 0
        // Until 110 passes were killed while running (bounded: a pass that always finishes first fails the test).
        while killed < 110, iteration < 400 {
            defer { iteration += 1 }
            // The next GET /models answers a snapshot in which all 1,500 models changed.
            let fault = try JSONSerialization.data(withJSONObject: [
                "path": "/models", "times": 1, "body": Self.snapshot(count: 1_500, score: iteration),
            ])
            #expect(try await SimulatorControl.post(simulator.url + "/_sim/faults", body: String(decoding: fault, as: UTF8.self)) == 201)

            if try Binaries.killAtRandomMoment(["run"], environment: environment, within: 120_000) { killed += 1 }
            try await SimulatorControl.delete(simulator.url + "/_sim/faults")
        }
        #expect(killed >= 100, "only \(killed) passes were still running when killed")

        let integrity = try await DatabaseQueue(path: database).read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        #expect(integrity == ["ok"])
        let next = try Binaries.run("modelwarden", ["run", "--json"], environment: environment)
        #expect(next.status == 0, "\(next.stderr)")
        let finished = try await DatabaseQueue(path: database).read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM run WHERE exit_status = 0")
        }
        #expect((finished ?? 0) >= 1)
    }
}

/// kill -9 of live passes that delete caches: no deletion without its intent row, and the next
/// pass closes whatever was left open.
///
/// The suite kills 110 passes; `script/soak` sets `MODELWARDEN_SOAK_KILLS=1000`.
@Suite("Crashes of live passes", .serialized)
struct LivePassCrashTests {
    static let stale = ["6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02", "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b03"]
    static let kills = ProcessInfo.processInfo.environment["MODELWARDEN_SOAK_KILLS"].flatMap(Int.init) ?? 110

    static func downloadTheStaleModels(_ simulator: SimulatorProcess) async throws {
        for id in stale {
            #expect(try await SimulatorControl.post(simulator.url + "/model/\(id)/download") == 200)
        }
    }

    /// 90% of the wall time of one whole pass that deletes both caches, in microseconds, and
    /// at least 90 ms: the kill window.
    static func passDuration(simulator: SimulatorProcess, environment: [String: String]) async throws -> UInt32 {
        try await downloadTheStaleModels(simulator)
        let start = ContinuousClock.now
        #expect(try Binaries.run("modelwarden", ["run", "--now", "2026-11-01T00:00:00Z"], environment: environment).status == 0)
        let elapsed = ContinuousClock.now - start
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        return UInt32(clamping: max(90_000, micros * 9 / 10))
    }

    @Test func killingLivePassesNeverLosesAnIntent() async throws {
        let directory = try TemporaryDirectory()
        let database = directory.path("journal.sqlite")
        let simulator = try SimulatorProcess()
        let environment = [
            "MODELWARDEN_DB": database, "MODELWARDEN_PIECES_URL": simulator.url, "PATH": "/usr/bin:/bin",
            "MODELWARDEN_POLICY_DIR": Binaries.noticesOff,
        ]
        // History starts 31 days before the passes, so both idle LLMs are stale in every pass.
        #expect(try Binaries.run("modelwarden", ["status", "--now", "2026-10-01T00:00:00Z"], environment: environment).status == 0)
        // The kills land anywhere in a pass as long as this machine takes for one now: a fixed
        // window would, on a loaded machine, end before any pass reached its first deletion.
        let window = try await Self.passDuration(simulator: simulator, environment: environment)
        var killed = 0
        var iterations = 0
        while killed < Self.kills, iterations < Self.kills * 4 {
            iterations += 1
            try await Self.downloadTheStaleModels(simulator)
            if try Binaries.killAtRandomMoment(["run", "--now", "2026-11-01T00:00:00Z"], environment: environment, within: window) {
                killed += 1
            }
        }
        #expect(killed >= Self.kills * 9 / 10, "only \(killed) passes were still running when killed")
        print("live passes killed: \(killed) of \(iterations)")

        let queue = try DatabaseQueue(path: database)
        #expect(try await queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") } == ["ok"])
        // Every deletion the simulator received has an intent row committed before it.
        let received = try await SimulatorControl.requests(simulator.url).filter { $0.hasPrefix("POST /models/") && $0.hasSuffix("/delete/cache 200") }
        for id in Self.stale {
            let deletions = received.count { $0.contains(id) }
            let intents = try await queue.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM action WHERE kind = 'delete_cache' AND dry_run = 0 AND model_id = ?", arguments: [id])
            } ?? 0
            #expect(deletions <= intents, "\(id): \(deletions) deletions received, \(intents) intents")
        }
        #expect(!received.isEmpty, "no pass got as far as a deletion")
        try queue.close()

        let next = try Binaries.run("modelwarden", ["run", "--json", "--now", "2026-11-01T01:00:00Z"], environment: environment)
        #expect(next.status == 0, "\(next.stderr)")
        let open = try await DatabaseQueue(path: database).read {
            try Int.fetchOne($0, sql: "SELECT count(*) FROM action WHERE outcome IS NULL OR outcome = 'unknown'")
        }
        #expect(open == 0, "an action is still open or unknown after the next pass")
    }
}
