import Foundation
import TestSupport
import Testing

/// Notices before deletion, `keep`, `unkeep` and `why`, as processes against the simulator,
/// with time moved by `--now`. The days are shifted by a random number of seconds per run, so
/// that the journald entries read back are this run's own.
@Suite("Steering end to end: notices, keep, why", .serialized)
struct NoticeCommandTests {
    typealias R = RetentionCommandTests
    static let base = (ISO8601DateFormatter().date(from: RetentionCommandTests.t0) ?? Date()).addingTimeInterval(Double(Int.random(in: 1..<86_400)))

    /// `days` after the first snapshot, as `--now` takes it.
    static func day(_ days: Double) -> String {
        let formatter = ISO8601DateFormatter()
        return formatter.string(from: base.addingTimeInterval(days * 86_400))
    }

    static func scene(_ policy: String? = nil) throws -> R.Scene {
        var scene = try R.Scene(policy: policy, notices: true)
        _ = try scene.run(["status", "--now", day(0)])
        scene.environment["MODELWARDEN_LOG_LEVEL"] = "error"
        return scene
    }

    static func ids(_ list: Any?) -> [String] { ((list as? [[String: Any]]) ?? []).compactMap { $0["model_id"] as? String } }

    @Test func aStaleCacheIsAnnouncedOnceAndDeletedNoSoonerThanNoticeBeforeLater() throws {
        let scene = try Self.scene()
        let (first, noticed) = try scene.json(["run", "--json", "--now", Self.day(31)])
        #expect(first == 0)
        #expect(Self.ids(noticed["actions"]).isEmpty, "nothing is deleted without a notice")
        let notices = (noticed["notices"] as? [[String: Any]]) ?? []
        #expect(Self.ids(notices) == [R.phi, R.granite])
        #expect(notices.allSatisfy { $0["reason"] as? String == "stale" })
        let kept = ((noticed["kept"] as? [[String: Any]]) ?? []).first { $0["model_id"] as? String == R.phi }
        #expect(kept?["reason"] as? String == "notice_period")
        #expect((kept?["deletes_at"] as? String)?.hasPrefix(String(Self.day(34).prefix(19))) == true)

        // journald has one entry per notice, under its MESSAGE_ID, with the date and how to keep.
        let entries = try Self.journal("MODELWARDEN_DELETES_AT=" + (kept?["deletes_at"] as? String ?? "?"))
        #expect(Set(entries.compactMap { $0["MODELWARDEN_MODEL_ID"] as? String }) == [R.phi, R.granite])
        #expect(entries.allSatisfy { $0["MESSAGE_ID"] as? String == "f62c9651e1334df78eca6fb315101e8e" && $0["PRIORITY"] as? String == "5" })
        #expect(entries.allSatisfy { ($0["MESSAGE"] as? String)?.contains("modelwarden keep ") == true })

        // Status and plan show the date; a pass a day later gives no second notice, deletes nothing.
        #expect(try scene.run(["status", "--now", Self.day(32)]).stdout.contains("deletes on \(Self.human(34))"))
        #expect(try scene.run(["plan", "--now", Self.day(32)]).stdout.contains("deletes on \(Self.human(34))"))
        let (_, later) = try scene.json(["run", "--json", "--now", Self.day(32)])
        #expect(Self.ids(later["notices"]).isEmpty && Self.ids(later["actions"]).isEmpty)
        let (_, due) = try scene.json(["run", "--json", "--now", Self.day(34)])
        #expect(Self.ids(due["actions"]) == [R.phi, R.granite])
        #expect((due["freed_bytes"] as? Int ?? 0) > 0)
    }

