import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension PassReport: Encodable {
    public func encode(to encoder: any Encoder) throws {
        try JSONView(self).encode(to: encoder)
    }

    /// The `--json` object README documents; keys are these names in snake_case.
    private struct JSONView: Encodable {
        @JSONNull var runID: Int64?
        var dryRun: Bool
        var at: Date
        var piecesURL: String
        var policyDigest: String
        @JSONNull var memory: Memory?
        @JSONNull var piecesProcess: PiecesProcess?
        var piecesProcessReason: PiecesProcessAbsence?
        @JSONNull var disk: Disk?
        var actions: [Action]
        var kept: [Kept]
        var notices: [DeletionNotice]
        var expectedFreedBytes: Int
        var freedBytes: Int
        var failed: Int
        var unverified: Int
        var models: Int
        var changedModels: Int
        var reconciled: [Reconciled]
        var pruned: PruneCounts
        var journald: Bool

        init(_ report: PassReport) {
            runID = report.runID
            dryRun = report.dryRun
            at = report.at
            piecesURL = report.piecesURL
            policyDigest = report.policyDigest
            memory = report.memory.map(Memory.init)
            piecesProcess = report.piecesProcess?.process
            piecesProcessReason = report.piecesProcess?.absence
            disk = report.plan.disk.map { Disk(path: $0.path, usedPercent: ($0.usedPercent * 10).rounded() / 10) }
            actions = report.results.map(Action.init)
            if let unload = report.memory?.unload { actions.append(Action(unload)) }
            kept = report.plan.kept.map(Kept.init)
            notices = report.plan.notices
            expectedFreedBytes = report.plan.expectedFreedBytes
            freedBytes = report.freedBytes
            failed = report.failed
            unverified = report.unverified
            models = report.models
            changedModels = report.changedModels
            reconciled = report.reconciled
            pruned = report.pruned
            journald = report.journald
        }
    }

    private struct Disk: Encodable, Equatable, Sendable {
        var path: String
        var usedPercent: Double
    }

    private struct Memory: Encodable, Equatable, Sendable {
        @JSONNull var totalBytes: Int?
        @JSONNull var availableBytes: Int?
        @JSONNull var psiSomeAvg10: Double?
        var pressure: Bool
        var reason: String
        var signals: [PressureSignal]
        var availableAfterBytes: Int?
        var piecesRSSAfterBytes: Int?
        var estimated: Bool?
        var error: String?

        init(_ report: MemoryReport) {
            totalBytes = report.sample?.memInfo.totalBytes
            availableBytes = report.sample?.memInfo.availableBytes
            psiSomeAvg10 = report.sample?.stall?.some.avg10
            pressure = report.decision?.pressure ?? false
            reason = (report.decision?.reason ?? .noSample).rawValue
            signals = report.decision?.signals ?? []
            availableAfterBytes = report.unload?.availableAfterBytes
            piecesRSSAfterBytes = report.unload?.piecesRSSAfterBytes
            estimated = report.sample?.memInfo.estimated == true ? true : nil
            error = report.error
        }
    }

    private struct Action: Encodable {
        var kind: String
        var modelID: String?
        var modelName: String?
        var reason: String
        @JSONNull var rule: String?
        var expectedBytes: Int
        var outcome: String
        var httpStatus: Int?
        var error: String?
        var freedBytes: Int?
        var note: String?
        var pinExpiredAt: Date?

        init(_ result: ActionResult) {
            self.init(kind: .deleteCache, reason: result.action.reason.rawValue, expectedBytes: result.action.expectedBytes, result.outcome)
            modelID = result.action.modelID
            modelName = result.action.modelName
            rule = result.action.rule
            pinExpiredAt = result.action.pinExpiredAt
        }

        init(_ unload: MemoryReport.UnloadResult) {
            self.init(kind: .unloadAll, reason: MemoryReason.memoryPressure.rawValue, expectedBytes: unload.expectedBytes, unload.outcome)
        }

        private init(kind: ActionIntent.Kind, reason: String, expectedBytes: Int, _ outcome: ActionOutcome) {
            self.kind = kind.rawValue
            self.reason = reason
            self.expectedBytes = expectedBytes
            self.outcome = outcome.code.rawValue
            httpStatus = outcome.httpStatus
            error = outcome.error
            freedBytes = outcome.freedBytes
            note = outcome.note
        }
    }

    private struct Kept: Encodable {
        var modelID: String
        var modelName: String
        var reason: String
        @JSONNull var rule: String?
        @JSONNull var staleAt: Date?
        var deletesAt: Date?
        var pinnedUntil: Date?
        var pinReason: String?
        var pinExpiredAt: Date?

        init(_ kept: KeptModel) {
            modelID = kept.modelID
            modelName = kept.modelName
            reason = kept.reason.rawValue
            rule = kept.rule
            staleAt = kept.staleAt
            deletesAt = kept.deletesAt
            pinnedUntil = kept.pinnedUntil
            pinReason = kept.pinReason
            pinExpiredAt = kept.pinExpiredAt
        }
    }
}
