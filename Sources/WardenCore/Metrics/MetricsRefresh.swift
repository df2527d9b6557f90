import Logging

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// Writes the metrics textfile from the journal's ``Observations`` and a memory sample.
public struct MetricsRefresh: Sendable {
    /// Where.
    public let textfile: MetricsTextfile
    /// The machine's name, for the observations.
    public let host: String

    /// A refresh of `textfile`.
    public init(textfile: MetricsTextfile, host: String = MetricsRefresh.hostName()) {
        self.textfile = textfile
        self.host = host
    }

    /// Reads the journal and writes the file; `sample` (judged under `memory`) gives the memory
    /// gauges, which are left out without one, and `piecesUp` the writer's own latest word on
    /// Pieces OS, which wins over the journal's. Returns the text written.
    @discardableResult
    public func write(
        journal: JournalDatabase, sample: MemorySample?, memory: Policy.Memory, piecesUp: Bool? = nil, at now: Date
    ) throws -> String {
        // The counters and gauges are not windowed: a period of no length reads the least.
        let observations = try journal.observations(since: now, until: now, host: host, lastUse: false)
        let live = MetricsExposition.Live(
            availableBytes: sample?.memInfo.availableBytes, pressure: sample.map { PressureDecision.isPressure($0, memory) },
            piecesUp: piecesUp)
        let text = MetricsExposition.render(observations, live: live)
        try textfile.write(text)
        return text
    }

    /// After a one-shot pass (done or failed), writes the textfile `configuration` names, if
    /// any, with memory read now: after an unload, the pass's own sample is already out of
    /// date. A failure is logged, not thrown: the exit status is the pass's.
    public static func afterPass(_ configuration: WardenConfiguration, logger: Logger) {
        guard let textfile = configuration.metricsTextfile else { return }
        do {
            let journal = try JournalDatabase.open(at: configuration.journal)
            try MetricsRefresh(textfile: textfile).write(
                journal: journal, sample: try? configuration.memoryProbe.sample(), memory: configuration.policy.memory,
                at: configuration.now)
        } catch {
            logger.error("cannot write the metrics textfile", metadata: ["path": "\(textfile.path)", "error": "\(error)"])
        }
    }

    /// gethostname(2), or `localhost` when it fails.
    public static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }
}
