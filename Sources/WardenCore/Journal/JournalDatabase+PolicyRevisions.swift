import GRDB

extension JournalDatabase {
    /// Records `revision`; returns it with its id.
    public func record(_ revision: PolicyRevision) throws(JournalError) -> PolicyRevision {
        try write(durable: true) { db in
            var revision = revision
            try revision.insert(db)
            return revision
        }
    }

    /// Records the revision `make` builds from the latest one, if it builds one, in one write
    /// transaction: no other process records a revision between `make` reading the latest and
    /// the insert, so what `make` checks (the policy files on disk) stays ordered with it.
    public func recordRevision(_ make: (_ latest: PolicyRevision?) -> PolicyRevision?) throws(JournalError) -> PolicyRevision? {
        try write(durable: true) { db in
            let latest = try PolicyRevision.order(Column("id").desc).fetchOne(db)
            guard var revision = make(latest) else { return nil }
            try revision.insert(db)
            return revision
        }
    }

    /// Every revision, oldest first.
    public func policyRevisions() throws(JournalError) -> [PolicyRevision] {
        try read { db in try PolicyRevision.order(Column("id")).fetchAll(db) }
    }

    /// The effective policy's digest after the latest revision, if any: what every pass
    /// compares, without decoding the revision's text and diff.
    public func latestPolicyDigest() throws(JournalError) -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT policy_digest FROM policy_revision ORDER BY id DESC LIMIT 1") }
    }

    /// The latest revision, if any.
    public func latestPolicyRevision() throws(JournalError) -> PolicyRevision? {
        try read { db in try PolicyRevision.order(Column("id").desc).fetchOne(db) }
    }
}
