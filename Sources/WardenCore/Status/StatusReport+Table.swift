import PiecesModels

extension StatusReport {
    /// The report as a person reads it at a glance: one line per model, then the totals.
    ///
    /// DISK is what a model holds on disk now; the size of a model not (or not yet wholly)
    /// downloaded is what a download would take, and is shown beside DOWNLOADED instead.
    public func renderTable() -> String {
        let noted = models.contains { $0.note != nil }
        var table = TextTable([
            ("NAME", .left), ("WHERE", .left), ("LLM", .left), ("DOWNLOADED", .left), ("LOADED", .left),
            ("DISK", .right), ("RAM", .right), ("FIRST SEEN", .right), ("LAST USED", .right),
        ] + (noted ? [("NOTE", .left)] : []))
        for row in models {
            table.append([
                row.name,
                row.cloud ? "cloud" : "local",
                row.llm ? "yes" : "no",
                row.cloud ? "-" : row.downloaded && !row.downloading ? "yes" : download(row),
                row.cloud ? "-" : row.loaded ? "yes" : "no",
                row.cloud || row.downloading || !row.downloaded ? "-" : size(row.bytes),
                row.cloud ? "-" : size(row.ram),
                row.firstSeen.map { RelativeAge.describe($0, now: at) } ?? "-",
                row.lastUsed.map { RelativeAge.describe($0, now: at) } ?? "-",
            ] + (noted ? [row.note ?? ""] : []))
        }
        let plural = totals.models == 1 ? "model" : "models"
        return "Pieces OS at \(piecesURL): \(totals.models) \(plural), \(totals.llms) LLMs\n\n"
            + table.render()
            + "\nOn disk: \(ByteCount(totals.diskBytes)) (downloaded local models)."
            + " In RAM: \(ByteCount(totals.ramBytes)) (\(totals.loaded) loaded).\n"
            + (PiecesProcess.line(piecesProcess, absence: piecesProcessReason).map { $0 + "\n" } ?? "")
    }

    /// `no, 3.82 GiB` or `downloading, 5.00 GiB`: the state and the size of the download.
    private func download(_ row: Row) -> String {
        let state = row.downloading ? "downloading" : "no"
        return row.bytes.map { "\(state), \(ByteCount($0))" } ?? state
    }

    private func size(_ bytes: Int?) -> String {
        bytes.map { ByteCount($0).description } ?? "?"
    }
}
