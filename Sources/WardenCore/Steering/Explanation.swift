import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `modelwarden why MODEL`: everything one model's decision used, as `plan` makes it.
public struct Explanation: Encodable, Sendable {
    /// One rule, and what it did for the model.
    public struct RuleStep: Encodable, Sendable {
        /// The rule's name.
        public var rule: String
        /// Where it is written, `file:line:column`.
        @JSONNull public var origin: String?
        /// `matched`, `skipped` or `not_reached`.
        public var verdict: String
        /// Why.
        public var detail: String
    }

    /// The model's id.
    public var modelID: String
    /// Its name.
    public var modelName: String
    /// Its state in words: `local LLM, downloaded, not loaded, 4.21 GiB`.
    public var state: String
    /// `delete_cache` or `keep`, as the plan says.
    public var decision: String
    /// The reason code, the same as `plan` gives.
    public var reason: String
    /// The rule the plan names.
    @JSONNull public var rule: String?
    /// Every rule in evaluation order.
    public var rules: [RuleStep]
    /// When modelwarden first saw the model.
    @JSONNull public var firstSeen: Date?
    /// When it was last used (else first seen).
    @JSONNull public var lastUsed: Date?
    /// The evidence of use: the last snapshot that showed it loaded.
    @JSONNull public var lastLoaded: Date?
    /// The evidence of use: the last snapshot whose score counters rose.
    @JSONNull public var lastScored: Date?
    /// `retention.min_age`, and the rule's `stale_after`.
    public var minAge: String
    /// The deciding rule's `stale_after`.
    @JSONNull public var staleAfter: String?
    /// When it goes stale.
    @JSONNull public var staleAt: Date?
    /// `retention.notice_before`.
    public var noticeBefore: String
    /// When its notice was (or would be) given.
    @JSONNull public var noticedAt: Date?
    /// Whether the notice is due and not given yet: the next live pass gives it.
    public var noticeDue: Bool
    /// When its cache is deleted, once announced.
    @JSONNull public var deletesAt: Date?
    /// Until when a pin protects it.
    @JSONNull public var pinnedUntil: Date?
    /// The pin's reason.
    @JSONNull public var pinReason: String?
    /// When a pin on it expired.
    @JSONNull public var pinExpiredAt: Date?
    /// The disk watermark, cache cap and per-run limit, in words.
    public var limits: [String]
    /// Pieces OS's own process, in words (pid, resident and swapped bytes), or why it was not found.
    @JSONNull public var piecesProcess: String?
    /// Its resident bytes, when it was found.
    @JSONNull public var piecesRSSBytes: Int?
    /// The latest changes, actions and notices, newest first.
    public var history: [ModelEvent]
    /// The plan's time.
    public var at: Date

    /// Explains `model` under `loaded` at the plan's time `now`.
    public static func of(
        _ model: Model, plan: Plan, loaded: LoadedPolicy, usage: ModelUsage?, notices: [DeletionNotice], history: [ModelEvent],
        pieces: PiecesProcessReading? = nil, now: Date
    ) -> Explanation {
        let policy = loaded.policy
        let action = plan.actions.first { $0.modelID == model.id }
        let kept = plan.kept.first { $0.modelID == model.id }
        let (deciding, _) = StalenessPlanner.decidingRule(for: model, in: policy.retention.rules, at: now)
        // Only a notice of the stale date the plan uses counts; a pinned model has none.
        let relevant = action != nil ? notices : kept?.staleAt.map { staleAt in notices.filter { $0.staleAt == staleAt } } ?? []
        let due = plan.notices.first { $0.modelID == model.id }
        let notice = due ?? relevant.max { $0.noticedAt < $1.noticedAt }
        return Explanation(
            modelID: model.id, modelName: model.name, state: describeState(model), decision: action == nil ? "keep" : "delete_cache",
            reason: (action?.reason ?? kept?.reason ?? .noRule).rawValue, rule: action?.rule ?? kept?.rule,
            rules: trace(model, policy.retention.rules, origins: loaded.origins, now: now), firstSeen: usage?.firstSeen, lastUsed: usage?.lastUsed,
            lastLoaded: usage?.lastLoaded, lastScored: usage?.lastScored, minAge: PolicyUnits.describe(policy.retention.minAge),
            staleAfter: deciding?.staleAfter.map(PolicyUnits.describe), staleAt: kept?.staleAt ?? action?.staleAt,
            noticeBefore: PolicyUnits.describe(policy.retention.noticeBefore), noticedAt: notice?.noticedAt, noticeDue: due != nil,
            deletesAt: kept?.deletesAt ?? notice?.deletesAt, pinnedUntil: kept?.pinnedUntil, pinReason: kept?.pinReason,
            pinExpiredAt: kept?.pinExpiredAt ?? action?.pinExpiredAt, limits: limits(plan: plan, policy: policy, action: action),
            piecesProcess: pieces.flatMap { PiecesProcess.line($0.process, absence: $0.absence) },
            piecesRSSBytes: pieces?.process?.rssBytes, history: history, at: now)
    }

    /// Each rule in evaluation order: skipped (with the condition that failed, or the expired
    /// pin), matched, or not reached after the match.
    static func trace(_ model: Model, _ rules: [PolicyRule], origins: [String: PolicyOrigin], now: Date) -> [RuleStep] {
        var decided = false
        return rules.enumerated().map { index, rule in
            func step(_ verdict: String, _ detail: String) -> RuleStep {
                RuleStep(rule: rule.name, origin: origins[PolicyKey.rulePath(index)]?.description, verdict: verdict, detail: detail)
            }
            if decided { return step("not_reached", "an earlier rule matched") }
            if let mismatch = StalenessPlanner.mismatch(rule.match, model) { return step("skipped", mismatch) }
            if let expiry = rule.pinExpiry(at: now) { return step("skipped", "pin expired on \(HumanTime.describe(expiry))") }
            decided = true
            if rule.keep { return step("matched", rule.keepUntil.map { "pin until \(HumanTime.describe($0))" } ?? "pin for good") }
            return step("matched", "stale_after \(rule.staleAfter.map(PolicyUnits.describe) ?? "-")")
        }
    }
}
