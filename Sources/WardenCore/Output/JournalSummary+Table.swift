import PiecesModels

extension JournalSummary {
    /// The summary as a person reads it.
    public func renderTable() -> String {
        let outcomes = actions.sorted { $0.key < $1.key }.map { "\($0.value) \($0.key)" }.joined(separator: ", ")
        var text = "Since \(HumanTime.describe(since)):\n"
        text += "  passes: \(passes) (\(failedRuns) ended in failure, \(interruptedRuns) interrupted), dry runs: \(dryRuns), status checks: \(statusChecks)\n"
        text += "  actions: \(outcomes.isEmpty ? "none" : outcomes)\n"
        text += "  freed: \(ByteCount(freedBytes))\n"
        if !failures.isEmpty {
            text += "\nFailures (newest first):\n"
            var table = TextTable([("AT", .left), ("MODEL", .left), ("ERROR", .left)])
            for failure in failures { table.append([RFC3339.format(failure.at), failure.modelName ?? "-", failure.error ?? "-"]) }
            text += table.render()
        }
        return text
    }
}
