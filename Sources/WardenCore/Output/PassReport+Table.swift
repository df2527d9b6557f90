import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension PassReport {
    /// How far ahead "going stale soon" looks.
    public static let soon: TimeInterval = 7 * 86_400

    /// The kept models in the report's two groups: those whose deletion comes within ``soon``,
    /// soonest first, and the others. One already due (held back by `max_deletions_per_run`,
    /// say) is not going stale: it stays among the others, where its reason code says why it waits.
    var keptGroups: (goingStale: [KeptModel], others: [KeptModel]) {
        let due = { (kept: KeptModel) in kept.comesDueAt.map { $0 > at && $0.timeIntervalSince(at) <= Self.soon } ?? false }
        let stale = plan.kept.filter(due).sorted { ($0.comesDueAt ?? at) < ($1.comesDueAt ?? at) }
        return (stale, plan.kept.filter { !due($0) })
    }

    /// The title line: what ran, where, under which policy.
    var title: String {
        let what = runID.map { dryRun ? "Dry run \($0)" : "Pass \($0)" } ?? "Plan"
        return "\(what) at \(HumanTime.describe(at)) against \(piecesURL): \(models) models, policy \(policyDigest.prefix(19))…"
    }

    /// The report as a person reads it: what will be (or was) deleted, what goes stale soon,
    /// what is kept and why, and the totals.
    public func renderTable() -> String {
        var text = title + "\n"
        if let memory {
            text += Self.describe(memory) + "\n"
        }
        if let line = PiecesProcess.line(piecesProcess?.process, absence: piecesProcess?.absence) { text += line + "\n" }
        if let disk = plan.disk {
            text += "Disk \(disk.path): \((disk.usedPercent * 10).rounded() / 10)% used\n"
        }
        let verb = isPlanOnly ? "Will delete" : "Deleted or attempted"
        text += "\n\(verb) (\(results.count), \(ByteCount(plan.expectedFreedBytes))):\n"
        if results.isEmpty {
            text += "  nothing\n"
        } else {
            // A plan has no outcomes yet: every row would say "planned".
            let noted = results.contains { $0.action.note != nil }
            var columns: [(String, TextTable.Alignment)] = [("MODEL", .left), ("REASON", .left), ("RULE", .left), ("SIZE", .right)]
            if noted { columns.append(("NOTE", .left)) }
            if !isPlanOnly { columns.append(("OUTCOME", .left)) }
            var table = TextTable(columns)
            for result in results {
                let outcome = result.outcome.code.rawValue + (result.outcome.error.map { ": \($0)" } ?? "")
                table.append([result.action.modelName, result.action.reason.rawValue, result.action.rule ?? "-",
                              ByteCount(result.action.expectedBytes).description] + (noted ? [result.action.note ?? ""] : [])
                              + (isPlanOnly ? [] : [outcome]))
            }
            text += table.render().indented
        }
        let (stale, others) = keptGroups
        if !stale.isEmpty {
            text += "\nGoing stale soon (\(stale.count)):\n"
            // DUE: when the cache goes without a later use, the date a notice announced when
            // one did (a model in its notice period went stale before it).
            var table = TextTable([("MODEL", .left), ("RULE", .left), ("SIZE", .right), ("DUE", .left), ("NOTE", .left)])
            for kept in stale {
                table.append([kept.modelName, kept.rule ?? "-", Self.size(kept.bytes), kept.comesDueAt.map(HumanTime.describe) ?? "-",
                              kept.note ?? ""])
            }
            text += table.render().indented
        }
        let keptBytes = ByteCount.sum(others.map { $0.bytes ?? 0 })
        text += "\nKept (\(others.count), \(ByteCount(keptBytes)) on disk):\n"
        let noted = others.contains { $0.note != nil }
        var table = TextTable([("MODEL", .left), ("REASON", .left), ("RULE", .left), ("SIZE", .right)] + (noted ? [("NOTE", .left)] : []))
        for kept in others {
            table.append([kept.modelName, kept.reason.rawValue, kept.rule ?? "-", Self.size(kept.bytes)] + (noted ? [kept.note ?? ""] : []))
        }
        text += table.render().indented
        text += "\n" + totalsLine(bold: false) + "\n"
        if !plan.notices.isEmpty {
            text += (isPlanOnly ? "Would announce" : "Announced") + " \(plan.notices.count) deletion(s); keep a model with `modelwarden keep MODEL --for \(DeletionNotice.suggestedKeep)`.\n"
        }
        if !reconciled.isEmpty { text += "Judged \(reconciled.count) earlier action(s) left open or unknown.\n" }
        if !journald { text += "journald is not running: this pass is recorded in the database only.\n" }
        return text
    }

    static func describe(_ memory: MemoryReport) -> String {
        guard let sample = memory.sample, let decision = memory.decision else {
            return "Memory: cannot be read (\(memory.error ?? "unknown")); no memory action"
        }
        let info = sample.memInfo
        let percent = info.totalBytes > 0 ? Double(info.availableBytes) / Double(info.totalBytes) * 100 : 0
        var text = "Memory: \(ByteCount(info.availableBytes)) available of \(ByteCount(info.totalBytes)) (\((percent * 10).rounded() / 10)%)"
        if let stall = sample.stall { text += ", PSI some avg10 \(stall.some.avg10)%" }
        text += decision.pressure
            ? ": under pressure (\(decision.signals.map(\.rawValue).joined(separator: ", "))), \(decision.reason.rawValue)" : ": no pressure"
        if let unload = memory.unload {
            text += "\nUnload every model: \(unload.outcome.code.rawValue)"
            if let note = unload.outcome.note ?? unload.outcome.error { text += " (\(note))" }
        }
        return text
    }

    private static func size(_ bytes: Int?) -> String { bytes.map { ByteCount($0).description } ?? "-" }

    /// The same report as Markdown, for tickets and chat.
    public func renderMarkdown() -> String {
        var text = "## \(title)\n\n### \(isPlanOnly ? "Will delete" : "Deleted or attempted")\n\n"
        let header = isPlanOnly ? "| Model | Reason | Rule | Size |\n|---|---|---|---:|\n" : "| Model | Reason | Rule | Size | Outcome |\n|---|---|---|---:|---|\n"
        text += results.isEmpty ? "Nothing.\n" : header
            + results.map {
                "| \(TextTable.markdown($0.action.modelName)) | \($0.action.reason.rawValue) | \(TextTable.markdown($0.action.rule ?? "-")) | \(ByteCount($0.action.expectedBytes)) |"
                    + (isPlanOnly ? "\n" : " \($0.outcome.code.rawValue) |\n")
            }.joined()
        let (stale, others) = keptGroups
        if !stale.isEmpty {
            text += "\n### Going stale soon\n\n| Model | Rule | Due | Note |\n|---|---|---|---|\n"
                + stale.map {
                    "| \(TextTable.markdown($0.modelName)) | \(TextTable.markdown($0.rule ?? "-")) | \($0.comesDueAt.map(RFC3339.format) ?? "-") | \(TextTable.markdown($0.note ?? "")) |\n"
                }.joined()
        }
        text += "\n### Kept\n\n| Model | Reason | Rule | Size | Note |\n|---|---|---|---:|---|\n"
            + others.map {
                "| \(TextTable.markdown($0.modelName)) | \($0.reason.rawValue) | \(TextTable.markdown($0.rule ?? "-")) | \(Self.size($0.bytes)) | \(TextTable.markdown($0.note ?? "")) |\n"
            }.joined()
        text += "\n" + totalsLine(bold: true) + "\n"
        return text
    }
}