    @Test func keepPinsForAWhileAndTheExpiredPinStartsANewNoticePeriod() throws {
        let scene = try Self.scene()
        _ = try scene.run(["run", "--now", Self.day(31)])
        let kept = try scene.run(["keep", "Phi-3 Mini 4K (CPU)", "--for", "14d", "--reason", "demo on Friday", "--now", Self.day(32)])
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stdout.contains("kept Phi-3 Mini 4K (CPU) (\(R.phi)) until \(Self.human(46))"))
        let policy = try String(contentsOfFile: (scene.environment["MODELWARDEN_POLICY_DIR"] ?? "") + "/90-local.yaml", encoding: .utf8)
        #expect(policy.contains("keep_until:") && policy.contains("reason: \"demo on Friday\""))
        // Pinned: not deleted when its notice has stood long enough; the others go.
        let (_, pinned) = try scene.json(["run", "--json", "--now", Self.day(35)])
        #expect(Self.ids(pinned["actions"]) == [R.granite])
        #expect(try scene.run(["status", "--now", Self.day(35)]).stdout.contains("pinned until \(Self.human(46)) (demo on Friday)"))
        let why = try scene.run(["why", R.phi, "--now", Self.day(35)])
        #expect(why.stdout.contains("Decision:  kept, pinned (rule keep-\(R.phi))"), "\(why.stdout)")
        #expect(why.stdout.contains("90-local.yaml:"))
        // Expired: the first pass after gives a new notice, and deletes 3 days later.
        let (_, expired) = try scene.json(["run", "--json", "--now", Self.day(47)])
        #expect(Self.ids(expired["notices"]) == [R.phi] && Self.ids(expired["actions"]).isEmpty)
        #expect(try scene.run(["plan", "--now", Self.day(47)]).stdout.contains("pin expired on \(Self.human(46))"))
        let (_, gone) = try scene.json(["run", "--json", "--now", Self.day(50)])
        #expect(Self.ids(gone["actions"]) == [R.phi])
    }

    @Test func modelNamesThatMatchNothingOrSeveralAreRefused() throws {
        let scene = try Self.scene()
        let none = try scene.run(["keep", "Phi-3 Mini", "--for", "1d"])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no model matches \"Phi-3 Mini\"; close names: Phi-3 Mini 4K (CPU)"), "\(none.stderr)")
        let several = try scene.run(["keep", "*", "--for", "1d"])
        #expect(several.status == 64 && several.stderr.contains("matches 10 models"), "\(several.stderr)")
        #expect(try scene.run(["why", "nothing-like-it"]).status == 1)
        #expect(try scene.run(["unkeep", "nothing-like-it"]).status == 1)
        #expect(try scene.run(["keep", R.phi, "--for", "1d", "--until", "2027-01-01"]).status == 64)
        #expect(try scene.run(["keep", R.phi, "--reason", "two\nlines"]).status == 64)
        let all = try scene.run(["keep", "*8B*", "--all", "--until", "2099-01-01"])
        #expect(all.status == 0 && all.stdout.split(separator: "\n").filter { $0.hasPrefix("kept ") }.count == 2, "\(all.stdout)")
    }

    @Test func whyShowsEveryRuleWithItsPlaceAndTheJournalsHistory() throws {
        let scene = try Self.scene("""
            version: 1
            retention:
              rules:
                - name: big
                  match: { min_size: 100GiB }
                  stale_after: 7d
                - name: everything-else
                  stale_after: 30d
            """)
        _ = try scene.run(["run", "--now", Self.day(31)])
        let why = try scene.run(["why", R.phi, "--now", Self.day(31)])
        #expect(why.status == 0, "\(why.stderr)")
        let policies = scene.environment["MODELWARDEN_POLICY_DIR"] ?? ""
        #expect(why.stdout.contains("1. big [\(policies)/50-test.yaml:4:7]: skipped, size 2.12 GiB is under min_size"), "\(why.stdout)")
        #expect(why.stdout.contains("2. everything-else ["), "\(why.stdout)")
        #expect(why.stdout.contains(": matched, stale_after 30d"))
        #expect(why.stdout.contains("Decision:  kept, notice_period (rule everything-else)"))
        #expect(why.stdout.contains("notice (stale): deletes on \(Self.human(34))"))
        // The simulator is the Pieces OS here: its own process, found through its port.
        #expect(why.stdout.contains("  Memory:    Pieces OS: pid "), "\(why.stdout)")
        let json = try JSONSerialization.jsonObject(with: Data(try scene.run(["why", "*8B*", "--json", "--now", Self.day(31)]).stdout.utf8)) as? [[String: Any]]
        #expect(json?.count == 2)
        #expect(json?.allSatisfy { ($0["rules"] as? [[String: Any]])?.count == 2 } == true)
    }

    @Test func unkeepRemovesOnlyWhatKeepWroteAndNamesAHandWrittenPin() throws {
        let scene = try Self.scene("""
            version: 1
            retention:
              rules:
                - name: mine
                  match: { name: "Granite*" }
                  keep: true
                - name: everything-else
                  stale_after: 30d
            """)
        #expect(try scene.run(["keep", R.phi]).status == 0)
        let unkept = try scene.run(["unkeep", R.phi])
        #expect(unkept.status == 0 && unkept.stdout.contains("unpinned Phi-3 Mini 4K (CPU)"), "\(unkept.stderr)")
        let handWritten = try scene.run(["unkeep", R.granite])
        #expect(handWritten.status == 1)
        let policies = scene.environment["MODELWARDEN_POLICY_DIR"] ?? ""
        #expect(handWritten.stderr.contains("still pinned by rule \"mine\" at \(policies)/50-test.yaml:4:7"), "\(handWritten.stderr)")
        let history = try scene.run(["policy", "history", "--json"]).stdout
        #expect(history.contains("\"source\" : \"keep\"") && history.contains("\"source\" : \"unkeep\""))
    }

    /// `2026-12-05 14:00:00 UTC`, as the tables print `day(days)`.
    static func human(_ days: Double) -> String {
        let text = day(days)
        return text.prefix(10) + " " + text.dropFirst(11).prefix(8) + " UTC"
    }

    /// The journald entries matching `match`, as JSON objects.
    static func journal(_ match: String) throws -> [[String: Any]] {
        _ = try Binaries.runTool("/usr/bin/journalctl", ["--sync"])
        let output = try Binaries.runTool("/usr/bin/journalctl", ["-o", "json", "--no-pager", match])
        return output.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }
}
