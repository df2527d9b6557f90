/// A bar chart as inline SVG: one group of bars per category, stacked or side by side, with
/// an optional line over them (e.g. a running total). Colours come from the page's CSS classes,
/// so the chart follows the light and dark schemes and prints.
struct SVGBarChart {
    /// One series: a CSS class for its colour, a name for the legend and the tooltips.
    struct Series {
        var name: String
        var cssClass: String
        var values: [Double]
    }

    /// An id unique in the page, for `aria-labelledby`.
    var id: String
    /// The chart's title, read by screen readers and shown as a tooltip.
    var title: String
    /// What the chart shows, in one sentence.
    var summary: String
    /// The label of each group of bars.
    var categories: [String]
    /// The bars.
    var series: [Series]
    /// Whether the series stack (true) or stand side by side.
    var stacked: Bool
    /// A line drawn over the bars, on its own scale.
    var line: Series?
    /// How a value reads (bytes, a count).
    var format: (Double) -> String
    /// Whether values are counts, so that the axis ticks fall on whole numbers.
    var counts = false

    static let width = 720.0, height = 220.0, left = 64.0, right = 64.0, top = 12.0, bottom = 36.0

    /// The `<svg>` element.
    func render() -> String {
        let plotWidth = Self.width - Self.left - Self.right, plotHeight = Self.height - Self.top - Self.bottom
        let count = max(categories.count, 1)
        // A few categories get narrow bars, not bars as wide as the chart.
        let slot = min(plotWidth / Double(count), 48)
        let highest = max(stacked ? stackedPeak() : (series.flatMap(\.values).max() ?? 0), 1)
        let peak = counts ? max(2, (highest / 2).rounded(.up) * 2) : highest
        func y(_ value: Double, _ top: Double) -> Double { Self.top + plotHeight - plotHeight * max(0, value) / top }
        var svg = """
            <svg id="\(id)" class="chart" viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" role="img" \
            aria-labelledby="\(id)-title \(id)-desc" preserveAspectRatio="xMinYMin meet">\
            <title id="\(id)-title">\(HTMLText.escape(title))</title><desc id="\(id)-desc">\(HTMLText.escape(summary))</desc>
            """
        svg += axis(peak: peak, x: Self.left, anchor: "end", y: { y($0, peak) })
        for (index, category) in categories.enumerated() {
            let x0 = Self.left + Double(index) * slot + slot * 0.15
            let barWidth = slot * 0.7 / Double(stacked ? 1 : max(series.count, 1))
            var base = 0.0
            for (number, one) in series.enumerated() {
                let value = index < one.values.count ? one.values[index] : 0
                guard value > 0 else { continue }
                let x = stacked ? x0 : x0 + Double(number) * barWidth
                let low = stacked ? base : 0
                let top = y(low + value, peak), height = y(low, peak) - top
                svg += "<rect class=\"\(one.cssClass)\" x=\"\(HTMLText.coordinate(x))\" y=\"\(HTMLText.coordinate(top))\" "
                svg += "width=\"\(HTMLText.coordinate(max(barWidth, 0.5)))\" height=\"\(HTMLText.coordinate(max(height, 0.5)))\">"
                svg += "<title>\(HTMLText.escape("\(category): \(one.name) \(format(value))"))</title></rect>"
                if stacked { base += value }
            }
        }
        if let line { svg += polyline(line, slot: slot, plotHeight: plotHeight) }
        svg += xLabels(slot: slot)
        return svg + "</svg>"
    }

    private func stackedPeak() -> Double {
        categories.indices.map { index in series.reduce(0) { $0 + (index < $1.values.count ? max(0, $1.values[index]) : 0) } }.max() ?? 0
    }

    private func axis(peak: Double, x: Double, anchor: String, y: (Double) -> Double) -> String {
        var svg = ""
        for fraction in [0.0, 0.5, 1.0] {
            let at = HTMLText.coordinate(y(peak * fraction))
            svg += "<line class=\"grid\" x1=\"\(Int(Self.left))\" x2=\"\(Int(Self.width - Self.right))\" y1=\"\(at)\" y2=\"\(at)\"/>"
            svg += "<text class=\"tick\" x=\"\(HTMLText.coordinate(x - 4))\" y=\"\(at)\" text-anchor=\"\(anchor)\" "
            svg += "dominant-baseline=\"middle\">\(HTMLText.escape(format(peak * fraction)))</text>"
        }
        return svg
    }

    private func polyline(_ line: Series, slot: Double, plotHeight: Double) -> String {
        let peak = max(line.values.max() ?? 0, 1)
        func y(_ value: Double) -> Double { Self.top + plotHeight - plotHeight * max(0, value) / peak }
        let points = line.values.enumerated().map { index, value in
            "\(HTMLText.coordinate(Self.left + (Double(index) + 0.5) * slot)),\(HTMLText.coordinate(y(value)))"
        }
        var svg = "<polyline class=\"\(line.cssClass)\" fill=\"none\" points=\"\(points.joined(separator: " "))\">"
        svg += "<title>\(HTMLText.escape("\(line.name), up to \(format(line.values.last ?? 0))"))</title></polyline>"
        return svg + axis(peak: peak, x: Self.width - Self.right + 4, anchor: "start", y: y)
    }

    /// At most about twelve labels, so that dates never overlap.
    private func xLabels(slot: Double) -> String {
        let step = max(1, (categories.count + 11) / 12)
        return categories.enumerated().filter { $0.offset % step == 0 }.map { index, label in
            let x = HTMLText.coordinate(Self.left + (Double(index) + 0.5) * slot)
            return "<text class=\"tick\" x=\"\(x)\" y=\"\(Int(Self.height - Self.bottom + 16))\" text-anchor=\"middle\">\(HTMLText.escape(label))</text>"
        }.joined()
    }
}
