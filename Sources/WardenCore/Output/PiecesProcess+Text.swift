import PiecesModels

extension PiecesProcess {
    /// The one line a report gives Pieces OS's own process: `Pieces OS: pid 1234 (pieces-os),
    /// 2.31 GiB resident, 0 B swapped`, or `Pieces OS process: not found (why)`; nil when it
    /// was not looked for.
    static func line(_ process: PiecesProcess?, absence: PiecesProcessAbsence?) -> String? {
        if let process {
            let name = process.name.isEmpty ? "" : " (\(process.name))"
            return "Pieces OS: pid \(process.pid)\(name), \(ByteCount(process.rssBytes)) resident, \(ByteCount(process.swapBytes)) swapped"
        }
        return absence.map { "Pieces OS process: not found (\($0.message))" }
    }
}
