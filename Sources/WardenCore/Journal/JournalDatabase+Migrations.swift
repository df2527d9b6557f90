import GRDB

extension JournalDatabase {
    /// The schema's history. A shipped migration is never changed: a new schema is a new
    /// migration appended at the end.
    public static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // One row per snapshot taken: by `status`, a pass, or a dry run.
            try db.execute(sql: """
                CREATE TABLE run (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    started_at REAL NOT NULL,
                    finished_at REAL,
                    pieces_url TEXT,
                    policy_digest TEXT,
                    model_count INTEGER,
                    changed_models INTEGER,
                    exit_status INTEGER,
                    journald INTEGER,
                    note TEXT
                );
                CREATE INDEX run_started_at ON run(started_at);

                -- What modelwarden knows of each model; changes only, so an unchanged snapshot
                -- writes nothing here. last_seen is set when a model leaves the snapshot.
                CREATE TABLE model_usage (
                    model_id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    cloud INTEGER NOT NULL,
                    llm INTEGER NOT NULL,
                    present INTEGER NOT NULL,
                    first_seen REAL NOT NULL,
                    last_seen REAL,
                    last_loaded REAL,
                    last_scored REAL,
                    bytes INTEGER,
                    downloaded INTEGER,
                    downloading INTEGER,
                    loaded INTEGER,
                    score TEXT
                ) WITHOUT ROWID;

                CREATE TABLE model_change (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id INTEGER NOT NULL REFERENCES run(id),
                    model_id TEXT NOT NULL,
                    at REAL NOT NULL,
                    field TEXT NOT NULL,
                    old_value TEXT,
                    new_value TEXT
                );
                CREATE INDEX model_change_model ON model_change(model_id, at);
                CREATE INDEX model_change_at ON model_change(at);
                CREATE INDEX model_change_run ON model_change(run_id);

                -- Destructive actions: an intent row is committed before the call, its outcome after.
                CREATE TABLE action (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    run_id INTEGER NOT NULL REFERENCES run(id),
                    kind TEXT NOT NULL,
                    model_id TEXT,
                    model_name TEXT,
                    reason TEXT NOT NULL,
                    rule TEXT,
                    dry_run INTEGER NOT NULL DEFAULT 0,
                    expected_bytes INTEGER,
                    intent_at REAL NOT NULL,
                    outcome TEXT,
                    outcome_at REAL,
                    http_status INTEGER,
                    error TEXT,
                    freed_bytes INTEGER,
                    note TEXT
                );
                CREATE INDEX action_open ON action(id) WHERE outcome IS NULL;
                CREATE INDEX action_intent_at ON action(intent_at);
                CREATE INDEX action_run ON action(run_id);

                CREATE TABLE policy_revision (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    uid INTEGER,
                    user TEXT,
                    file TEXT,
                    digest_before TEXT,
                    digest_after TEXT,
                    diff TEXT,
                    source TEXT NOT NULL
                );
                CREATE INDEX policy_revision_at ON policy_revision(at);
                """)
        }
        migrator.registerMigration("v2") { db in
            // The effective policy after each revision, so a pass can tell a change made by
            // hand from one recorded by `policy set`/`edit`, and diff it.
            try db.execute(sql: """
                ALTER TABLE policy_revision ADD COLUMN policy_digest TEXT;
                ALTER TABLE policy_revision ADD COLUMN policy_text TEXT;
                """)
        }
        migrator.registerMigration("v3") { db in
            // Rows written through Codable records stored times as GRDB's default text; the
            // schema and the queries use Unix seconds. Convert what is text.
            let columns = [
                ("model_usage", "first_seen"), ("model_usage", "last_seen"), ("model_usage", "last_loaded"),
                ("model_usage", "last_scored"), ("policy_revision", "at"),
            ]
            for (table, column) in columns {
                try db.execute(sql: """
                    UPDATE \(table) SET \(column) = (julianday(\(column)) - 2440587.5) * 86400.0
                    WHERE typeof(\(column)) = 'text'
                    """)
            }
        }
        migrator.registerMigration("v4") { db in
            // Pieces OS's own process, measured with each snapshot (NULL when it could not be
            // found), and its RSS around an unload, beside the MemAvailable the note gives.
            try db.execute(sql: """
                ALTER TABLE run ADD COLUMN pieces_pid INTEGER;
                ALTER TABLE run ADD COLUMN pieces_rss_bytes INTEGER;
                ALTER TABLE run ADD COLUMN pieces_swap_bytes INTEGER;
                ALTER TABLE action ADD COLUMN pieces_rss_before_bytes INTEGER;
                ALTER TABLE action ADD COLUMN pieces_rss_after_bytes INTEGER;
                """)
        }
        migrator.registerMigration("v5") { db in
            // Notices of deletion: one per model and stale date, so a stale cache goes no
            // sooner than `notice_before` after its owner was told.
            try db.execute(sql: """
                CREATE TABLE deletion_notice (
                    id INTEGER PRIMARY KEY,
                    run_id INTEGER,
                    model_id TEXT NOT NULL,
                    model_name TEXT NOT NULL,
                    rule TEXT,
                    reason TEXT NOT NULL,
                    bytes INTEGER NOT NULL,
                    stale_at REAL NOT NULL,
                    deletes_at REAL NOT NULL,
                    noticed_at REAL NOT NULL,
                    spent_at REAL,
                    UNIQUE (model_id, stale_at)
                );
                CREATE INDEX deletion_notice_noticed_at ON deletion_notice(noticed_at);
                """)
        }
        migrator.registerMigration("v6", migrate: observationSchema)
        migrator.registerMigration("v7") { db in
            // The listening socket Pieces OS's process held, so that the next pass finds the
            // process from its pid and this inode without reading the socket tables.
            try db.execute(sql: "ALTER TABLE run ADD COLUMN pieces_socket_inode INTEGER")
        }
        // Indexes only, so this migration skips GRDB's check of every foreign key in the file
        // (a row someone orphaned by hand must not stop it; earlier migrations still check).
        migrator.registerMigration("v8", foreignKeyChecks: .immediate) { db in
            // What the statements every pass or metrics refresh runs need so that none reads
            // a whole table as the journal grows (HistoryQuery): the actions still open or
            // unknown, the latest run that found the process, the unspent notices, and the
            // live (not dry-run) actions. action_open, for `outcome IS NULL` alone, has no
            // statement left. Each name is dropped first, so that an index left by a
            // downgrade undone halfway (docs/journal.md) or made by hand does not stop it.
            try db.execute(sql: """
                DROP INDEX IF EXISTS action_unsettled;
                CREATE INDEX action_unsettled ON action(id) WHERE outcome IS NULL OR outcome = 'unknown';
                DROP INDEX IF EXISTS run_listening_socket;
                CREATE INDEX run_listening_socket ON run(pieces_url, id)
                    WHERE pieces_pid IS NOT NULL AND pieces_socket_inode IS NOT NULL;
                DROP INDEX IF EXISTS deletion_notice_unspent;
                CREATE INDEX deletion_notice_unspent ON deletion_notice(noticed_at, id) WHERE spent_at IS NULL;
                DROP INDEX IF EXISTS action_live;
                CREATE INDEX action_live ON action(kind, outcome, freed_bytes) WHERE dry_run = 0;
                DROP INDEX IF EXISTS action_open;
                """)
        }
        return migrator
    }()
}
