import Foundation
import TestSupport
import Testing

/// The metrics textfile and the reports as an admin gets them: real passes of the built
/// binaries against the simulator, Debian's promtool and node_exporter, and headless Chromium.
@Suite("Observe it end to end: textfile, node_exporter, report json and html", .serialized)
struct ObservationCommandTests {
    typealias R = RetentionCommandTests
    static let llama = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b01"
    static let t0 = ISO8601DateFormatter().date(from: R.t0) ?? Date()
    static func day(_ days: Double) -> String { ISO8601DateFormatter().string(from: t0.addingTimeInterval(days * 86_400)) }

    static let policy = """
        version: 1
        retention:
          rules:
            - name: granite-short
              match: { name: "Granite*" }
              stale_after: 10d
            - name: everything-else
              stale_after: 30d

        """

    /// A month on the simulator: Llama pinned on day 1, Granite noticed and Llama unloaded under
    /// pressure on day 11, Granite deleted on day 14, Phi noticed on day 31. Each pass writes
    /// the textfile; `textfiles` keeps each one's text.
    struct Month {
        let scene: R.Scene
        let textfile: String
        var textfiles: [Double: String] = [:]

        init() throws {
            let directory = try TemporaryDirectory()
            let meminfo = directory.path("meminfo")
            scene = try R.Scene(
                policy: ObservationCommandTests.policy, notices: true,
                simulator: ["--meminfo-out", meminfo, "--mem-total", "16GiB", "--mem-base", "9GiB"])
            try FileManager.default.createDirectory(atPath: scene.directory.path("textfile"), withIntermediateDirectories: true)
            textfile = scene.directory.path("textfile/modelwarden.prom")
            let kept = try scene.run(["keep", "Llama*", "--for", "60d", "--reason", "daily driver", "--now", day(1)])
            guard kept.status == 0 else { throw SimulatorDidNotStart(output: kept.stdout, error: kept.stderr, status: kept.status) }
            for day in [11.0, 14, 31] {
                let pass = try scene.run([
                    "run", "--now", ObservationCommandTests.day(day), "--meminfo", meminfo, "--psi", directory.path("no-psi"),
                    "--settle", "0s", "--metrics-file", textfile,
                ])
                guard pass.status == 0 else { throw SimulatorDidNotStart(output: pass.stdout, error: pass.stderr, status: pass.status) }
                textfiles[day] = try String(contentsOfFile: textfile, encoding: .utf8)
            }
            _ = directory
        }

        func report(_ format: String, _ extra: [String] = []) throws -> Binaries.Result {
            try scene.run(["report", "--format", format, "--since", "40d", "--now", day(31)] + extra)
        }
    }

    @Test func theTextfilePassesPromtoolAndNodeExporterServesIt() async throws {
        let month = try Month()
        let checked = try ObservationTools.checkMetrics(month.textfile)
        #expect(checked.status == 0, "\(checked.output)")
        let attributes = try FileManager.default.attributesOfItem(atPath: month.textfile)
        #expect(attributes[.posixPermissions] as? Int == 0o644)

        let exporter = try ObservationTools.NodeExporter(textfileDirectory: month.scene.directory.path("textfile"))
        #expect(exporter.awaitListening(), "node_exporter did not start")
        let scraped = try await SimulatorControl.get("http://127.0.0.1:\(exporter.port)/metrics")
        #expect(scraped.contains("node_textfile_scrape_error 0"), "\(scraped.prefix(2000))")
        let served = ObservationTools.series(scraped)
        let written = ObservationTools.series(month.textfiles[31] ?? "")
        #expect(written.count == 23 && served == written, "node_exporter serves what was written, series by series")
        #expect(served["modelwarden_actions_total{kind=\"delete_cache\",outcome=\"succeeded\"}"] == 1)
        #expect(served["modelwarden_models{state=\"pinned\"}"] == 1 && served["modelwarden_deletions_scheduled"] == 1)
        #expect(scraped.contains("# TYPE modelwarden_actions_total counter") && scraped.contains("# HELP modelwarden_pieces_up "))
    }

