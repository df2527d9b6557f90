import GRDB

extension JournalDatabase {
    /// Where a journal's schema stands against the migrations this build registers.
    enum SchemaState: Equatable {
        /// Every registered migration applied, and nothing else: the common case at every open.
        case current
        /// Some registered migrations still to apply (a new file, or an older modelwarden's).
        case behind
        /// Migrations this build does not know: a newer modelwarden wrote it.
        case newer
    }

    /// Reads where `db`'s schema stands with one plain query, as GRDB's migrator reads its
    /// list: asking the migrator (`hasBeenSuperseded`, `migrate`) beside GRDB's `tableExists` at
    /// every open read and cached the whole schema, which cost a one-shot pass more than its own
    /// queries. A list under any casing of the name, or a view, counts, as SQLite resolves it.
    static func schemaState(of db: Database) throws -> SchemaState {
        let applied: Set<String>
        do {
            applied = Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"))
        } catch {
            // Only a file without the list (a new one) has applied nothing.
            let listed = try Bool.fetchOne(db, sql: """
                SELECT 1 FROM sqlite_master WHERE type IN ('table', 'view') AND name = 'grdb_migrations' COLLATE NOCASE
                """) ?? false
            if listed { throw error }
            applied = []
        }
        let registered = Set(migrator.migrations)
        if !applied.isSubset(of: registered) { return .newer }
        return applied == registered ? .current : .behind
    }
}
