import Foundation
import PiecesModels
import Testing
@testable import WardenCore

/// The planner on snapshots no real Pieces OS should send: ids it cannot address, ids listed
/// twice, sizes that would overflow a sum.
@Suite("The planner on odd snapshots")
struct PlannerScreeningTests {
    typealias Fixtures = PlannerTests

    /// Stale idle LLMs, one of them with `id`: without the screening each would be deleted.
    static func plan(ids: [String], bytes: Int = 4 << 30, cap: String = "") throws -> Plan {
        let fixtures = ids.enumerated().map { index, id in
            var fixture = Fixtures.fixture(id, name: "Model \(index)", bytes: bytes)
            fixture.usage.modelID = id
            return fixture
        }
        let usage = Dictionary(fixtures.map { ($0.model.id, $0.usage) }, uniquingKeysWith: { first, _ in first })
        return StalenessPlanner.plan(
            snapshot: Models(iterable: fixtures.map(\.model)), usage: usage, disk: nil,
            policy: try Fixtures.policy(cap), now: Fixtures.now)
    }

    @Test(arguments: [
        ("", ReasonCode.unaddressableID), (".", .unaddressableID), ("..", .unaddressableID),
        ("a\u{1B}b", .unaddressableID), ("a\u{0}b", .unaddressableID), (String(repeating: "x", count: 1025), .unaddressableID),
        (String(repeating: "x", count: 1024), .stale), ("a/b", .stale), ("ü", .stale),
    ])
    func anIdThatCannotBeOneSegmentIsKept(id: String, reason: ReasonCode) throws {
        let plan = try Self.plan(ids: [id, "ok"])
        #expect(Fixtures.decision(plan, id) == reason)
        #expect(Fixtures.decision(plan, "ok") == .stale, "the rest of the pass goes on")
    }

    @Test(arguments: [2, 3])
    func everyListingOfADuplicatedIdIsKept(times: Int) throws {
        let plan = try Self.plan(ids: Array(repeating: "twin", count: times) + ["ok"])
        #expect(plan.kept.filter { $0.modelID == "twin" }.map(\.reason) == Array(repeating: .duplicateID, count: times))
        #expect(plan.actions.map(\.modelID) == ["ok"])
    }

    @Test func sizesThatWouldOverflowASumSaturate() throws {
        let plan = try Self.plan(ids: ["a", "b", "c"], bytes: Int.max / 2, cap: "disk: { path: /, max_llm_cache: 1GB }\n")
        #expect(plan.actions.count == 3)
        #expect(plan.expectedFreedBytes == Int.max)
    }
}
