import Prometheus

/// The textfile's content: ``Observations`` and a live memory reading, in the Prometheus text
/// format, written by swift-prometheus's registry.
public enum MetricsExposition {
    /// What the writer knows itself when it writes: memory is sampled far more often than the
    /// journal records anything, and the watcher asks Pieces OS every minute between passes.
    public struct Live: Sendable, Equatable {
        /// MemAvailable, when memory could be read.
        public var availableBytes: Int?
        /// Whether the memory policy sees pressure in the sample, when there is one.
        public var pressure: Bool?
        /// Whether Pieces OS answered the writer's latest request, when it made one.
        public var piecesUp: Bool?

        /// A reading.
        public init(availableBytes: Int?, pressure: Bool?, piecesUp: Bool? = nil) {
            self.availableBytes = availableBytes
            self.pressure = pressure
            self.piecesUp = piecesUp
        }
    }

    /// The exposition of `observations` and `live` (a gauge nobody measured is left out).
    ///
    /// A fresh registry each time: the counters are the journal's totals, not increments of
    /// this process, so they survive restarts.
    public static func render(_ observations: Observations, live: Live?) -> String {
        let registry = PrometheusCollectorRegistry()
        // The names carry their units already (WardenMetric declares them whole).
        func descriptor(_ metric: WardenMetric) -> MetricNameDescriptor {
            MetricNameDescriptor(metricName: metric.rawValue, unitName: "", helpText: metric.help)
        }
        func gauge(_ metric: WardenMetric, _ value: Double, labels: [(String, String)] = []) {
            registry.makeGauge(descriptor: descriptor(metric), labels: labels).set(value)
        }
        func counter(_ metric: WardenMetric, _ value: Int, labels: [(String, String)] = []) {
            registry.makeCounter(descriptor: descriptor(metric), labels: labels).increment(by: Int64(value))
        }
        if let pass = observations.lastPass {
            gauge(.lastPassTimestamp, pass.at.timeIntervalSince1970)
            if let duration = pass.durationSeconds { gauge(.lastPassDuration, duration) }
            gauge(.lastPassSuccess, pass.success ? 1 : 0)
        }
        // Every kind and closed outcome from the start, at 0 until it happens: increase() sees
        // a first failure only on a series that existed before it.
        var counts: [String: [String: Int]] = [:]
        for kind in ActionIntent.Kind.allCases {
            for outcome in [ActionOutcome.Code.succeeded, .failed, .skipped] { counts[kind.rawValue, default: [:]][outcome.rawValue] = 0 }
        }
        for action in observations.totals.actions { counts[action.kind, default: [:]][action.outcome] = action.count }
        for (kind, outcomes) in counts.sorted(by: { $0.key < $1.key }) {
            for (outcome, count) in outcomes.sorted(by: { $0.key < $1.key }) {
                counter(.actions, count, labels: [("kind", kind), ("outcome", outcome)])
            }
        }
        counter(.freedBytes, observations.totals.freedBytes)
        gauge(.unresolvedActions, Double(observations.unresolvedActions))
        for (state, count) in observations.models.byState { gauge(.models, Double(count), labels: [("state", state)]) }
        gauge(.llmCacheBytes, Double(observations.llmCacheBytes))
        gauge(.deletionsScheduled, Double(observations.upcomingDeletions.count))
        if let up = live?.piecesUp ?? observations.piecesUp { gauge(.piecesUp, up ? 1 : 0) }
        if let rss = observations.piecesRSSBytes { gauge(.piecesRSSBytes, Double(rss)) }
        if let available = live?.availableBytes { gauge(.memoryAvailableBytes, Double(available)) }
        if let pressure = live?.pressure { gauge(.memoryPressure, pressure ? 1 : 0) }
        gauge(.journalBytes, Double(observations.journalBytes))
        return registry.emitToString()
    }
}
