#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// When a stale cache may go, given its notices: the rule that lets owners stop a deletion in
/// time. A pure function; the planner applies it to every candidate.
///
/// With `notice_before` N, a candidate stale at S gets one notice once the time is within N of
/// S, and is deleted as stale no sooner than N after that notice: at S when the notice came on
/// time, later when a pass first saw it already stale (a fresh install, a pin that expired, a
/// policy that moved S). A notice counts only for the stale date it announced, until a deletion
/// or a new pin spends it, and, after a pin expired, only when given after the expiry, so that
/// every pin ends with a full notice period.
public enum NoticeRule {
    /// What the rule says of one candidate.
    public struct Timing: Hashable, Sendable {
        /// The earliest time the cache may be deleted as stale.
        public var deletesAt: Date
        /// When its notice was given; nil while none is due yet.
        public var noticedAt: Date?
        /// Whether the notice is due and not recorded: this pass gives it.
        public var due: Bool
    }

    /// The timing of a candidate stale at `staleAt`.
    ///
    /// - Parameters:
    ///   - recorded: the journal's notices for the model that a deletion or a pin has not spent.
    ///   - noticeBefore: `retention.notice_before`; zero turns notices off.
    ///   - floor: notices before this do not count (the expiry of a pin that matched the model).
    ///   - observedFrom: the time of the snapshot; passes are assumed to run from then to `now`,
    ///     so a forecast (`plan --at`) gives each notice when it falls due rather than at `now`.
    public static func timing(
        staleAt: Date, recorded: [DeletionNotice], noticeBefore: TimeInterval, floor: Date?, observedFrom: Date, now: Date
    ) -> Timing {
        guard noticeBefore > 0 else { return Timing(deletesAt: staleAt, noticedAt: nil, due: false) }
        // Only a stale notice counts: an eviction's does not announce the stale date. One given
        // after `now` (a forecast into the past) neither. (`recorded` holds no spent notice.)
        let valid = recorded.filter { notice in
            notice.reason == .stale && notice.staleAt == staleAt
                && notice.noticedAt >= (floor ?? .distantPast) && notice.noticedAt <= now
        }
        if let first = valid.min(by: { $0.noticedAt < $1.noticedAt }) {
            return Timing(deletesAt: max(staleAt, first.noticedAt.addingTimeInterval(noticeBefore)), noticedAt: first.noticedAt, due: false)
        }
        let dueAt = [staleAt.addingTimeInterval(-noticeBefore), min(observedFrom, now), floor ?? .distantPast].max() ?? now
        let deletesAt = max(staleAt, dueAt.addingTimeInterval(noticeBefore))
        guard dueAt <= now else { return Timing(deletesAt: deletesAt, noticedAt: nil, due: false) }
        return Timing(deletesAt: deletesAt, noticedAt: dueAt, due: true)
    }
}
