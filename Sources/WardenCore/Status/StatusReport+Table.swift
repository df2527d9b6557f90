import PiecesModels

extension StatusReport {
    /// The report as a person reads it at a glance: one line per model, then the totals.
    public func renderTable() -> String {
        var table = TextTable([
            ("NAME", .left), ("WHERE", .left), ("LLM", .left), ("DOWNLOADED", .left), ("LOADED", .left),
            ("DISK", .right), ("RAM", .right), ("FIRST SEEN", .right), ("LAST USED", .right),
        ])
        for row in models {
            table.append([
                row.name,
                row.cloud ? "cloud" : "local",
                row.llm ? "yes" : "no",
                row.cloud ? "-" : row.downloading ? "downloading" : row.downloaded ? "yes" : "no",
                row.cloud ? "-" : row.loaded ? "yes" : "no",
                row.cloud ? "-" : size(row.bytes),
                row.cloud ? "-" : size(row.ram),
                row.firstSeen.map { RelativeAge.describe($0, now: at) } ?? "-",
                row.lastUsed.map { RelativeAge.describe($0, now: at) } ?? "-",
            ])
        }
        let plural = totals.models == 1 ? "model" : "models"
        return "Pieces OS at \(piecesURL): \(totals.models) \(plural), \(totals.llms) LLMs\n\n"
            + table.render()
            + "\nOn disk: \(ByteCount(totals.diskBytes)) (downloaded local models)."
            + " In RAM: \(ByteCount(totals.ramBytes)) (\(totals.loaded) loaded).\n"
    }

    private func size(_ bytes: Int?) -> String {
        bytes.map { ByteCount($0).description } ?? "?"
    }
}
