import Foundation
import PiecesModels
import Testing
import WardenCore

@Suite("Recording snapshots as changes")
struct SnapshotDiffTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let t1 = t0.addingTimeInterval(3600)

    static func model(_ id: String, loaded: Bool? = false, downloaded: Bool? = true, score: Int? = nil, bytes: Int? = 1_000) -> Model {
        var model = Model(
            id: id, name: "Model \(id)", version: "1", cloud: false, created: GroupedTimestamp(value: t0),
            type: .balanced, usage: .codeConversation)
        model.loaded = loaded
        model.downloaded = downloaded
        model.bytes = bytes.map { ByteDescriptor(value: $0) }
        model.score = score.map { Score(manual: 0, automatic: $0) }
        return model
    }

    /// The journal's knowledge after one snapshot of `models` at t0.
    static func known(_ models: [Model]) -> [String: ModelUsage] {
        let first = SnapshotDiff.compare(previous: [:], snapshot: Models(iterable: models), at: t0, previousSnapshotAt: nil)
        return Dictionary(uniqueKeysWithValues: first.rows.map { ($0.modelID, $0) })
    }

    @Test func aNewModelIsFirstSeenNowAndLoggedAsAppeared() {
        let diff = SnapshotDiff.compare(previous: [:], snapshot: Models(iterable: [Self.model("a", loaded: true)]), at: Self.t0, previousSnapshotAt: nil)
        #expect(diff.rows.count == 1)
        #expect(diff.rows[0].firstSeen == Self.t0 && diff.rows[0].lastLoaded == Self.t0 && diff.rows[0].lastScored == nil)
        #expect(diff.changes == [ModelChange(modelID: "a", field: "appeared", newValue: "Model a")])
    }

    @Test func anIdenticalSnapshotWritesNothing() {
        let models = (0..<10).map { Self.model("m\($0)", score: $0) }
        let diff = SnapshotDiff.compare(previous: Self.known(models), snapshot: Models(iterable: models), at: Self.t1, previousSnapshotAt: Self.t0)
        #expect(diff.rows.isEmpty && diff.changes.isEmpty && diff.changedModels == 0)
    }

    @Test(arguments: [
        // (change to model "a", the fields logged, last_loaded, last_scored)
        ("loaded", ["loaded"], t1, nil),
        ("still loaded", [], t1, nil),
        ("scored", ["score"], nil, t1),
        ("cache deleted", ["downloaded"], nil, nil),
        ("resized", ["bytes"], nil, nil),
    ] as [(String, [String], Date?, Date?)])
    func aChangedModelUpdatesItsRow(change: String, fields: [String], lastLoaded: Date?, lastScored: Date?) {
        let before = change == "still loaded" ? Self.model("a", loaded: true, score: 1) : Self.model("a", score: 1)
        let after: Model
        switch change {
        case "loaded", "still loaded": after = Self.model("a", loaded: true, score: 1)
        case "scored": after = Self.model("a", score: 2)
        case "cache deleted": after = Self.model("a", downloaded: false, score: 1)
        default: after = Self.model("a", score: 1, bytes: 2_000)
        }
        let diff = SnapshotDiff.compare(previous: Self.known([before]), snapshot: Models(iterable: [after]), at: Self.t1, previousSnapshotAt: Self.t0)
        #expect(diff.changes.map(\.field) == fields)
        #expect(diff.rows.count == 1)
        #expect(diff.rows.first?.lastLoaded == (change == "still loaded" ? Self.t1 : lastLoaded))
        #expect(diff.rows.first?.lastScored == lastScored)
        #expect(diff.rows.first?.firstSeen == Self.t0)
    }

    @Test func aVanishedModelWasLastSeenAtThePreviousSnapshotAndCanReappear() {
        let known = Self.known([Self.model("a"), Self.model("b")])
        let gone = SnapshotDiff.compare(previous: known, snapshot: Models(iterable: [Self.model("a")]), at: Self.t1, previousSnapshotAt: Self.t0)
        #expect(gone.changes == [ModelChange(modelID: "b", field: "disappeared", oldValue: "Model b")])
        #expect(gone.rows.first?.present == false && gone.rows.first?.lastSeen == Self.t0)

        var afterwards = known
        for row in gone.rows { afterwards[row.modelID] = row }
        let back = SnapshotDiff.compare(previous: afterwards, snapshot: Models(iterable: [Self.model("a"), Self.model("b")]), at: Self.t1.addingTimeInterval(60), previousSnapshotAt: Self.t1)
        #expect(back.changes.map(\.field) == ["reappeared"])
        #expect(back.rows.first?.present == true)
    }

    @Test(arguments: [
        (nil, nil, t0),
        (t1, nil, t1),
        (nil, t1, t1),
        (t1, t1.addingTimeInterval(5), t1.addingTimeInterval(5)),
    ] as [(Date?, Date?, Date)])
    func lastUsedIsTheLatestUseElseFirstSeen(loaded: Date?, scored: Date?, lastUsed: Date) {
        var usage = Self.known([Self.model("a")])["a"]
        usage?.lastLoaded = loaded
        usage?.lastScored = scored
        #expect(usage?.lastUsed == lastUsed)
    }
}
