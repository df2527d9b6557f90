#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Records policy revisions in the journal database and announces them to journald.
public struct PolicyHistory: Sendable {
    /// The journal database.
    public let journal: JournalDatabase
    /// Where POLICY_CHANGED goes.
    public let events: any EventSink

    /// Creates a history over `journal`.
    public init(journal: JournalDatabase, events: any EventSink) {
        self.journal = journal
        self.events = events
    }

    /// Records the change of one file made by `policy set` or `policy edit`.
    public func recordFileChange(
        file: String, before: String?, after: String, source: PolicyRevision.Source, effective: LoadedPolicy,
        by actor: PolicyActor, at now: Date
    ) throws -> PolicyRevision {
        let diff = UnifiedDiff.make(old: before ?? "", new: after, oldName: before == nil ? "/dev/null" : file, newName: file)
        return try record(PolicyRevision(
            at: now, uid: actor.uid, user: actor.name, file: file, digestBefore: before.map { PolicyDigest.digest(of: $0) }, digestAfter: PolicyDigest.digest(of: after),
            diff: diff, source: source, policyDigest: effective.digest, policyText: effective.policy.canonicalText))
    }

    /// Records a revision when the effective policy differs from the last one recorded: a
    /// change by hand, found by a pass. The first pass records the baseline. Returns nil when
    /// nothing changed.
    public func noticeChange(of effective: LoadedPolicy, by actor: @autoclosure () -> PolicyActor, at now: Date) throws -> PolicyRevision? {
        let latest = try journal.latestPolicyRevision()
        guard latest?.policyDigest != effective.digest else { return nil }
        let text = effective.policy.canonicalText
        let actor = actor()  // the user database is read only when there is something to record
        let files = effective.files.isEmpty ? BuiltInPolicy.origin : effective.files.joined(separator: ", ")
        let name = "(effective policy)"
        return try record(PolicyRevision(
            at: now, uid: actor.uid, user: actor.name, file: files,
            digestBefore: latest?.policyDigest, digestAfter: effective.digest,
            diff: UnifiedDiff.make(old: latest?.policyText ?? "", new: text, oldName: latest == nil ? "/dev/null" : name, newName: name),
            source: latest == nil ? .baseline : .pass, policyDigest: effective.digest, policyText: text))
    }

    private func record(_ revision: PolicyRevision) throws -> PolicyRevision {
        let recorded = try journal.record(revision)
        let how = switch revision.source {
        case .set: "policy set"
        case .edit: "policy edit"
        case .pass: "a change by hand, found by a pass"
        case .baseline: "the first pass (baseline)"
        }
        events.send(JournalEntry(
            .policyChanged, "policy changed: \(revision.file) by \(revision.user) (\(how))",
            fields: [.policyFile: revision.file, .policyDigest: revision.policyDigest, .revision: String(recorded.id ?? 0)]))
        return recorded
    }
}
