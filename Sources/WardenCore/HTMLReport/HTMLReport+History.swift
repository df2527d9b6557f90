/// The sections of what happened: disk freed, actions, memory pressure.
extension HTMLReport {
    /// Outcomes in the order the charts stack them; others follow by name.
    static let outcomeOrder = ["succeeded", "failed", "skipped", "unknown", "open"]

    static func diskSection(_ observations: Observations) -> String {
        let days = observations.days
        let freedDays = days.filter { $0.freedBytes > 0 }
        return section("disk", "Disk freed", empty: days.isEmpty ? "No pass in the period." : nil) {
            let chart = SVGBarChart(
                id: "chart-freed", title: "Disk freed per day", summary: "Bars: bytes freed each day. Line: bytes freed since the period began.",
                categories: days.map { String($0.day.dropFirst(5)) },
                series: [.init(name: "freed", cssClass: "s-freed", values: days.map { Double($0.freedBytes) })], stacked: true,
                line: .init(name: "cumulative", cssClass: "s-cumulative", values: days.map { Double($0.cumulativeFreedBytes) }),
                format: { size(JournalDatabase.wholeBytes($0)) })
            let table = freedDays.isEmpty ? "<p class=\"note\">No cache was freed in the period.</p>" : HTMLTable(
                caption: "Days on which caches were freed",
                headers: [("Day", false), ("Freed", true), ("Freed since the period began", true)],
                rows: freedDays.map { [.text($0.day), .bytes($0.freedBytes), .bytes($0.cumulativeFreedBytes)] }
            ).render()
            return "<figure>\(chart.render())" + legend([("freed per day", "s-freed"), ("cumulative", "s-cumulative")])
                + "</figure>\n\(table)\n"
        }
    }

    static func actionsSection(_ observations: Observations) -> String {
        let days = observations.days
        let outcomes = Set(days.flatMap(\.actions.keys)).sorted {
            (outcomeOrder.firstIndex(of: $0) ?? outcomeOrder.count, $0) < (outcomeOrder.firstIndex(of: $1) ?? outcomeOrder.count, $1)
        }
        let active = days.filter { !$0.actions.isEmpty }
        return section("actions", "Actions per day", empty: active.isEmpty ? "No live action in the period." : nil) {
            let chart = SVGBarChart(
                id: "chart-actions", title: "Actions per day by outcome", summary: "Stacked bars: live actions begun each day, by outcome.",
                categories: days.map { String($0.day.dropFirst(5)) },
                series: outcomes.map { outcome in
                    .init(name: outcome, cssClass: "s-\(cssName(outcome))", values: days.map { Double($0.actions[outcome] ?? 0) })
                },
                stacked: true, line: nil, format: { String(JournalDatabase.wholeBytes($0)) }, counts: true)
            let table = HTMLTable(
                caption: "Days with live actions", headers: [("Day", false)] + outcomes.map { ($0, true) },
                rows: active.map { day in [.text(day.day)] + outcomes.map { .count(day.actions[$0] ?? 0) } })
            return "<figure>\(chart.render())" + legend(outcomes.map { ($0, "s-\(cssName($0))") }) + "</figure>\n\(table.render())\n"
        }
    }

    static func pressureSection(_ observations: Observations) -> String {
        let events = observations.pressureEvents
        return section("pressure", "Memory pressure", empty: events.isEmpty ? "No unload under memory pressure in the period." : nil) {
            let oldestFirst = Array(events.reversed())
            let chart = SVGBarChart(
                id: "chart-pressure", title: "MemAvailable before and after each unload",
                summary: "Pairs of bars: MemAvailable when the unload was decided, and after it settled.",
                categories: oldestFirst.map { String(time($0.at).dropFirst(5).prefix(11)) },
                series: [
                    .init(name: "before", cssClass: "s-before", values: oldestFirst.map { Double($0.availableBeforeBytes ?? 0) }),
                    .init(name: "after", cssClass: "s-after", values: oldestFirst.map { Double($0.availableAfterBytes ?? 0) }),
                ],
                stacked: false, line: nil, format: { size(JournalDatabase.wholeBytes($0)) })
            let table = HTMLTable(
                caption: "Unloads, newest first",
                headers: [("When", false), ("Outcome", false), ("MemAvailable before", true), ("MemAvailable after", true),
                          ("Pieces OS RSS before", true), ("Pieces OS RSS after", true), ("Models' RAM", true)],
                rows: events.map {
                    [.text(time($0.at)), .text($0.outcome), .bytes($0.availableBeforeBytes), .bytes($0.availableAfterBytes),
                     .bytes($0.piecesRSSBeforeBytes), .bytes($0.piecesRSSAfterBytes), .bytes($0.expectedBytes)]
                })
            return "<figure>\(chart.render())" + legend([("MemAvailable before", "s-before"), ("after", "s-after")])
                + "</figure>\n\(table.render())\n"
        }
    }

    /// A journal value as a CSS class name: letters, digits and dashes only.
    static func cssName(_ text: String) -> String {
        String(text.unicodeScalars.map { ("a"..."z").contains($0) || ("0"..."9").contains($0) ? Character($0) : "-" })
    }
}
