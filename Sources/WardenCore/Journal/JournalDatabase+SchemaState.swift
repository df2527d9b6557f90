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

    /// Reads where `db`'s schema stands with two plain queries. GRDB's migrator answers the same
    /// (`hasBeenSuperseded`, `migrate`) but first reads and caches the schema, which at every
    /// open of a one-shot pass cost more than the pass's own queries.
    static func schemaState(of db: Database) throws -> SchemaState {
        let table = try Bool.fetchOne(
            db, sql: "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'grdb_migrations'") ?? false
        let applied = table ? Set(try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")) : []
        let registered = Set(migrator.migrations)
        if !applied.isSubset(of: registered) { return .newer }
        return applied == registered ? .current : .behind
    }
}
