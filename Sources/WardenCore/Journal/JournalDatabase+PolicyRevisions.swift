import GRDB

extension JournalDatabase {
    /// Records `revision`; returns it with its id.
    public func record(_ revision: PolicyRevision) throws(JournalError) -> PolicyRevision {
        try write { db in
            var revision = revision
            try revision.insert(db)
            return revision
        }
    }

    /// Every revision, oldest first.
    public func policyRevisions() throws(JournalError) -> [PolicyRevision] {
        try read { db in try PolicyRevision.order(Column("id")).fetchAll(db) }
    }

    /// The latest revision, if any.
    public func latestPolicyRevision() throws(JournalError) -> PolicyRevision? {
        try read { db in try PolicyRevision.order(Column("id").desc).fetchOne(db) }
    }
}
