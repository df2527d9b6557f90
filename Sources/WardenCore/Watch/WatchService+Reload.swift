extension WatchService {
    /// Builds the configuration afresh (SIGHUP). An invalid policy is rejected and the old one
    /// kept; a new `journal.database` is refused, since the open journal holds the cooldown and
    /// the history, but the rest of the new policy applies.
    func reloadConfiguration() -> Policy? {
        var fresh: WardenConfiguration
        do {
            fresh = try reload()
        } catch {
            let message = String(describing: error)
            world.events.send(JournalEntry(.policyRejected, "new policy rejected; keeping the old one: \(message)"))
            world.logger.error("new policy rejected; keeping the old one", metadata: ["error": "\(message)"])
            return nil
        }
        let current = state.withLock { $0.configuration.journal }
        if fresh.journal.path != current.path {
            let message = "journal.database cannot change while modelwarden watch runs; keeping \(current.path) "
                + "(not \(fresh.journal.path)) until a restart; the rest of the new policy applies"
            world.events.send(JournalEntry(.policyRejected, message))
            world.logger.error("journal.database change refused until a restart", metadata: [
                "journal": "\(current.path)", "requested": "\(fresh.journal.path)",
            ])
            fresh.journal = current
        }
        state.withLock { $0.configuration = fresh }
        world.logger.notice("policy reloaded", metadata: ["digest": "\(fresh.loaded.digest)"])
        return fresh.policy
    }
}
