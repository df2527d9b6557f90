import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How a notice of deletion reads in the systemd journal and on the desktop.
extension DeletionNotice {
    /// The command that keeps the model for two weeks, quoted for a POSIX shell.
    public var keepCommand: String {
        "modelwarden keep \(Self.shellQuoted(modelID)) --for 14d"
    }

    /// `on 2026-12-05 14:00:00 UTC`, or `now` for an eviction, which does not wait.
    public var when: String {
        reason == .stale ? "on \(HumanTime.describe(deletesAt))" : "now (\(reason.rawValue))"
    }

    /// The entry, under the notice's MESSAGE_ID, with the date and how to keep the model.
    func entry(runID: Int64) -> JournalEntry {
        JournalEntry(
            .deletionScheduled,
            "the cache of \(modelName) (\(ByteCount(bytes))) will be deleted \(when); to keep it: \(keepCommand)",
            fields: [
                .runID: String(runID), .action: "delete_cache", .modelID: modelID, .modelName: modelName,
                .reason: reason.rawValue, .bytes: String(bytes), .deletesAt: RFC3339.format(deletesAt), .rule: rule ?? "-",
                .dryRun: "0",
            ])
    }

    /// The desktop notification's summary line.
    public var summary: String {
        reason == .stale ? "\(modelName) will be deleted \(when)" : "\(modelName) is being deleted to free disk"
    }

    /// The desktop notification's body.
    public var body: String {
        "modelwarden will delete the \(ByteCount(bytes)) cache of \(modelName) \(when) (rule \(rule ?? "-")). "
            + "To keep it: \(keepCommand)"
    }

    /// `text` as one word for a POSIX shell: bare when it is plainly safe, else single-quoted.
    static func shellQuoted(_ text: String) -> String {
        let safe = !text.isEmpty && text.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "-_.:/@+=".utf8.contains(byte)
        }
        return safe ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
