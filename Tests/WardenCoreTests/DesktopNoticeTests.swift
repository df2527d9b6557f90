import Foundation
import PiecesModels
import TestSupport
import Testing
@testable import WardenCore

@Suite("Notices on the desktop")
struct DesktopNoticeTests {
    static func notice(_ id: String, reason: ReasonCode = .stale) -> DeletionNotice {
        DeletionNotice(
            modelID: id, modelName: "Model \(id)", rule: "all", reason: reason, staleAt: PlannerTests.now,
            deletesAt: PlannerTests.now.addingTimeInterval(3 * PlannerTests.day), noticedAt: PlannerTests.now, bytes: 2 << 30)
    }

    @Test(arguments: [(1, 1), (3, 3), (4, 4), (40, 4)])
    func aFewOneByOneAndTheRestInOne(count: Int, notifications: Int) {
        let shown = DesktopNotices.notifications(for: (0..<count).map { Self.notice("m\($0)") })
        #expect(shown.count == notifications)
        #expect(shown.prefix(3).allSatisfy { $0.urgency == .normal && $0.body.contains("modelwarden keep --for 14d -- 'm") })
        if count > 3 { #expect(shown.last?.summary == "modelwarden will delete \(count - 3) more cache(s)") }
    }

    @Test func anEvictionThatDoesNotWaitIsCritical() {
        #expect(DesktopNotices.notifications(for: [Self.notice("d", reason: .diskWatermark)]).first?.urgency == .critical)
    }
}

/// A live pass that gives notices, with its desktop notifier on a real session bus.
@Suite("A pass's notices on a real session bus", .enabled(if: SessionBus.isAvailable, SessionBus.unavailableMessage))
struct DesktopNoticeBusTests {
    @Test func aPassThatGivesNoticeShowsItOnTheDesktop() async throws {
        let bus = try SessionBus()
        let server = try bus.notificationServer()
        let scene = try TwinPassTests.Scene()
        var configuration = try scene.configuration(at: TwinPassTests.t0)
        configuration.loaded = try PolicyLoader.load(texts: [])  // the built-in default: notices on, 3d
        _ = try await PassRunner(configuration: configuration, world: .testing(pieces: scene.twin, at: TwinPassTests.t0)).run()
        let later = TwinPassTests.t0.addingTimeInterval(31 * 86_400)
        configuration.now = later
        var world = OutsideWorld.testing(pieces: scene.twin, at: later)
        world.desktop = SessionBusNotifier(address: bus.address)
        let report = try await PassRunner(configuration: configuration, world: world).run()
        #expect(report.plan.notices.count == 2 && report.results.isEmpty)
        let calls = try server.calls()
        #expect(calls.map { $0["summary"] as? String } == report.plan.notices.map(\.summary))
        #expect(calls.allSatisfy { ($0["body"] as? String)?.contains("To keep it: modelwarden keep --for 14d -- '") == true })
        #expect(calls.map { ($0["hints"] as? [String: Int])?["urgency"] } == [1, 1])
        #expect(calls.allSatisfy { $0["app_name"] as? String == "modelwarden" })
    }

    @Test func noServerOnTheBusIsLoggedAndThePassGoesOn() async throws {
        let bus = try SessionBus()
        let scene = try TwinPassTests.Scene()
        var configuration = try scene.configuration(at: TwinPassTests.t0)
        configuration.loaded = try PolicyLoader.load(texts: [])
        _ = try await PassRunner(configuration: configuration, world: .testing(pieces: scene.twin, at: TwinPassTests.t0)).run()
        configuration.now = TwinPassTests.t0.addingTimeInterval(31 * 86_400)
        var world = OutsideWorld.testing(pieces: scene.twin, at: configuration.now)
        world.desktop = SessionBusNotifier(address: bus.address)
        let report = try await PassRunner(configuration: configuration, world: world).run()
        #expect(report.plan.notices.count == 2 && report.failure == nil)
    }
}
