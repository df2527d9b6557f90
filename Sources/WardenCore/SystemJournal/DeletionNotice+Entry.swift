import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// How a notice of deletion reads in the systemd journal and on the desktop.
extension DeletionNotice {
    /// How long the keep command a notice suggests keeps the model.
    public static let suggestedKeep = "14d"

    /// The command that keeps the model for ``suggestedKeep``, quoted for a POSIX shell; `--`
    /// ends the options, so that an id starting with `-` is still the model.
    public var keepCommand: String {
        "modelwarden keep --for \(Self.suggestedKeep) -- \(Self.shellQuoted(modelID))"
    }

    /// `on 2026-12-05 14:00:00 UTC`, or `now` for an eviction, which does not wait.
    public var when: String {
        reason == .stale ? "on \(HumanTime.describe(deletesAt))" : "now (\(reason.rawValue))"
    }

    /// The entry, under the notice's MESSAGE_ID, with the date and how to keep the model.
    func entry(runID: Int64) -> JournalEntry {
        JournalEntry(
            .deletionScheduled,
            "the cache of \(PolicyExcerpt.quoted(modelName)) (\(ByteCount(bytes))) will be deleted \(when); to keep it: \(keepCommand)",
            fields: [
                .runID: String(runID), .action: "delete_cache", .modelID: modelID, .modelName: modelName,
                .reason: reason.rawValue, .bytes: String(bytes), .deletesAt: RFC3339.format(deletesAt), .rule: rule ?? "-",
                .keepCommand: keepCommand, .dryRun: "0",
            ])
    }

    /// The desktop notification's summary line.
    public var summary: String {
        let name = PolicyExcerpt.quoted(modelName)
        return reason == .stale ? "\(name) will be deleted \(when)" : "\(name) is being deleted to free disk"
    }

    /// The desktop notification's body.
    public var body: String {
        "modelwarden will delete the \(ByteCount(bytes)) cache of \(PolicyExcerpt.quoted(modelName)) \(when) (rule \(rule ?? "-")). "
            + "To keep it: \(keepCommand)"
    }

    /// `text` as one word for a POSIX shell, single-quoted, control characters escaped (a
    /// journal line must not carry them; the id would not be pinnable anyway).
    static func shellQuoted(_ text: String) -> String {
        "'" + text.escapingControlCharacters.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
