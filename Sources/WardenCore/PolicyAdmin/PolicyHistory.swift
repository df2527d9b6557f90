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
    /// nothing changed, and when `effective` is stale: the files no longer give it (a `policy
    /// set` or an edit saved since the pass loaded it), so recording it would revert that
    /// change in the history (a phantom `pass` revision) until the next pass re-applied it.
    ///
    /// The files are read again inside the journal's write transaction. `set` writes its file
    /// before it records its revision, so either this read sees the new file (and records
    /// nothing), or the set's revision waits for this transaction and comes after it. A
    /// revision recorded since this pass looked is left for the next pass to compare with.
    public func noticeChange(of effective: LoadedPolicy, by actor: @autoclosure () -> PolicyActor, at now: Date) throws -> PolicyRevision? {
        // The usual case, an unchanged policy, costs one read of one column and nothing else.
        guard try journal.latestPolicyDigest() != effective.digest else { return nil }
        let seen = try journal.latestPolicyRevision()
        guard seen?.policyDigest != effective.digest else { return nil }
        // The diff and the user database are read outside the write transaction, which other
        // processes wait on; inside it, only whether anything changed meanwhile.
        let text = effective.policy.canonicalText
        let files = effective.files.isEmpty ? BuiltInPolicy.origin : effective.files.joined(separator: ", ")
        let name = "(effective policy)"
        let actor = actor()
        let revision = PolicyRevision(
            at: now, uid: actor.uid, user: actor.name, file: files,
            digestBefore: seen?.policyDigest, digestAfter: effective.digest,
            diff: UnifiedDiff.make(old: seen?.policyText ?? "", new: text, oldName: seen == nil ? "/dev/null" : name, newName: name),
            source: seen == nil ? .baseline : .pass, policyDigest: effective.digest, policyText: text)
        let recorded = try journal.recordRevision { latest in
            guard latest?.policyDigest == seen?.policyDigest, effective.isCurrent() else { return nil }
            return revision
        }
        return recorded.map(announce)
    }

    private func record(_ revision: PolicyRevision) throws -> PolicyRevision {
        announce(try journal.record(revision))
    }

    /// Sends POLICY_CHANGED for a revision recorded; returns it.
    private func announce(_ revision: PolicyRevision) -> PolicyRevision {
        let how = switch revision.source {
        case .set: "policy set"
        case .edit: "policy edit"
        case .keep: "keep"
        case .unkeep: "unkeep"
        case .pass: "a change by hand, found by a pass"
        case .baseline: "the first pass (baseline)"
        }
        events.send(JournalEntry(
            .policyChanged, "policy changed: \(revision.file) by \(revision.user) (\(how))",
            fields: [.policyFile: revision.file, .policyDigest: revision.policyDigest, .revision: String(revision.id ?? 0)]))
        return revision
    }
}
