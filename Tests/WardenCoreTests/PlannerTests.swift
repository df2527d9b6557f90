import Foundation
import PiecesModels
import Testing
@testable import WardenCore

@Suite("The staleness planner")
struct PlannerTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let day: TimeInterval = 86_400

    /// A model and its history: first seen `age` days ago, last used `idle` days ago.
    struct Fixture {
        var model: Model
        var usage: ModelUsage
    }

    static func fixture(
        _ id: String, name: String? = nil, age: Double = 60, idle: Double = 60, bytes: Int = 4 << 30,
        cloud: Bool = false, usage: ModelUsageEnum = .codeConversation, downloaded: Bool = true,
        downloading: Bool = false, loaded: Bool = false, custom: Bool = false
    ) -> Fixture {
        var model = Model(
            id: id, name: name ?? "Model \(id)", version: "1", cloud: cloud, created: GroupedTimestamp(value: now),
            type: .balanced, usage: usage)
        model.foundation = "LLAMA_3_8B"
        model.bytes = ByteDescriptor(value: bytes)
        model.downloaded = downloaded
        model.downloading = downloading
        model.loaded = loaded
        model.custom = custom
        let history = ModelUsage(
            modelID: id, name: model.name, cloud: cloud, llm: model.isLLM, present: true,
            firstSeen: now.addingTimeInterval(-age * day), lastSeen: nil,
            lastLoaded: now.addingTimeInterval(-idle * day), lastScored: nil, bytes: bytes,
            downloaded: downloaded, downloading: downloading, loaded: loaded, score: nil)
        return Fixture(model: model, usage: history)
    }

    /// A policy of `rules`; notices are off unless `noticeBefore` says otherwise, so that the
    /// tests of staleness alone read as before notices existed (NoticePlannerTests has theirs).
    static func policy(
        _ extra: String = "", rules: String = "    - name: all\n      stale_after: 30d\n", limit: Int = 5, noticeBefore: String = "0s"
    ) throws -> Policy {
        try PolicyLoader.load(texts: [("p.yaml", """
            version: 1
            retention:
              min_age: 7d
              max_deletions_per_run: \(limit)
              notice_before: \(noticeBefore)
              rules:
            \(rules)\(extra)
            """)]).policy
    }

    static func plan(
        _ fixtures: [Fixture], policy: Policy, disk: DiskSample? = nil, notices: [DeletionNotice] = [], at time: Date = now,
        observedFrom: Date? = nil
    ) -> Plan {
        StalenessPlanner.plan(
            snapshot: Models(iterable: fixtures.map(\.model)),
            usage: Dictionary(uniqueKeysWithValues: fixtures.map { ($0.model.id, $0.usage) }),
            notices: Dictionary(grouping: notices, by: \.modelID), disk: disk, policy: policy, now: time, observedFrom: observedFrom)
    }

    static func decision(_ plan: Plan, _ id: String) -> ReasonCode? {
        plan.actions.first { $0.modelID == id }?.reason ?? plan.kept.first { $0.modelID == id }?.reason
    }

    @Test(arguments: [
        ("stale", fixture("m", idle: 31), ReasonCode.stale),
        ("exactly at stale_after", fixture("m", idle: 30), .stale),
        ("just before stale_after", fixture("m", idle: 29.99), .recentlyUsed),
        ("cloud", fixture("m", idle: 90, cloud: true), .cloud),
        ("not an LLM", fixture("m", idle: 90, usage: .ocr), .notLLM),
        ("downloading", fixture("m", idle: 90, downloaded: false, downloading: true), .downloading),
        ("not downloaded", fixture("m", idle: 90, downloaded: false), .notDownloaded),
        ("loaded", fixture("m", idle: 90, loaded: true), .loaded),
        ("too young", fixture("m", age: 6.99, idle: 90), .tooYoung),
        ("exactly min_age old", fixture("m", age: 7, idle: 90), .stale),
    ] as [(String, Fixture, ReasonCode)])
    func decidesEachModelOnce(situation: String, fixture: Fixture, reason: ReasonCode) throws {
        let plan = Self.plan([fixture], policy: try Self.policy())
        #expect(Self.decision(plan, "m") == reason, "\(situation)")
        #expect(plan.actions.count + plan.kept.count == 1)
    }

    @Test func pinsAndUnmatchedModelsAreKeptWhateverTheirAge() throws {
        let rules = "    - name: pin-llama\n      match: { name: \"Llama*\" }\n      keep: true\n    - name: big\n      match: { min_size: 10GiB }\n      stale_after: 7d\n"
        let plan = Self.plan(
            [Self.fixture("llama", name: "Llama-3", idle: 365), Self.fixture("small", idle: 365, bytes: 1 << 30),
             Self.fixture("big", idle: 8, bytes: 12 << 30)],
            policy: try Self.policy(rules: rules))
        #expect(Self.decision(plan, "llama") == .pinned)
        #expect(plan.kept.first { $0.modelID == "llama" }?.rule == "pin-llama")
        #expect(Self.decision(plan, "small") == .noRule)
        #expect(Self.decision(plan, "big") == .stale)
        #expect(plan.actions.first?.rule == "big")
    }

    @Test func theDeletionLimitTakesTheLeastRecentlyUsedFirst() throws {
        let fixtures = [Self.fixture("a", idle: 40), Self.fixture("b", idle: 100), Self.fixture("c", idle: 70)]
        let plan = Self.plan(fixtures, policy: try Self.policy(limit: 2))
        #expect(plan.actions.map(\.modelID) == ["b", "c"])
        #expect(Self.decision(plan, "a") == .limitReached)
        #expect(plan.expectedFreedBytes == 2 * (4 << 30))
        let none = Self.plan(fixtures, policy: try Self.policy(limit: 0))
        #expect(none.actions.isEmpty && none.kept.allSatisfy { $0.reason == .limitReached })
    }

    @Test func keptModelsSayWhenTheyGoStale() throws {
        let plan = Self.plan([Self.fixture("recent", idle: 10), Self.fixture("young", age: 2, idle: 2)], policy: try Self.policy())
        #expect(plan.kept.first { $0.modelID == "recent" }?.staleAt == Self.now.addingTimeInterval(20 * Self.day))
        // Young: stale 30 days after its last use, and never before min_age.
        #expect(plan.kept.first { $0.modelID == "young" }?.staleAt == Self.now.addingTimeInterval(28 * Self.day))
    }

    @Test(arguments: [
        // (used %, evictions): high 90%, low 80%, 100 GiB disk, models of 4 GiB.
        (95.0, 4),  // 95 → 91 → 87 → 83 → 79: four to get at or below 80%
        (90.0, 0),  // exactly at the high watermark: not above it
        (90.5, 3),
    ] as [(Double, Int)])
    func diskWatermarksEvictLeastRecentlyUsedUntilTheLowWatermark(usedPercent: Double, evictions: Int) throws {
        let disk = "disk:\n  path: /\n  high_watermark: 90%\n  low_watermark: 80%\n"
        let fixtures = (1...6).map { Self.fixture("m\($0)", idle: Double($0)) }
        let total = 100 * (1 << 30)
        let sample = DiskSample(path: "/", totalBytes: total, availableBytes: Int(Double(total) * (100 - usedPercent) / 100))
        let plan = Self.plan(fixtures, policy: try Self.policy(disk, limit: 10), disk: sample)
        #expect(plan.actions.count == evictions)
        #expect(plan.actions.allSatisfy { $0.reason == .diskWatermark })
        #expect(plan.actions.map(\.modelID) == Array(["m6", "m5", "m4", "m3", "m2", "m1"].prefix(evictions)))
    }

    @Test func theCacheQuotaEvictsDownToTheCap() throws {
        let cap = "disk:\n  path: /\n  max_llm_cache: 10GiB\n"
        let fixtures = [Self.fixture("a", idle: 1), Self.fixture("b", idle: 2), Self.fixture("c", idle: 3), Self.fixture("loaded", idle: 9, loaded: true)]
        let plan = Self.plan(fixtures, policy: try Self.policy(cap))
        // 16 GiB cached; the loaded model is never evicted, so c and b go: 8 GiB is left.
        #expect(plan.actions.map(\.modelID) == ["c", "b"])
        #expect(plan.actions.allSatisfy { $0.reason == .cacheQuota })
        #expect(Self.decision(plan, "a") == .recentlyUsed && Self.decision(plan, "loaded") == .loaded)
    }

    @Test func staleDeletionsComeFirstAndCountAgainstTheLimit() throws {
        let cap = "disk:\n  path: /\n  max_llm_cache: 1GiB\n"
        let fixtures = [Self.fixture("stale", idle: 40), Self.fixture("fresh1", idle: 1), Self.fixture("fresh2", idle: 2)]
        let plan = Self.plan(fixtures, policy: try Self.policy(cap, limit: 2))
        #expect(plan.actions.map(\.reason) == [.stale, .cacheQuota])
        #expect(plan.actions.map(\.modelID) == ["stale", "fresh2"])
    }

    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ])
    func digestsWithSHA256(text: String, hex: String) {
        #expect(PolicyDigest.hex(of: Array(text.utf8)) == hex)
    }
}
