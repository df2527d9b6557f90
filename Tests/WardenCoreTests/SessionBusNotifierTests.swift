import Foundation
import TestSupport
import Testing
@testable import WardenCore

/// Desktop notifications through a real dbus-daemon, to a Python stand-in for the desktop's
/// notification server.
@Suite("Desktop notifications over the session bus", .enabled(if: SessionBus.isAvailable, SessionBus.unavailableMessage))
struct SessionBusNotifierTests {
    @Test func theServerReceivesTheSummaryBodyUrgencyAndAppName() throws {
        let bus = try SessionBus()
        let server = try bus.notificationServer()
        let notifier = SessionBusNotifier(address: bus.address)
        let sent: [DesktopNotification] = [
            DesktopNotification(summary: "Deleting 2 caches tomorrow", body: "Phi-3 Mini 4K (CPU), 2.12 GiB", urgency: .low),
            DesktopNotification(summary: "Ünïcode ✓", body: "line one\nline two", urgency: .normal),
            DesktopNotification(summary: "Pieces OS uses 30 GiB", body: "", urgency: .critical),
        ]
        #expect(sent.map(notifier.notify) == [.delivered(id: 1), .delivered(id: 2), .delivered(id: 3)])
        let calls = try server.calls()
        #expect(calls.map { $0["summary"] as? String } == sent.map(\.summary))
        #expect(calls.map { $0["body"] as? String } == sent.map(\.body))
        #expect(calls.map { ($0["hints"] as? [String: Int])?["urgency"] } == [0, 1, 2])
        for call in calls {
            #expect(call["app_name"] as? String == "modelwarden" && call["app_icon"] as? String == "")
            #expect(call["replaces_id"] as? Int == 0 && call["expire_timeout"] as? Int == -1)
            #expect((call["actions"] as? [String])?.isEmpty == true)
            #expect((call["hint_types"] as? [String: String])?["urgency"] == "Byte", "the urgency hint is a byte")
        }
    }

    @Test func aBusWithoutANotificationServerFailsAtOnce() throws {
        let bus = try SessionBus()
        let started = ContinuousClock.now
        let result = SessionBusNotifier(address: bus.address).notify(DesktopNotification(summary: "s", body: "b"))
        guard case .failed(let reason) = result else { throw Unexpected(result: result) }
        #expect(reason.hasPrefix("org.freedesktop.DBus.Error.ServiceUnknown: "), "\(reason)")
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func noBusAtAllFailsAtOnce() throws {
        let directory = try TemporaryDirectory()
        let started = ContinuousClock.now
        let result = SessionBusNotifier(address: "unix:path=" + directory.path("no-bus")).notify(DesktopNotification(summary: "s", body: "b"))
        #expect(result == .failed(reason: "cannot connect to the session bus: No such file or directory"))
        #expect(ContinuousClock.now - started < .seconds(2))
    }

    @Test func aServerThatNeverAnswersIsCutOffAtTheTimeout() throws {
        let bus = try SessionBus()
        let server = try bus.notificationServer()
        let started = ContinuousClock.now
        let result = SessionBusNotifier(address: bus.address, timeout: .milliseconds(300))
            .notify(DesktopNotification(summary: "no answer", body: ""))
        let elapsed = ContinuousClock.now - started
        guard case .failed = result else { throw Unexpected(result: result) }
        #expect(elapsed >= .milliseconds(300) && elapsed < .seconds(3), "\(elapsed)")
        #expect(try server.calls().count == 1, "the call arrived and was left unanswered")
    }

    struct Unexpected: Error {
        let result: DesktopNotificationResult
    }
}

@Suite("The recording notifier")
struct RecordingNotifierTests {
    @Test func keepsEveryNotificationAndAnswersAsTold() {
        let notifier = RecordingNotifier()
        let first = DesktopNotification(summary: "a", body: "b", urgency: .critical)
        #expect(notifier.notify(first) == .delivered(id: 1))
        notifier.answer(.failed(reason: "no session bus"))
        #expect(notifier.notify(DesktopNotification(summary: "c", body: "d")) == .failed(reason: "no session bus"))
        #expect(notifier.sent.map(\.summary) == ["a", "c"] && notifier.sent.first == first)
    }

    @Test func cutsALongSummaryAndBody() {
        let long = DesktopNotification(summary: String(repeating: "s", count: 10_000), body: String(repeating: "b", count: 100_000))
        #expect(long.summary.count == DesktopNotification.maxSummary && long.body.count == DesktopNotification.maxBody)
    }
}
