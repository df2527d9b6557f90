import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Decides which LLM caches a pass deletes: a pure function of the snapshot, the journal's
/// usage history, the disk sample, the policy and the time. No I/O, no clock.
public enum StalenessPlanner {
    /// The plan for `snapshot` at `now`.
    ///
    /// A model whose id is listed twice or cannot be sent as one path segment, a cloud model, a
    /// non-LLM, a model downloading, not downloaded or loaded, one no rule matches, one a pin
    /// protects and one first seen less than `min_age` ago are always kept. Of the rest, those
    /// unused for their rule's `stale_after` (at exactly `stale_after` included) whose notice has
    /// stood for `notice_before` (``NoticeRule``) are deleted least recently used first; then disk
    /// watermarks and `max_llm_cache` evict more of the rest, least recently used first, without
    /// waiting for a notice; all within `max_deletions_per_run`. `notices` are the journal's, by
    /// model id; `observedFrom` is when the snapshot was taken (default `now`).
    public static func plan(
        snapshot: Models, usage: [String: ModelUsage], notices: [String: [DeletionNotice]] = [:], disk: DiskSample?,
        policy: Policy, now: Date, observedFrom: Date? = nil
    ) -> Plan {
        var kept: [KeptModel] = []
        var young: [Candidate] = []
        var stale: [Candidate] = []
        var fresh: [Candidate] = []
        let listings = SnapshotScreening.listings(snapshot)
        let noticeBefore = policy.retention.noticeBefore.seconds
        for model in snapshot.iterable {
            let history = usage[model.id]
            let firstSeen = history?.firstSeen ?? now
            let lastUsed = history?.lastUsed ?? now
            func keep(_ reason: ReasonCode, _ rule: PolicyRule? = nil) {
                let bytes = model.downloaded == true && !model.cloud ? model.bytes?.value : nil
                kept.append(KeptModel(modelID: model.id, modelName: model.name, reason: reason, rule: rule?.name, staleAt: nil, bytes: bytes))
            }
            if let reason = SnapshotScreening.setAside(model.id, listings: listings) { keep(reason); continue }
            func pin(_ rule: PolicyRule) {
                kept[kept.count - 1].pinned = true
                kept[kept.count - 1].pinnedUntil = rule.keepUntil
                kept[kept.count - 1].pinReason = rule.reason
            }
            if let refusal = CacheEligibility.refusal(of: model) {
                // A pin on a model in use still holds for when it is not: say so.
                let holding = [.loaded, .downloading].contains(refusal) ? decidingRule(for: model, in: policy.retention.rules, at: now).0 : nil
                keep(refusal, holding?.keep == true ? holding : nil)
                if let holding, holding.keep { pin(holding) }
                continue
            }
            let (found, pinExpiredAt) = decidingRule(for: model, in: policy.retention.rules, at: now)
            guard let rule = found else { keep(.noRule); kept[kept.count - 1].pinExpiredAt = pinExpiredAt; continue }
            if rule.keep {
                keep(.pinned, rule)
                pin(rule)
                continue
            }
            let oldEnough = firstSeen.addingTimeInterval(policy.retention.minAge.seconds)
            // Non-pin rules always have stale_after (the loader insists).
            // Whole seconds: the stale date keys the journal's notices, and must read back equal.
            let staleAt = Date(timeIntervalSince1970: max(
                lastUsed.addingTimeInterval(rule.staleAfter?.seconds ?? .greatestFiniteMagnitude), oldEnough
            ).timeIntervalSince1970.rounded(.down))
            let timing = NoticeRule.timing(
                staleAt: staleAt, recorded: notices[model.id] ?? [], noticeBefore: noticeBefore, floor: pinExpiredAt,
                observedFrom: observedFrom ?? now, now: now)
            let candidate = Candidate(
                modelID: model.id, modelName: model.name, bytes: model.bytes?.value ?? 0, rule: rule, lastUsed: lastUsed, staleAt: staleAt, timing: timing, pinExpiredAt: pinExpiredAt)
            if now < oldEnough {
                young.append(candidate)
            } else if now >= timing.deletesAt {
                stale.append(candidate)
            } else {
                fresh.append(candidate)
            }
        }

        var schedule = Schedule(limit: max(0, policy.retention.maxDeletionsPerRun), now: now)
        stale.sort(by: Candidate.leastRecentlyUsedFirst)
        fresh.sort(by: Candidate.leastRecentlyUsedFirst)
        for candidate in stale {
            if !schedule.delete(candidate, .stale) { schedule.kept.append(candidate.kept(.limitReached)) }
        }
        var remaining = fresh
        if let disk, let high = policy.disk?.highWatermark, let low = policy.disk?.lowWatermark, disk.usedPercent > high {
            let target = Double(disk.totalBytes) * low / 100
            var used = Double(disk.totalBytes) - Double(disk.availableBytes) - Double(ByteCount.sum(schedule.actions.map(\.expectedBytes)))
            while used > target, !remaining.isEmpty, schedule.delete(remaining[0], .diskWatermark) {
                used -= Double(remaining.removeFirst().bytes)
            }
        }
        if let cap = policy.disk?.maxLLMCache {
            let deleted = Set(schedule.actions.map(\.modelID))
            var cached = ByteCount.sum(
                snapshot.iterable.filter { $0.isLLM && !$0.cloud && $0.downloaded == true && !deleted.contains($0.id) }
                    .map { $0.bytes?.value ?? 0 })
            while cached > cap.bytes, !remaining.isEmpty, schedule.delete(remaining[0], .cacheQuota) {
                cached -= min(cached, remaining.removeFirst().bytes)
            }
        }
        kept += young.map { $0.kept(.tooYoung) } + schedule.kept + remaining.map { $0.kept(now >= $0.staleAt ? .noticePeriod : .recentlyUsed) }
        // In the snapshot's order, each model's place looked up once: looking both up in every
        // comparison hashed 2·n·log n ids, a third of the planner's time at 100,000 models.
        let order = Dictionary(snapshot.iterable.enumerated().map { ($1.id, $0) }, uniquingKeysWith: min)
        kept = kept.map { (order[$0.modelID] ?? 0, $0) }.sorted { $0.0 < $1.0 }.map(\.1)
        // No deletion may happen at all (max_deletions_per_run: 0): announcing one would be false.
        let deletes = policy.retention.maxDeletionsPerRun > 0
        let noticed = deletes ? (young + stale + fresh).filter(\.timing.due).map { $0.notice(.stale, now: now) } : []
        if !deletes { for index in kept.indices { kept[index].deletesAt = nil } }
        return Plan(actions: schedule.actions, kept: kept, disk: disk, notices: schedule.notices(merging: noticed))
    }
}
