/// The sections of the models and what comes next: last use, deletions, pins, revisions.
extension HTMLReport {
    static func lastUseSection(_ observations: Observations) -> String {
        let models = observations.lastUse
        return section("last-use", "Last use of each model", empty: models.isEmpty ? "No local model in the latest snapshot." : nil) {
            let drawn = models.prefix(timelineLimit)
            let chart = SVGTimeline(
                id: "chart-last-use", title: "Last use of each local model",
                summary: "One row per model, least recently used first: a line from when modelwarden first saw it to its last use, and a dot at the last use.",
                rows: drawn.map { .init(label: $0.modelName, start: $0.firstSeen, end: $0.lastUsed, cssClass: "s-dot") },
                until: observations.until)
            let note = models.count > drawn.count
                ? "<p class=\"note\">The chart shows the \(drawn.count) least recently used of \(models.count) models; the table lists them all.</p>\n" : ""
            let table = HTMLTable(
                caption: "Local models, least recently used first",
                headers: [("Model", false), ("Last used", false), ("First seen", false), ("On disk", true)],
                rows: models.map { [.text($0.modelName), .text(time($0.lastUsed)), .text(time($0.firstSeen)), .bytes($0.downloaded ? $0.bytes : nil)] })
            return "<figure>\(chart.render())</figure>\n\(note)\(table.render())\n"
        }
    }

    static func deletionsSection(_ observations: Observations) -> String {
        let deletions = observations.upcomingDeletions
        return section("deletions", "Deletions coming up", empty: deletions.isEmpty ? "The latest plan deletes nothing." : nil) {
            HTMLTable(
                caption: "As the latest plan foresees them; modelwarden keep MODEL stops one",
                headers: [("Model", false), ("Deletes on", false), ("Notice given", false), ("Reason", false), ("Rule", false), ("Size", true)],
                rows: deletions.map {
                    [.text($0.modelName), .text(time($0.deletesAt)), .text($0.noticedAt.map { time($0) } ?? "no notice"), .text($0.reason),
                     .text($0.rule), .bytes($0.bytes)]
                }
            ).render() + "\n"
        }
    }

    static func pinsSection(_ observations: Observations) -> String {
        section("pins", "Pins", empty: observations.pins.isEmpty ? "No pin holds." : nil) {
            HTMLTable(
                caption: "Models a pin keeps, soonest expiry first",
                headers: [("Model", false), ("Until", false), ("Rule", false), ("Reason", false)],
                rows: observations.pins.map { [.text($0.modelName), .text($0.until.map { time($0) } ?? "for good"), .text($0.rule), .text($0.reason)] }
            ).render() + "\n"
        }
    }

    static func revisionsSection(_ observations: Observations) -> String {
        section("revisions", "Policy revisions", empty: observations.revisions.isEmpty ? "No policy revision in the period." : nil) {
            HTMLTable(
                caption: "Newest first",
                headers: [("When", false), ("Who", false), ("How", false), ("File", false), ("Policy digest", false)],
                rows: observations.revisions.map {
                    [.text(time($0.at)), .text($0.user), .text($0.source), .text($0.file), .text($0.digest.map { String($0.prefix(19)) })]
                }
            ).render() + "\n"
        }
    }
}
