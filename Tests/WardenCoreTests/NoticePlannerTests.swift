import Foundation
import PiecesModels
import Testing
@testable import WardenCore

@Suite("Notices before deletion, and pins that expire, in the planner")
struct NoticePlannerTests {
    typealias P = PlannerTests
    static let now = P.now
    static let day = P.day

    static func at(_ days: Double) -> Date { now.addingTimeInterval(days * day) }

    /// A notice of model `m` for the stale date of a model idle `idle` days (rule `all`, 30d),
    /// given `noticedDaysAgo` days ago.
    static func notice(idle: Double, noticedDaysAgo: Double, staleShift: Double = 0) -> DeletionNotice {
        let staleAt = at(30 - idle + staleShift)
        return DeletionNotice(
            modelID: "m", modelName: "Model m", rule: "all", reason: .stale, staleAt: staleAt,
            deletesAt: max(staleAt, at(-noticedDaysAgo + 3)), noticedAt: at(-noticedDaysAgo), bytes: 4 << 30)
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var idle: Double
        var notices: [DeletionNotice] = []
        var noticeBefore = "3d"
        var reason: ReasonCode
        /// Whether the pass gives a notice now.
        var gives: Bool
        /// The deletion date the plan shows, in days from now; nil: none shown.
        var deletesIn: Double?
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "stale in 10 days: too early for a notice", idle: 20, reason: .recentlyUsed, gives: false, deletesIn: nil),
        Case(name: "stale in 2.5 days, noticed now: deleted 3 days from the notice", idle: 27.5, reason: .recentlyUsed, gives: true, deletesIn: 3),
        Case(name: "already noticed: not again", idle: 27.5, notices: [notice(idle: 27.5, noticedDaysAgo: 0.5)],
             reason: .recentlyUsed, gives: false, deletesIn: 2.5),
        Case(name: "stale, never noticed: notice now, delete 3 days later", idle: 31, reason: .noticePeriod, gives: true, deletesIn: 3),
        Case(name: "stale, noticed 3.5 days ago: deleted", idle: 31, notices: [notice(idle: 31, noticedDaysAgo: 3.5)],
             reason: .stale, gives: false, deletesIn: nil),
        Case(name: "stale, noticed exactly 3 days ago: deleted", idle: 31, notices: [notice(idle: 31, noticedDaysAgo: 3)],
             reason: .stale, gives: false, deletesIn: nil),
        Case(name: "stale, noticed 2 days ago: 1 more day", idle: 31, notices: [notice(idle: 31, noticedDaysAgo: 2)],
             reason: .noticePeriod, gives: false, deletesIn: 1),
        Case(name: "a notice of another stale date does not count", idle: 31,
             notices: [notice(idle: 31, noticedDaysAgo: 10, staleShift: -10)], reason: .noticePeriod, gives: true, deletesIn: 3),
        Case(name: "notice_before 0s: no notices, deleted when stale", idle: 31, noticeBefore: "0s", reason: .stale, gives: false, deletesIn: nil),
    ])
    func staleDeletionWaitsForItsNotice(_ situation: Case) throws {
        let plan = P.plan([P.fixture("m", idle: situation.idle)], policy: try P.policy(noticeBefore: situation.noticeBefore),
                          notices: situation.notices)
        #expect(P.decision(plan, "m") == situation.reason)
        #expect(plan.notices.map(\.modelID) == (situation.gives ? ["m"] : []))
        #expect(plan.kept.first?.deletesAt == situation.deletesIn.map(Self.at))
        if situation.gives {
            #expect(plan.notices.first?.reason == .stale)
            #expect(plan.notices.first?.noticedAt == Self.now)
            #expect(plan.notices.first?.deletesAt == situation.deletesIn.map(Self.at))
        }
    }

    @Test func noDeletionAllowedMeansNoNotice() throws {
        let plan = P.plan([P.fixture("m", idle: 31)], policy: try P.policy(limit: 0, noticeBefore: "3d"))
        #expect(plan.notices.isEmpty && plan.actions.isEmpty && plan.kept.first?.deletesAt == nil)
    }

    @Test(arguments: [false, true])
    func evictionsDoNotWaitButAreAnnounced(alreadyNoticed: Bool) throws {
        // Stale in 2 days, so within notice_before; the disk is above its high watermark.
        let notices = alreadyNoticed ? [Self.notice(idle: 28, noticedDaysAgo: 1)] : []
        let disk = DiskSample(path: "/data", totalBytes: 100 << 30, availableBytes: 5 << 30)
        let plan = P.plan([P.fixture("m", idle: 28)], policy: try P.policy("disk:\n  path: /data\n  high_watermark: 90%\n  low_watermark: 80%\n",
                          noticeBefore: "3d"), disk: disk, notices: notices)
        #expect(plan.actions.map(\.reason) == [.diskWatermark])
        #expect(plan.notices.map(\.reason) == (alreadyNoticed ? [] : [.diskWatermark]))
        #expect(plan.notices.first.map { $0.deletesAt == Self.now && $0.noticedAt == Self.now } ?? true)
    }

    static let pinned = """
            - name: keep-m
              match: { id: m }
              keep: true
              keep_until: "\(RFC3339.format(at(-4)))"
              reason: demo
            - name: all
              stale_after: 30d

        """

    @Test func aLivePinProtectsAndShowsItsExpiry() throws {
        let policy = try P.policy(rules: Self.pinned.replacingOccurrences(of: RFC3339.format(Self.at(-4)), with: RFC3339.format(Self.at(5))),
                                  noticeBefore: "3d")
        let plan = P.plan([P.fixture("m", idle: 90)], policy: policy)
        #expect(P.decision(plan, "m") == .pinned)
        #expect(plan.kept.first?.pinnedUntil == Self.at(5))
        #expect(plan.kept.first?.pinReason == "demo")
        #expect(plan.notices.isEmpty)
    }

    @Test(arguments: [
        // A notice given before the pin expired does not count: a new notice period starts.
        (noticedDaysAgo: 20.0, reason: ReasonCode.noticePeriod, gives: true),
        // A notice given after the expiry, 3.5 days ago, has stood long enough.
        (noticedDaysAgo: 3.5, reason: .stale, gives: false),
    ])
    func anExpiredPinStartsANewNoticePeriod(noticedDaysAgo: Double, reason: ReasonCode, gives: Bool) throws {
        let plan = P.plan([P.fixture("m", age: 200, idle: 90)], policy: try P.policy(rules: Self.pinned, noticeBefore: "3d"),
                          notices: [Self.notice(idle: 90, noticedDaysAgo: noticedDaysAgo)])
        #expect(P.decision(plan, "m") == reason)
        #expect(plan.notices.count == (gives ? 1 : 0))
        let expiry = plan.kept.first?.pinExpiredAt ?? plan.actions.first?.pinExpiredAt
        #expect(expiry == Self.at(-4))
        #expect((plan.kept.first?.note ?? plan.actions.first?.note)?.contains("pin expired on") == true)
    }

    @Test func anExpiredPinAloneLeavesTheModelToNoRule() throws {
        let rules = Self.pinned.components(separatedBy: "    - name: all")[0]
        let plan = P.plan([P.fixture("m", idle: 90)], policy: try P.policy(rules: rules + "    - name: other\n      match: { id: x }\n      stale_after: 1d\n"))
        #expect(P.decision(plan, "m") == .noRule)
        #expect(plan.kept.first?.pinExpiredAt == Self.at(-4))
    }

    @Test func aForecastGivesEachNoticeWhenItFallsDue() throws {
        // Used today; stale in 30 days. Passes in between give the notice 27 days from now.
        let policy = try P.policy(noticeBefore: "3d")
        let forecast = P.plan([P.fixture("m", idle: 0)], policy: policy, at: Self.at(40), observedFrom: Self.now)
        #expect(P.decision(forecast, "m") == .stale)
        // Without passes in between (observed at the forecast's time), the notice comes late.
        let late = P.plan([P.fixture("m", idle: 0)], policy: policy, at: Self.at(40))
        #expect(P.decision(late, "m") == .noticePeriod)
        #expect(late.kept.first?.deletesAt == Self.at(43))
    }
}
