#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Each model's last use as inline SVG: one row per model, a bar from when modelwarden first
/// saw it to its last use, and a dot at the last use, on one time axis that ends at the
/// report's end.
struct SVGTimeline {
    /// One row.
    struct Row {
        var label: String
        var start: Date
        var end: Date
        var cssClass: String
    }

    /// An id unique in the page.
    var id: String
    /// The chart's title.
    var title: String
    /// What it shows, in one sentence.
    var summary: String
    /// The rows, top to bottom.
    var rows: [Row]
    /// The axis's end.
    var until: Date

    static let width = 720.0, labelWidth = 220.0, rowHeight = 18.0, axisHeight = 28.0

    /// The `<svg>` element.
    func render() -> String {
        let height = Double(rows.count) * Self.rowHeight + Self.axisHeight
        let earliest = min(rows.map(\.start).min() ?? until, until.addingTimeInterval(-86_400))
        let span = max(until.timeIntervalSince(earliest), 1)
        let plotWidth = Self.width - Self.labelWidth - 16
        func x(_ date: Date) -> String {
            HTMLText.coordinate(Self.labelWidth + plotWidth * min(1, max(0, date.timeIntervalSince(earliest) / span)))
        }
        var svg = """
            <svg id="\(id)" class="chart" viewBox="0 0 \(Int(Self.width)) \(Int(height))" role="img" \
            aria-labelledby="\(id)-title \(id)-desc" preserveAspectRatio="xMinYMin meet">\
            <title id="\(id)-title">\(HTMLText.escape(title))</title><desc id="\(id)-desc">\(HTMLText.escape(summary))</desc>
            """
        for (index, row) in rows.enumerated() {
            let middle = HTMLText.coordinate(Double(index) * Self.rowHeight + Self.rowHeight / 2)
            svg += "<g><title>\(HTMLText.escape("\(row.label): last used \(HumanTime.describe(row.end))"))</title>"
            svg += "<text class=\"label\" x=\"\(Int(Self.labelWidth - 8))\" y=\"\(middle)\" text-anchor=\"end\" dominant-baseline=\"middle\">"
            svg += "\(HTMLText.escape(Self.shortened(row.label)))</text>"
            svg += "<line class=\"span\" x1=\"\(x(row.start))\" x2=\"\(x(row.end))\" y1=\"\(middle)\" y2=\"\(middle)\"/>"
            svg += "<circle class=\"\(row.cssClass)\" cx=\"\(x(row.end))\" cy=\"\(middle)\" r=\"4\"/></g>"
        }
        let axisY = Int(Double(rows.count) * Self.rowHeight + 18)
        for (date, anchor) in [(earliest, "start"), (until, "end")] {
            svg += "<text class=\"tick\" x=\"\(x(date))\" y=\"\(axisY)\" text-anchor=\"\(anchor)\">\(HumanTime.describe(date).prefix(10))</text>"
        }
        return svg + "</svg>"
    }

    /// A label that fits the label column.
    static func shortened(_ label: String) -> String {
        label.count <= 32 ? label : String(label.prefix(31)) + "…"
    }
}
