import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Decides which LLM caches a pass deletes: a pure function of the snapshot, the journal's
/// usage history, the disk sample, the policy and the time. No I/O, no clock.
public enum StalenessPlanner {
    /// The plan for `snapshot` at `now`.
    ///
    /// A model whose id is listed twice or cannot be sent as one path segment, a cloud model, a
    /// non-LLM, a model downloading, not downloaded or loaded, one no rule matches, a pinned one
    /// and one first seen less than `min_age` ago are always kept. Of the
    /// rest, those unused for their rule's `stale_after` (at exactly `stale_after` included) are
    /// deleted least recently used first; then disk watermarks and `max_llm_cache` evict more
    /// of the rest, least recently used first; all within `max_deletions_per_run`.
    public static func plan(
        snapshot: Models, usage: [String: ModelUsage], disk: DiskSample?, policy: Policy, now: Date
    ) -> Plan {
        var kept: [KeptModel] = []
        var stale: [(Candidate)] = []
        var fresh: [(Candidate)] = []
        let listings = SnapshotScreening.listings(snapshot)
        for model in snapshot.iterable {
            let history = usage[model.id]
            let firstSeen = history?.firstSeen ?? now
            let lastUsed = history?.lastUsed ?? now
            func keep(_ reason: ReasonCode, _ rule: PolicyRule? = nil, staleAt: Date? = nil) {
                let bytes = model.downloaded == true && !model.cloud ? model.bytes?.value : nil
                kept.append(KeptModel(modelID: model.id, modelName: model.name, reason: reason, rule: rule?.name, staleAt: staleAt, bytes: bytes))
            }
            if let reason = SnapshotScreening.setAside(model.id, listings: listings) { keep(reason); continue }
            if let refusal = CacheEligibility.refusal(of: model) { keep(refusal); continue }
            guard let rule = policy.retention.rules.first(where: { matches($0.match, model) }) else { keep(.noRule); continue }
            if rule.keep { keep(.pinned, rule); continue }
            let staleAfter = rule.staleAfter?.seconds ?? .infinity
            let oldEnough = firstSeen.addingTimeInterval(policy.retention.minAge.seconds)
            // A rule without stale_after never makes a model stale.
            let staleAt = staleAfter.isFinite ? max(lastUsed.addingTimeInterval(staleAfter), oldEnough) : nil
            if now < oldEnough { keep(.tooYoung, rule, staleAt: staleAt); continue }
            let candidate = Candidate(model: model, rule: rule, lastUsed: lastUsed, staleAt: staleAt)
            if let staleAt, now >= staleAt { stale.append(candidate) } else { fresh.append(candidate) }
        }

        let byLRU: (Candidate, Candidate) -> Bool = { ($0.lastUsed, $0.model.id) < ($1.lastUsed, $1.model.id) }
        stale.sort(by: byLRU)
        fresh.sort(by: byLRU)
        var limit = max(0, policy.retention.maxDeletionsPerRun)
        var actions: [PlannedAction] = []
        for candidate in stale {
            if limit > 0 {
                actions.append(candidate.action(.stale))
                limit -= 1
            } else {
                kept.append(candidate.kept(.limitReached))
            }
        }

        var remaining = fresh
        if let disk, let high = policy.disk?.highWatermark, let low = policy.disk?.lowWatermark, disk.usedPercent > high {
            let target = Double(disk.totalBytes) * low / 100
            var used = Double(disk.totalBytes) - Double(disk.availableBytes) - Double(ByteCount.sum(actions.map(\.expectedBytes)))
            while used > target, limit > 0, !remaining.isEmpty {
                let candidate = remaining.removeFirst()
                actions.append(candidate.action(.diskWatermark))
                used -= Double(candidate.bytes)
                limit -= 1
            }
        }
        if let cap = policy.disk?.maxLLMCache {
            let deleted = Set(actions.map(\.modelID))
            var cached = ByteCount.sum(
                snapshot.iterable.filter { $0.isLLM && !$0.cloud && $0.downloaded == true && !deleted.contains($0.id) }
                    .map { $0.bytes?.value ?? 0 })
            while cached > cap.bytes, limit > 0, !remaining.isEmpty {
                let candidate = remaining.removeFirst()
                actions.append(candidate.action(.cacheQuota))
                cached -= min(cached, candidate.bytes)
                limit -= 1
            }
        }
        kept += remaining.map { $0.kept(.recentlyUsed) }
        let order = Dictionary(snapshot.iterable.enumerated().map { ($1.id, $0) }, uniquingKeysWith: min)
        kept.sort { (order[$0.modelID] ?? 0) < (order[$1.modelID] ?? 0) }
        return Plan(actions: actions, kept: kept, disk: disk)
    }

    /// Whether `model` meets every condition of `match`; globs are fnmatch(3) patterns.
    public static func matches(_ match: PolicyRule.Match, _ model: Model) -> Bool {
        func glob(_ pattern: String?, _ value: String?) -> Bool {
            guard let pattern else { return true }
            guard let value else { return false }
            return fnmatch(pattern, value, 0) == 0
        }
        let bytes = model.bytes?.value
        return glob(match.name, model.name) && glob(match.id, model.id) && glob(match.unique, model.unique)
            && glob(match.foundation, model.foundation?.rawValue) && glob(match.provider, model.provider?.rawValue)
            && (match.minSize.map { min in bytes.map { $0 >= min.bytes } ?? false } ?? true)
            && (match.maxSize.map { max in bytes.map { $0 <= max.bytes } ?? false } ?? true)
            && (match.custom.map { $0 == (model.custom ?? false) } ?? true)
    }

    private struct Candidate {
        let model: Model
        let rule: PolicyRule
        let lastUsed: Date
        let staleAt: Date?

        var bytes: Int { model.bytes?.value ?? 0 }

        func action(_ reason: ReasonCode) -> PlannedAction {
            PlannedAction(modelID: model.id, modelName: model.name, reason: reason, rule: rule.name, expectedBytes: bytes)
        }

        func kept(_ reason: ReasonCode) -> KeptModel {
            KeptModel(modelID: model.id, modelName: model.name, reason: reason, rule: rule.name, staleAt: staleAt, bytes: bytes)
        }
    }
}
