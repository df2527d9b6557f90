import GRDB

extension JournalDatabase {
    /// Migration v6: what metrics and reports read besides the rows the passes already wrote.
    static func observationSchema(_ db: Database) throws {
        try db.execute(sql: """
            -- How long each run took by the monotonic clock (finished_at is the pass's own clock,
            -- which tests and --now move).
            ALTER TABLE run ADD COLUMN duration_seconds REAL;

            -- MemAvailable around an unload, beside Pieces OS's RSS (the note says it in words).
            ALTER TABLE action ADD COLUMN mem_available_before_bytes INTEGER;
            ALTER TABLE action ADD COLUMN mem_available_after_bytes INTEGER;

            -- Closed live actions the prune removed, so that totals since the journal began
            -- (the Prometheus counters) never go down.
            CREATE TABLE action_tally (
                kind TEXT NOT NULL,
                outcome TEXT NOT NULL,
                actions INTEGER NOT NULL,
                freed_bytes REAL NOT NULL,
                PRIMARY KEY (kind, outcome)
            ) WITHOUT ROWID;

            -- What the latest plan foresees for the models it pins or will delete; replaced by
            -- each run that plans.
            CREATE TABLE outlook (
                model_id TEXT PRIMARY KEY,
                run_id INTEGER,
                model_name TEXT NOT NULL,
                rule TEXT,
                reason TEXT NOT NULL,
                bytes INTEGER,
                pinned INTEGER NOT NULL,
                pinned_until REAL,
                pin_reason TEXT,
                stale_at REAL,
                deletes_at REAL
            ) WITHOUT ROWID;
            """)
    }
}
