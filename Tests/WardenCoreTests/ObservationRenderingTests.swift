import Foundation
import PiecesModels
import Testing
@testable import WardenCore

/// The textfile, `report --format json` and `report --format html` of one journal: the same
/// figures, from the same ``Observations``.
@Suite("Metrics, JSON and HTML agree")
struct ObservationRenderingTests {
    typealias S = ObservedScene

    /// `name{labels}` → value, from the text exposition.
    static func series(_ exposition: String) -> [String: Double] {
        var series: [String: Double] = [:]
        for line in exposition.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " ") else { continue }
            series[String(line[..<space])] = Double(line[line.index(after: space)...])
        }
        return series
    }

    /// The exact figures (`data-value`) of the section `id` of a page, in order.
    static func figures(_ page: String, section id: String) -> [Int] {
        guard let start = page.range(of: "<section id=\"\(id)\"") else { return [] }
        let section = page[start.upperBound...].prefix { _ in true }
        let body = section[..<(section.range(of: "</section>")?.lowerBound ?? section.endIndex)]
        return body.components(separatedBy: "data-value=\"").dropFirst().compactMap { Int($0.prefix { $0 != "\"" }) }
    }

    @Test func theTextfileTheJSONAndThePageShowTheSameFigures() async throws {
        let observed = try await S.month().observations()
        let metrics = Self.series(MetricsExposition.render(observed, live: .init(availableBytes: 7 << 30, pressure: false)))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(JSONOutput.render(observed).utf8)) as? [String: Any])
        let page = HTMLReport.render(observed)

        let totals = (json["totals"] as? [String: Any]) ?? [:]
        for action in (totals["actions"] as? [[String: Any]]) ?? [] {
            let key = "modelwarden_actions_total{kind=\"\(action["kind"] ?? "")\",outcome=\"\(action["outcome"] ?? "")\"}"
            #expect(metrics[key] == (action["count"] as? Double), "\(key)")
        }
        #expect(metrics["modelwarden_freed_bytes_total"] == totals["freed_bytes"] as? Double)
        let models = (json["models"] as? [String: Int]) ?? [:]
        #expect(models.count == 5)
        for (state, count) in models { #expect(metrics["modelwarden_models{state=\"\(state)\"}"] == Double(count)) }
        #expect(metrics["modelwarden_llm_cache_bytes"] == json["llm_cache_bytes"] as? Double)
        #expect(metrics["modelwarden_deletions_scheduled"] == Double((json["upcoming_deletions"] as? [Any])?.count ?? -1))
        #expect(metrics["modelwarden_pieces_up"] == 1 && json["pieces_up"] as? Bool == true)
        #expect(metrics["modelwarden_journal_bytes"] == json["journal_bytes"] as? Double)
        #expect(metrics["modelwarden_last_pass_timestamp_seconds"] == S.day(31).timeIntervalSince1970)
        #expect((json["last_pass"] as? [String: Any])?["at"] as? String == RFC3339.format(S.day(31)))
        #expect(metrics["modelwarden_memory_available_bytes"] == Double(7 << 30) && metrics["modelwarden_memory_pressure"] == 0)

        // The page's tables hold the JSON's figures, exactly.
        let days = (json["days"] as? [[String: Any]]) ?? []
        let freed = days.filter { ($0["freed_bytes"] as? Int ?? 0) > 0 }.flatMap { [$0["freed_bytes"] as? Int ?? -1, $0["cumulative_freed_bytes"] as? Int ?? -1] }
        #expect(Self.figures(page, section: "disk") == freed)
        let event = ((json["pressure_events"] as? [[String: Any]]) ?? []).first ?? [:]
        #expect(Self.figures(page, section: "pressure") == ["available_before_bytes", "available_after_bytes", "expected_bytes"].map { event[$0] as? Int ?? -1 })
        #expect(Self.figures(page, section: "actions") == [1, 1])
        #expect(Self.figures(page, section: "deletions") == [2_280_000_000])
        #expect(page.contains("<dt>Freed since the journal began</dt><dd>\(ByteCount(S.graniteBytes))</dd>"))
        for chart in ["chart-freed", "chart-actions", "chart-pressure", "chart-last-use"] {
            #expect(page.contains("<svg id=\"\(chart)\"") && page.contains("<title id=\"\(chart)-title\">"), "\(chart)")
        }
    }

    @Test func thePageTextMatchesTheGolden() async throws {
        var observed = try await S.month().observations()
        // The revision's author and file are this machine's: fixed, so the golden holds anywhere.
        observed.revisions = observed.revisions.map { var revision = $0; revision.user = "admin"; revision.file = "/etc/modelwarden/policies.d/50-site.yaml"; return revision }
        let text = Self.text(of: HTMLReport.render(observed))
        let url = PolicyTests.packageRoot.appendingPathComponent("Tests/WardenCoreTests/Fixtures/report-page.txt")
        if ProcessInfo.processInfo.environment["MODELWARDEN_UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(text == (try String(contentsOf: url, encoding: .utf8)), "regenerate with MODELWARDEN_UPDATE_GOLDEN=1")
    }

    @Test func hostileTextFromTheJournalIsEscapedAndThePageNeedsNothingFromOutside() async throws {
        var observed = try await S.month().observations()
        let hostile = "<script>alert(1)</script>\"' onload=x & <img src=http://evil/>\u{202E}gnp.exe"
        observed.host = hostile
        observed.lastUse[0].modelName = hostile
        observed.pins[0].reason = hostile
        observed.upcomingDeletions[0].rule = hostile
        let page = HTMLReport.render(observed)
        #expect(!page.lowercased().contains("<script") && !page.contains("<img"))
        #expect(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39; onload=x &amp; &lt;img"))
        #expect(!page.contains("\u{202E}"), "a right-to-left override would make a name read as another")
        for outside in ["http://", "https://", "src=", "href=", "url(", "@import", "<link", "<object", "<iframe"] {
            #expect(!page.replacingOccurrences(of: HTMLText.escape(hostile), with: "").contains(outside), "\(outside)")
        }
    }

    @Test func figuresAtTheLimitsOfTheJournalDrawWithoutATrap() async throws {
        var observed = try await S.month().observations()
        // Sizes come from Pieces OS: the journal caps sums at Int.max, and the charts must cope.
        observed.days[0].freedBytes = .max
        observed.days[0].cumulativeFreedBytes = .max
        observed.days[1].actions = ["succeeded": .max, "failed": .max]
        observed.pressureEvents[0].availableBeforeBytes = .max
        observed.totals.freedBytes = .max
        let page = HTMLReport.render(observed)
        #expect(page.contains("data-value=\"\(Int.max)\""))
        #expect(page.contains("8.00 EiB") || page.contains("8192.00 PiB") || page.contains("TiB"), "the cap reads as a size")
    }

    /// The page as a reader sees it: text only, one line per block.
    static func text(of page: String) -> String {
        var body = page
        if let style = body.range(of: "<style>"), let end = body.range(of: "</style>") { body.removeSubrange(style.lowerBound..<end.upperBound) }
        for block in ["</h1>", "</h2>", "</p>", "</tr>", "</dd>", "</caption>", "</li>", "</title>", "</desc>"] {
            body = body.replacingOccurrences(of: block, with: block + "\n")
        }
        var text = "", inTag = false
        for character in body {
            if character == "<" { inTag = true } else if character == ">" { inTag = false; text += " " } else if !inTag { text.append(character) }
        }
        for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            text = text.replacingOccurrences(of: entity, with: character)
        }
        return text.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }.filter { !$0.isEmpty }.joined(separator: "\n") + "\n"
    }
}
