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
        for iteration in 0..<120 {
            // The next GET /models answers a snapshot in which all 1,500 models changed.
            let fault = try JSONSerialization.data(withJSONObject: [
                "path": "/models", "times": 1, "body": Self.snapshot(count: 1_500, score: iteration),
            ])
            #expect(try await SimulatorControl.post(simulator.url + "/_sim/faults", body: String(decoding: fault, as: UTF8.self)) == 201)

            let process = Process()
            process.executableURL = Binaries.url("modelwarden")
            process.arguments = ["run"]
            process.environment = environment
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            // A random moment in the pass's life, from start-up to its last commit.
            usleep(UInt32.random(in: 0...120_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killed += 1
            }
            process.waitUntilExit()
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
