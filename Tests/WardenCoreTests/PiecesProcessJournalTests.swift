import Foundation
import GRDB
import PiecesModels
import Testing
@testable import WardenCore

/// Pieces OS's process in the policy and the journal (migration v4).
@Suite("Pieces OS's process in the policy and the journal")
struct PiecesProcessJournalTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: [
        ("24GiB", Policy.Threshold.bytes(ByteCount(24 << 30)), nil),
        ("40%", .percent(40), nil),
        ("0%", nil, "p.yaml:3:21: memory.pieces_rss_above must be greater than 0; at 0 there would always be pressure"),
        ("0B", nil, "p.yaml:3:21: memory.pieces_rss_above must be greater than 0; at 0 there would always be pressure"),
        ("140%", nil, "p.yaml:3:21: memory.pieces_rss_above: \"140%\" is not a percentage of MemTotal (0% to 100%) or a size such as 2GiB"),
    ] as [(String, Policy.Threshold?, String?)])
    func theLimitIsAPercentageOfMemTotalOrASize(value: String, limit: Policy.Threshold?, diagnostic: String?) throws {
        let text = PolicyZeroTests.policy("memory.pieces_rss_above", value)
        #expect(PolicyTests.diagnostics(text) == (diagnostic.map { [$0] } ?? []))
        if let limit { #expect(try PolicyTests.load(text).memory.piecesRSSAbove == limit) }
        #expect(try PolicyLoader.load(texts: []).policy.memory.piecesRSSAbove == nil, "unset by default")
    }

    @Test func eachRunRecordsTheProcessWhenItWasFound() throws {
        let journal = try JournalDatabase.inMemory()
        let snapshot = Models(iterable: [])
        let process = PiecesProcess(pid: 4242, name: "pieces-os", rssBytes: 30 << 30, swapBytes: 1 << 20)
        let found = try journal.recordSnapshot(snapshot, kind: .status, piecesURL: "u", at: Self.t0)
        try journal.finishRun(found.runID, at: Self.t0, failure: nil, journald: true, piecesProcess: process)
        let absent = try journal.recordSnapshot(snapshot, kind: .pass, piecesURL: "u", at: Self.t0)
        try journal.finishRun(absent.runID, at: Self.t0, failure: nil, journald: true)
        let rows = try journal.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT pieces_pid, pieces_rss_bytes, pieces_swap_bytes FROM run ORDER BY id")
        }
        #expect(rows.map { [$0[0], $0[1], $0[2]] as [Int?] } == [[4242, 30 << 30, 1 << 20], [nil, nil, nil]])
    }

    @Test func anUnloadRecordsMemAvailableAndTheRSSBeforeAndAfterBesideItsOutcome() throws {
        let journal = try JournalDatabase.inMemory()
        let run = try journal.recordRunWithoutSnapshot(kind: .watch, at: Self.t0)
        let action = try journal.recordIntent(ActionIntent(kind: .unloadAll, reason: "memory_pressure"), runID: run, at: Self.t0)
        try journal.recordOutcome(ActionOutcome(.succeeded, httpStatus: 204), of: action, at: Self.t0)
        try journal.recordUnloadEvidence(
            availableBefore: 1 << 30, availableAfter: 20 << 30, piecesRSSBefore: 30 << 30, piecesRSSAfter: 6 << 30, of: action)
        let row = try journal.writer.read { db in
            try Row.fetchOne(db, sql: """
                SELECT pieces_rss_before_bytes, pieces_rss_after_bytes, outcome, mem_available_before_bytes, mem_available_after_bytes
                FROM action WHERE id = ?
                """, arguments: [action])
        }
        #expect(row?[0] as Int? == 30 << 30 && row?[1] as Int? == 6 << 30 && row?[2] as String? == "succeeded")
        #expect(row?[3] as Int? == 1 << 30 && row?[4] as Int? == 20 << 30)
    }
}
