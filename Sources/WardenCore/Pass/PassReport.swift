import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What one pass did or, for a dry run, would do; `--json` prints it as the design's contract.
public struct PassReport: Sendable {
    /// An action a crash had left open, and how it was closed.
    public struct Reconciled: Encodable, Sendable, Equatable {
        /// The action row.
        public var actionID: Int64
        /// `delete_cache` or `unload_all`.
        public var kind: String
        /// The model, for a cache deletion.
        public var modelID: String?
        /// The outcome it was closed with.
        public var outcome: String
        /// Why.
        public var note: String?

        private enum CodingKeys: String, CodingKey {
            case actionID = "action_id", kind, modelID = "model_id", outcome, note
        }
    }

    /// The run row; nil for `modelwarden plan`, which records nothing.
    public var runID: Int64?
    /// Whether the pass was a dry run.
    public var dryRun: Bool
    /// When the pass ran.
    public var at: Date
    /// Where Pieces OS answered.
    public var piecesURL: String
    /// The effective policy's digest.
    public var policyDigest: String
    /// The plan.
    public var plan: Plan
    /// The actions and how they ended (`planned` in a dry run).
    public var results: [ActionResult]
    /// The memory step, when the pass took one.
    public var memory: MemoryReport?
    /// Models in the snapshot.
    public var models: Int
    /// Models whose state changed since the previous snapshot.
    public var changedModels: Int
    /// Open actions closed at start.
    public var reconciled: [Reconciled]
    /// Journal rows pruned at the end.
    public var pruned: PruneCounts
    /// Whether journald received the pass's entries.
    public var journald: Bool

    /// Bytes the verified deletions freed.
    public var freedBytes: Int { results.reduce(0) { $0 + ($1.outcome.freedBytes ?? 0) } }
    /// Actions that failed.
    public var failed: Int {
        results.count { $0.outcome.code == .failed } + (memory?.unload?.outcome.code == .failed ? 1 : 0)
    }
    /// How the process exits: 1 when an action failed.
    public var failure: FailureCategory? { failed > 0 ? .actionFailed : nil }
}

extension PassReport: Encodable {
    private enum CodingKeys: String, CodingKey {
        case runID = "run_id", dryRun = "dry_run", at, piecesURL = "pieces_url", policyDigest = "policy_digest"
        case memory, disk, actions, kept, expectedFreedBytes = "expected_freed_bytes", freedBytes = "freed_bytes"
        case failed, models, changedModels = "changed_models", reconciled, pruned, journald
    }

    private struct DiskJSON: Encodable {
        let path: String
        let usedPercent: Double
        enum CodingKeys: String, CodingKey { case path, usedPercent = "used_percent" }
    }

    private struct MemoryJSON: Encodable {
        let report: MemoryReport
        enum CodingKeys: String, CodingKey {
            case totalBytes = "total_bytes", availableBytes = "available_bytes", psiSomeAvg10 = "psi_some_avg10"
            case pressure, reason, availableAfterBytes = "available_after_bytes", estimated, error
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(report.sample?.memInfo.totalBytes, forKey: .totalBytes)
            try container.encode(report.sample?.memInfo.availableBytes, forKey: .availableBytes)
            try container.encode(report.sample?.stall?.some.avg10, forKey: .psiSomeAvg10)
            try container.encode(report.decision?.pressure ?? false, forKey: .pressure)
            try container.encode((report.decision?.reason ?? .noSample).rawValue, forKey: .reason)
            try container.encodeIfPresent(report.unload?.availableAfterBytes, forKey: .availableAfterBytes)
            if report.sample?.memInfo.estimated == true { try container.encode(true, forKey: .estimated) }
            try container.encodeIfPresent(report.error, forKey: .error)
        }
    }

    private struct ActionJSON: Encodable {
        var kind = "delete_cache"
        let modelID: String?, modelName: String?, reason: String, rule: String?, expectedBytes: Int
        let outcome: String, httpStatus: Int?, error: String?, freedBytes: Int?, note: String?
        enum CodingKeys: String, CodingKey {
            case kind, modelID = "model_id", modelName = "model_name", reason, rule, expectedBytes = "expected_bytes"
            case outcome, httpStatus = "http_status", error, freedBytes = "freed_bytes", note
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(kind, forKey: .kind)
            try container.encodeIfPresent(modelID, forKey: .modelID)
            try container.encodeIfPresent(modelName, forKey: .modelName)
            try container.encode(reason, forKey: .reason)
            try container.encode(rule, forKey: .rule)
            try container.encode(expectedBytes, forKey: .expectedBytes)
            try container.encode(outcome, forKey: .outcome)
            try container.encodeIfPresent(httpStatus, forKey: .httpStatus)
            try container.encodeIfPresent(error, forKey: .error)
            try container.encodeIfPresent(freedBytes, forKey: .freedBytes)
            try container.encodeIfPresent(note, forKey: .note)
        }
    }

    private struct KeptJSON: Encodable {
        let modelID: String, modelName: String, reason: String, rule: String?, staleAt: String?
        enum CodingKeys: String, CodingKey {
            case modelID = "model_id", modelName = "model_name", reason, rule, staleAt = "stale_at"
        }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(modelID, forKey: .modelID)
            try container.encode(modelName, forKey: .modelName)
            try container.encode(reason, forKey: .reason)
            try container.encode(rule, forKey: .rule)
            try container.encode(staleAt, forKey: .staleAt)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(runID, forKey: .runID)
        try container.encode(dryRun, forKey: .dryRun)
        try container.encode(RFC3339.format(at), forKey: .at)
        try container.encode(piecesURL, forKey: .piecesURL)
        try container.encode(policyDigest, forKey: .policyDigest)
        try container.encode(memory.map(MemoryJSON.init), forKey: .memory)
        try container.encode(plan.disk.map { DiskJSON(path: $0.path, usedPercent: ($0.usedPercent * 10).rounded() / 10) }, forKey: .disk)
        var actions = results.map { result in
            ActionJSON(
                modelID: result.action.modelID, modelName: result.action.modelName, reason: result.action.reason.rawValue,
                rule: result.action.rule, expectedBytes: result.action.expectedBytes, outcome: result.outcome.code.rawValue,
                httpStatus: result.outcome.httpStatus, error: result.outcome.error, freedBytes: result.outcome.freedBytes,
                note: result.outcome.note)
        }
        if let unload = memory?.unload {
            actions.append(ActionJSON(
                kind: "unload_all", modelID: nil, modelName: nil, reason: MemoryReason.memoryPressure.rawValue, rule: nil,
                expectedBytes: unload.expectedBytes, outcome: unload.outcome.code.rawValue, httpStatus: unload.outcome.httpStatus,
                error: unload.outcome.error, freedBytes: unload.outcome.freedBytes, note: unload.outcome.note))
        }
        try container.encode(actions, forKey: .actions)
        try container.encode(plan.kept.map { kept in
            KeptJSON(modelID: kept.modelID, modelName: kept.modelName, reason: kept.reason.rawValue, rule: kept.rule,
                     staleAt: kept.staleAt.map(RFC3339.format))
        }, forKey: .kept)
        try container.encode(plan.expectedFreedBytes, forKey: .expectedFreedBytes)
        try container.encode(freedBytes, forKey: .freedBytes)
        try container.encode(failed, forKey: .failed)
        try container.encode(models, forKey: .models)
        try container.encode(changedModels, forKey: .changedModels)
        try container.encode(reconciled, forKey: .reconciled)
        try container.encode(pruned, forKey: .pruned)
        try container.encode(journald, forKey: .journald)
    }
}
