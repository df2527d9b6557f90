import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `report --format html`: one self-contained page of ``Observations``.
///
/// No script, no external font, style sheet or image: the charts are inline SVG drawn here,
/// each with a `<title>`, a `<desc>` and a table of the same figures, so the page reads
/// without JavaScript, with a screen reader, in a dark scheme and on paper.
public enum HTMLReport {
    /// At most this many models are drawn on the last-use timeline (the table lists them all).
    public static let timelineLimit = 60

    /// The page.
    public static func render(_ observations: Observations) -> String {
        let title = "modelwarden report for \(observations.host)"
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>\(HTMLText.escape(title))</title>
            <style>
            \(ReportStyle.css)
            </style>
            </head>
            <body>

            """
        html += header(observations, title: title)
        html += "<main>\n"
        for section in [diskSection, actionsSection, pressureSection, lastUseSection, deletionsSection, pinsSection, revisionsSection] {
            html += section(observations) + "\n"
        }
        html += "</main>\n<footer><p class=\"note\">Every figure comes from the journal, through the queries behind "
        html += "<code>modelwarden report --format json</code> and the Prometheus textfile. Times are UTC.</p></footer>\n"
        return html + "</body>\n</html>\n"
    }

    /// A size as the tables show it.
    static func size(_ bytes: Int) -> String { ByteCount(bytes).description }

    /// An instant as the tables show it.
    static func time(_ date: Date?) -> String { date.map(HumanTime.describe) ?? "–" }

    private static func header(_ observations: Observations, title: String) -> String {
        let summary = observations.summary
        let outcomes = summary.actions.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        let lastPass = observations.lastPass.map {
            "\(time($0.at)) (\($0.kind == "dry_run" ? "dry run" : "live"), \($0.success ? "succeeded" : "failed"))"
        }
        let totals: [(String, String)] = [
            ("Passes", "\(summary.passes) live, \(summary.dryRuns) dry runs, \(summary.failedRuns) ended in failure, \(summary.interruptedRuns) interrupted"),
            ("Actions", outcomes.isEmpty ? "none" : outcomes),
            ("Freed in the period", size(summary.freedBytes)),
            ("Freed since the journal began", size(observations.totals.freedBytes)),
            ("Local LLM caches now", size(observations.llmCacheBytes)),
            ("Deletions coming up", String(observations.upcomingDeletions.count)),
            ("Pins", String(observations.pins.count)),
            ("Last pass", lastPass ?? "none yet"),
            ("Pieces OS", observations.piecesUp.map { $0 ? "answered the latest snapshot" : "did not answer the latest snapshot" } ?? "no snapshot yet"),
        ]
        var html = "<header>\n<h1>\(HTMLText.escape(title))</h1>\n"
        html += "<p class=\"period\">From \(time(summary.since)) to \(time(observations.until))</p>\n<dl class=\"totals\">\n"
        for (term, value) in totals { html += "<dt>\(HTMLText.escape(term))</dt><dd>\(HTMLText.escape(value))</dd>\n" }
        return html + "</dl>\n</header>\n"
    }

    /// A legend of the series' colours, which the charts themselves do not name.
    static func legend(_ entries: [(name: String, cssClass: String)]) -> String {
        "<ul class=\"legend\" aria-hidden=\"true\">" + entries.map {
            "<li><span class=\"\($0.cssClass)\"></span>\(HTMLText.escape($0.name))</li>"
        }.joined() + "</ul>"
    }

    /// A section: heading, then `body`, or `empty` when there is nothing to show.
    static func section(_ id: String, _ heading: String, empty: String?, _ body: () -> String) -> String {
        "<section id=\"\(id)\" aria-labelledby=\"\(id)-heading\">\n<h2 id=\"\(id)-heading\">\(HTMLText.escape(heading))</h2>\n"
            + (empty.map { "<p class=\"note\">\(HTMLText.escape($0))</p>\n" } ?? body()) + "</section>"
    }
}
