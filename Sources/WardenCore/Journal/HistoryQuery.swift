/// The statements every pass runs (and the metrics' totals) against the tables that grow
/// with the journal's history: runs, actions, model changes, notices, policy revisions. Each
/// one searches an index for the rows it wants, or reads an index that holds only rows whose
/// number does not grow with the passes (the open actions, the unspent notices, the live
/// actions), instead of reading the table, so a pass costs the same on a journal that holds
/// 180 days (journal.keep) as on a new one. JournalQueryPlanTests holds each to that with
/// EXPLAIN QUERY PLAN. Where a LIMIT can cut through rows of the same time (a pass writes all
/// its rows at its own `now`), the id breaks the tie, so that two statements with the same
/// subquery pick the same rows whatever plan SQLite chooses.
enum HistoryQuery: CaseIterable {
    /// Actions whose outcome a crash never wrote, or is still `unknown`, oldest first
    /// (index action_unsettled, migration v8).
    case openActions
    /// The latest run against a URL that found Pieces OS's process and its listening socket
    /// (index run_listening_socket, migration v8).
    case lastListeningSocket
    /// The notices not yet spent, oldest first (index deletion_notice_unspent, migration v8).
    case unspentNotices
    /// When the last live (not dry-run) unload was attempted (index action_live).
    case lastLiveUnload
    /// The live actions closed, by kind and outcome, with those the prune folded into the
    /// tally (index action_live: live actions are real deletions and unloads, not passes).
    case liveActionTotals
    /// Change-log rows older than a cutoff (?1), at most ?2, oldest first.
    case pruneChanges
    /// Adds the live actions `pruneClosedActions` is about to remove to the all-time tally.
    case tallyClosedActions
    /// Closed actions older than a cutoff (?1), at most ?2.
    case pruneClosedActions
    /// Runs older than a cutoff (?1) that no row refers to, at most ?2; the latest run stays.
    case pruneRuns
    /// Policy revisions older than a cutoff (?1), at most ?2; the latest stays whatever its age.
    case pruneRevisions
    /// Notices whose deletion date and notice are both older than a cutoff (?1), at most ?2.
    case pruneNotices

    /// The statement.
    var sql: String {
        switch self {
        case .openActions:
            "SELECT * FROM action WHERE outcome IS NULL OR outcome = 'unknown' ORDER BY id"
        case .lastListeningSocket:
            """
            SELECT pieces_pid, pieces_socket_inode FROM run
            WHERE pieces_url = ?1 AND pieces_pid IS NOT NULL AND pieces_socket_inode IS NOT NULL
            ORDER BY id DESC LIMIT 1
            """
        case .unspentNotices:
            """
            SELECT model_id, model_name, rule, reason, bytes, stale_at, deletes_at, noticed_at FROM deletion_notice
            WHERE spent_at IS NULL ORDER BY noticed_at, id
            """
        case .lastLiveUnload:
            "SELECT max(intent_at) FROM action WHERE kind = 'unload_all' AND dry_run = 0"
        case .liveActionTotals:
            """
            SELECT kind, outcome, sum(n) AS n, total(freed) AS freed FROM (
                SELECT kind, outcome, count(*) AS n, total(freed_bytes) AS freed FROM action
                WHERE dry_run = 0 AND outcome IS NOT NULL AND outcome != 'unknown' GROUP BY kind, outcome
                UNION ALL SELECT kind, outcome, actions, freed_bytes FROM action_tally
            ) GROUP BY kind, outcome ORDER BY kind, outcome
            """
        case .pruneChanges:
            "DELETE FROM model_change WHERE id IN (SELECT id FROM model_change WHERE at < ?1 ORDER BY at, id LIMIT ?2)"
        case .tallyClosedActions:
            """
            INSERT INTO action_tally (kind, outcome, actions, freed_bytes)
            SELECT kind, outcome, count(*), total(freed_bytes) FROM action
            WHERE id IN (\(Self.closedActions)) AND dry_run = 0 GROUP BY kind, outcome
            ON CONFLICT (kind, outcome) DO UPDATE
            SET actions = actions + excluded.actions, freed_bytes = freed_bytes + excluded.freed_bytes
            """
        case .pruneClosedActions:
            "DELETE FROM action WHERE id IN (\(Self.closedActions))"
        case .pruneRuns:
            """
            DELETE FROM run WHERE id IN (
                SELECT id FROM run WHERE started_at < ?1
                AND NOT EXISTS (SELECT 1 FROM model_change WHERE run_id = run.id)
                AND NOT EXISTS (SELECT 1 FROM action WHERE run_id = run.id)
                AND id < (SELECT max(id) FROM run)
                ORDER BY started_at, id LIMIT ?2)
            """
        case .pruneRevisions:
            """
            DELETE FROM policy_revision WHERE id IN (SELECT id FROM policy_revision
            WHERE at < ?1 AND id < (SELECT max(id) FROM policy_revision) ORDER BY at, id LIMIT ?2)
            """
        case .pruneNotices:
            """
            DELETE FROM deletion_notice WHERE id IN
            (SELECT id FROM deletion_notice WHERE deletes_at < ?1 AND noticed_at < ?1 ORDER BY noticed_at, id LIMIT ?2)
            """
        }
    }

    // Ordered by the indexed time, not by id: ORDER BY id made SQLite walk the whole table in
    // id order looking for rows older than the cutoff.
    private static let closedActions = """
        SELECT id FROM action WHERE outcome IS NOT NULL AND outcome != 'unknown' AND intent_at < ?1
        ORDER BY intent_at, id LIMIT ?2
        """
}
