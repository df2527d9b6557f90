extension WatchService {
    /// One memory sample on the kept files, with PSI when `psi` and Pieces OS's process when
    /// `pieces` (each only when the policy uses it: an idle watcher reads what it must).
    func sample(psi: Bool, pieces: Bool) throws(MemoryProbe.Failure) -> MemorySample {
        var sample = try sampler.sample(includingPSI: psi)
        if pieces {
            // The port is the kept client's: until the first pass connects there is none.
            sample.pieces = finder.find(baseURL: state.withLock { $0.client?.api.baseURL }).process
        }
        return sample
    }

    /// Writes the metrics textfile from the journal and the schedule's latest sample. The first
    /// write is logged, and a failure when it first appears or changes, not every 15 seconds.
    func writeMetrics() {
        let (configuration, sample, piecesUp) = state.withLock { ($0.configuration, $0.schedule.sample, $0.piecesAnswered) }
        guard let textfile = configuration.metricsTextfile else { return }
        let failure: String?
        do {
            try MetricsRefresh(textfile: textfile, host: host)
                .write(journal: journal, sample: sample, memory: configuration.policy.memory, piecesUp: piecesUp, at: world.clock())
            failure = nil
        } catch {
            failure = "\(error)"
        }
        let changed = state.withLock { state in
            defer { state.metricsFailure = failure }
            return state.metricsFailure != failure
        }
        if changed, let failure { world.logger.error("cannot write the metrics textfile; retrying on schedule", metadata: ["error": "\(failure)"]) }
        if changed, failure == nil { world.logger.notice("metrics textfile written", metadata: ["path": "\(textfile.path)"]) }
    }

    /// Waits on the doorbell and the PSI trigger; true when pressure woke it. A trigger that
    /// fails is dropped, and the watcher polls from then on (its status line says so).
    func waitForPressure(upTo pause: Duration) -> Bool {
        let wake = trigger.withLock { idleWait.wait(upTo: pause, trigger: $0) }
        guard case .failed(let reason) = wake else { return wake == .pressure }
        trigger.withLock { $0 = nil }
        world.logger.warning("the PSI trigger failed; polling memory only", metadata: ["reason": "\(reason)"])
        _ = runInline(handle(.watching(watchingMode())))
        return false
    }

    /// How memory is watched under the current policy, for `STATUS=`.
    func watchingMode() -> String {
        let description = trigger.withLock { $0?.description }
        return AdaptivePolling.mode(state.withLock { $0.configuration.policy }, trigger: description)
    }
}