extension String {
    /// Each line but an empty one indented by two spaces.
    fileprivate var indented: String {
        // Byte by byte: a line feed is one byte in UTF-8, and no other scalar's bytes hold 0x0A.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count + utf8.count / 8)
        var atLineStart = true
        for byte in utf8 {
            if atLineStart && byte != UInt8(ascii: "\n") {
                bytes.append(UInt8(ascii: " "))
                bytes.append(UInt8(ascii: " "))
            }
            bytes.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension PassReport {
    /// Whether nothing was attempted: `plan`, or a dry run. Its rows have no outcome yet.
    fileprivate var isPlanOnly: Bool { runID == nil || dryRun }

    /// `Would free 6.41 GiB.` for a plan; what was expected, freed and failed for a pass.
    fileprivate func totalsLine(bold: Bool) -> String {
        let expected = bold ? "**\(ByteCount(plan.expectedFreedBytes))**" : ByteCount(plan.expectedFreedBytes).description
        if isPlanOnly { return "Would free \(expected)." }
        return "Expected to free \(expected); freed \(ByteCount(freedBytes)); \(failed) failed\(unverifiedClause)."
    }

    /// `, 2 unverified (the next pass reconciles them)` when verification could not tell.
    fileprivate var unverifiedClause: String {
        unverified == 0 ? "" : ", \(unverified) unverified (the next pass reconciles them)"
    }
}
