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
}