    @Test func theCountersStayCorrectAcrossProcessRestarts() throws {
        let month = try Month()
        let (day11, day14, day31) = (month.textfiles[11] ?? "", month.textfiles[14] ?? "", month.textfiles[31] ?? "")
        let deleted = "modelwarden_actions_total{kind=\"delete_cache\",outcome=\"succeeded\"}"
        let unloaded = "modelwarden_actions_total{kind=\"unload_all\",outcome=\"succeeded\"}"
        // Each pass is a new process; the counters are the journal's, so none starts again at 0.
        // Every kind and outcome has its series from the first file on.
        #expect(ObservationTools.series(day11)[unloaded] == 1 && ObservationTools.series(day11)[deleted] == 0)
        for text in [day14, day31] {
            let series = ObservationTools.series(text)
            #expect(series[deleted] == 1 && series[unloaded] == 1)
            #expect(series["modelwarden_freed_bytes_total"] == 4_600_000_000)
        }
        #expect(ObservationTools.series(day31)["modelwarden_last_pass_timestamp_seconds"] == Self.t0.addingTimeInterval(31 * 86_400).timeIntervalSince1970)
    }

    @Test func reportJSONTheHTMLPageAndTheTextfileShowTheSameFigures() throws {
        let month = try Month()
        let metrics = ObservationTools.series(month.textfiles[31] ?? "")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(month.report("json").stdout.utf8)) as? [String: Any])
        let totals = (json["totals"] as? [String: Any]) ?? [:]
        for action in (totals["actions"] as? [[String: Any]]) ?? [] {
            #expect(metrics["modelwarden_actions_total{kind=\"\(action["kind"] ?? "")\",outcome=\"\(action["outcome"] ?? "")\"}"] == action["count"] as? Double)
        }
        #expect(metrics["modelwarden_freed_bytes_total"] == totals["freed_bytes"] as? Double)
        for (state, count) in (json["models"] as? [String: Int]) ?? [:] { #expect(metrics["modelwarden_models{state=\"\(state)\"}"] == Double(count)) }
        #expect(metrics["modelwarden_llm_cache_bytes"] == json["llm_cache_bytes"] as? Double)
        #expect(metrics["modelwarden_deletions_scheduled"] == Double((json["upcoming_deletions"] as? [Any])?.count ?? -1))
        #expect(metrics["modelwarden_journal_bytes"] == json["journal_bytes"] as? Double)
        #expect(metrics["modelwarden_pieces_rss_bytes"] == json["pieces_rss_bytes"] as? Double)

        // The page, as Chromium builds its DOM, holds the same figures in its tables.
        let page = month.scene.directory.path("report.html")
        #expect(try month.report("html", ["--output", page]).status == 0)
        let dom = try ObservationTools.chromium(page, ["--dump-dom"], profile: month.scene.directory.path("chromium"))
        #expect(dom.status == 0 && dom.output.contains("<svg id=\"chart-freed\""), "\(dom.output.prefix(500))")
        let day = ((json["days"] as? [[String: Any]]) ?? []).first { ($0["freed_bytes"] as? Int ?? 0) > 0 } ?? [:]
        #expect(dom.output.contains("<th scope=\"row\">\(day["day"] as? String ?? "?")</th><td class=\"number\" data-value=\"\(day["freed_bytes"] as? Int ?? -1)\">"))
        let event = ((json["pressure_events"] as? [[String: Any]]) ?? []).first ?? [:]
        for key in ["available_before_bytes", "available_after_bytes", "pieces_rss_before_bytes", "expected_bytes"] {
            #expect(dom.output.contains("data-value=\"\(event[key] as? Int ?? -1)\""), "\(key)")
        }
        let upcoming = ((json["upcoming_deletions"] as? [[String: Any]]) ?? []).first ?? [:]
        #expect(dom.output.contains("<th scope=\"row\">\(upcoming["model_name"] as? String ?? "?")</th>"))
        #expect(((json["pins"] as? [[String: Any]]) ?? []).first?["reason"] as? String == "daily driver")
        #expect(dom.output.contains("<td>daily driver</td>"))
    }

    @Test func theHTMLReportRendersOfflineInHeadlessChromiumInBothColourSchemes() throws {
        let month = try Month()
        let page = month.scene.directory.path("report.html")
        #expect(try month.report("html", ["--output", page]).status == 0)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        for outside in ["http://", "https://", "<script", "src=", "href=", "url(", "@import"] { #expect(!html.contains(outside), "\(outside)") }

        var stats: [String: [String: Any]] = [:]
        for (scheme, flags) in [("light", [String]()), ("dark", ["--force-dark-mode"])] {
            let png = month.scene.directory.path("\(scheme).png")
            let shot = try ObservationTools.chromium(page, flags + ["--screenshot=\(png)"], profile: month.scene.directory.path("chromium-\(scheme)"))
            #expect(shot.status == 0)
            stats[scheme] = try ObservationTools.pngStats(png)
        }
        let light = stats["light"] ?? [:], dark = stats["dark"] ?? [:]
        // Not blank: charts and text cover part of the page, in many colours.
        #expect((light["differing_fraction"] as? Double ?? 0) > 0.02 && (light["colours"] as? Int ?? 0) > 50, "\(light)")
        #expect((dark["differing_fraction"] as? Double ?? 0) > 0.02 && (dark["colours"] as? Int ?? 0) > 50, "\(dark)")
        // Each scheme has its own background: white, and a dark one.
        #expect((light["background_luminance"] as? Double ?? 0) > 0.9, "\(light)")
        #expect((dark["background_luminance"] as? Double ?? 1) < 0.2, "\(dark)")

        let dom = try ObservationTools.chromium(page, ["--dump-dom"], profile: month.scene.directory.path("chromium")).output
        for chart in ["chart-freed", "chart-actions", "chart-pressure", "chart-last-use"] {
            #expect(dom.contains("<svg id=\"\(chart)\"") && dom.contains("<title id=\"\(chart)-title\">"), "\(chart)")
        }
        #expect(dom.components(separatedBy: "<table>").count - 1 == 7, "a table beside every chart, and one per list")
    }

    @Test func theAlertingRulesPassPromtoolAndTheirUnitTests() throws {
        let directory = ObservationTools.packageRoot.appendingPathComponent("contrib/prometheus").path
        let checked = try ChildProcess.run(ObservationTools.promtool, ["check", "rules", directory + "/modelwarden.rules.yml"])
        #expect(checked.status == 0 && checked.output.contains("SUCCESS: 6 rules found"), "\(checked.output)")
        let tested = try ChildProcess.run("/bin/sh", ["-c", "cd '\(directory)' && exec \(ObservationTools.promtool) test rules modelwarden.rules.test.yml"])
        #expect(tested.status == 0 && tested.output.contains("SUCCESS"), "\(tested.output)")
    }

    @Test func theWatcherWritesTheTextfileOnceItsFirstPassEnds() throws {
        let directory = try TemporaryDirectory()
        let textfile = directory.path("modelwarden.prom")
        let scene = try WatchCommandTests.Scene(policy: WatchCommandTests.policy + "metrics:\n  textfile: \(textfile)\n")
        #expect(scene.awaitLog("metrics textfile written"), "\(scene.logSoFar)")
        let series = ObservationTools.series(try String(contentsOfFile: textfile, encoding: .utf8))
        #expect(series["modelwarden_last_pass_success"] == 1 && series["modelwarden_pieces_up"] == 1)
        #expect((series["modelwarden_memory_available_bytes"] ?? 0) > 0)
        #expect(scene.stop().0 == 0)
    }
}
