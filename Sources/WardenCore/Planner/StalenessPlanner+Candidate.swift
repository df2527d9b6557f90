import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension StalenessPlanner {
    /// A model a non-pin rule matched, with everything its decision needs: only the fields it
    /// reads, since a snapshot may hold 20,000 models and a ``Model`` is large.
    struct Candidate {
        let modelID: String
        let modelName: String
        let bytes: Int
        let rule: PolicyRule
        let lastUsed: Date
        let staleAt: Date
        let timing: NoticeRule.Timing
        let pinExpiredAt: Date?

        /// Least recently used first; the id breaks ties so that plans are deterministic.
        static func leastRecentlyUsedFirst(_ a: Candidate, _ b: Candidate) -> Bool {
            (a.lastUsed, a.modelID) < (b.lastUsed, b.modelID)
        }

        func action(_ reason: ReasonCode) -> PlannedAction {
            PlannedAction(
                modelID: modelID, modelName: modelName, reason: reason, rule: rule.name, expectedBytes: bytes, pinExpiredAt: pinExpiredAt, staleAt: staleAt)
        }

        func kept(_ reason: ReasonCode) -> KeptModel {
            KeptModel(
                modelID: modelID, modelName: modelName, reason: reason, rule: rule.name, staleAt: staleAt, bytes: bytes,
                deletesAt: timing.noticedAt == nil ? nil : timing.deletesAt, pinExpiredAt: pinExpiredAt)
        }

        /// The notice of this candidate's deletion for `reason`: when stale, at its timing; an
        /// eviction, which does not wait, is announced and done at `now`.
        func notice(_ reason: ReasonCode, now: Date) -> DeletionNotice {
            let stale = reason == .stale
            return DeletionNotice(
                modelID: modelID, modelName: modelName, rule: rule.name, reason: reason, staleAt: staleAt,
                deletesAt: stale ? timing.deletesAt : now, noticedAt: stale ? timing.noticedAt ?? now : now, bytes: bytes)
        }
    }

    /// The deletions of one plan within `max_deletions_per_run`, and the notices evictions need.
    struct Schedule {
        /// Deletions still allowed.
        var limit: Int
        let now: Date
        var actions: [PlannedAction] = []
        /// Stale candidates the limit kept.
        var kept: [KeptModel] = []
        private var evictionNotices: [DeletionNotice] = []

        init(limit: Int, now: Date) {
            self.limit = limit
            self.now = now
        }

        /// Deletes `candidate` for `reason` when the limit allows; false when it does not.
        ///
        /// An eviction (`disk_watermark`, `cache_quota`) does not wait for a notice, but one
        /// without a notice on record gets one, so that every deletion was announced.
        mutating func delete(_ candidate: Candidate, _ reason: ReasonCode) -> Bool {
            guard limit > 0 else { return false }
            limit -= 1
            actions.append(candidate.action(reason))
            if reason != .stale, candidate.timing.noticedAt == nil || candidate.timing.due {
                evictionNotices.append(candidate.notice(reason, now: now))
            }
            return true
        }

        /// The notices to record: `stale` ones due, each replaced by its model's eviction notice.
        func notices(merging stale: [DeletionNotice]) -> [DeletionNotice] {
            let evicted = Set(evictionNotices.map(\.modelID))
            return stale.filter { !evicted.contains($0.modelID) } + evictionNotices
        }
    }
}
