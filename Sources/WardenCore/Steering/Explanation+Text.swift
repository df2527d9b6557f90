import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension Explanation {
    /// The explanation as a person reads it, section by section.
    public func renderText() -> String {
        func time(_ date: Date?) -> String { date.map(HumanTime.describe) ?? "-" }
        // Names, ids and history come from Pieces OS: escaped so that none can forge a line.
        func shown(_ text: String) -> String { text.escapingControlCharacters }
        var lines = ["\(shown(modelName)) (\(shown(modelID)))", "  State:     \(state)"]
        lines.append("  Decision:  " + (decision == "keep" ? "kept, \(reason)" : "delete its cache, \(reason)")
            + (rule.map { " (rule \(shown($0)))" } ?? "") + " at \(time(at))")
        lines.append("  Rules, in the order they are tried:")
        if rules.isEmpty { lines.append("    none: a model no rule matches is kept") }
        for (index, step) in rules.enumerated() {
            lines.append("    \(index + 1). \(shown(step.rule)) [\(shown(step.origin ?? "?"))]: \(step.verdict.replacingOccurrences(of: "_", with: " ")), \(shown(step.detail))")
        }
        var usage = "  Usage:     first seen \(time(firstSeen)); last used \(time(lastUsed))"
        let evidence = [lastLoaded.map { "loaded seen at \(time($0))" }, lastScored.map { "score rose at \(time($0))" }].compactMap { $0 }
        usage += evidence.isEmpty ? " (never seen in use: ages from first seen)" : " (\(evidence.joined(separator: "; ")))"
        lines.append(usage)
        lines.append("  Ages:      min_age \(minAge); stale_after \(staleAfter ?? "-"); stale at \(time(staleAt))")
        lines.append("  Notice:    " + noticeLine(time))
        lines.append("  Pin:       " + pinLine(time))
        lines += limits.map { "  Limits:    \($0)" }
        if let piecesProcess { lines.append("  Memory:    \(piecesProcess)") }
        lines.append("  History (newest first):")
        if history.isEmpty { lines.append("    nothing recorded yet") }
        lines += history.map { "    \(time($0.at))  \(shown($0.text))" }
        return lines.joined(separator: "\n") + "\n"
    }

    private func noticeLine(_ time: (Date?) -> String) -> String {
        if noticeBefore == "0s" { return "off (retention.notice_before is 0s)" }
        if reason == ReasonCode.pinned.rawValue { return "none while pinned; once the pin expires, a new notice period starts" }
        if let noticedAt {
            let given = noticeDue ? "due now (the next live pass gives it)" : "given \(time(noticedAt))"
            return "\(given); deletes on \(time(deletesAt)) (notice_before \(noticeBefore))"
        }
        return staleAt == nil ? "none (not a candidate)" : "none yet; due \(noticeBefore) before the stale date"
    }

    private func pinLine(_ time: (Date?) -> String) -> String {
        var parts: [String] = []
        if reason == ReasonCode.pinned.rawValue {
            parts.append(pinnedUntil.map { "until \(time($0))" } ?? "for good")
            if let pinReason { parts.append("reason: \(pinReason.escapingControlCharacters)") }
        }
        if let pinExpiredAt { parts.append("a pin expired on \(time(pinExpiredAt))") }
        return parts.isEmpty ? "none" : parts.joined(separator: "; ")
    }
}
