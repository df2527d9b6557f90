import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension WatchSchedule {
    /// The human `STATUS=` line, in parts.
    struct Status: Sendable {
        static let unknownMemory = "starting"
        var memory = unknownMemory
        var lastPass = "no pass yet"
        var lastAction = "no unload yet"
        var watching = ""
        var published = ""
        var text: String { "memory: \(memory); \(lastPass); \(lastAction)" + (watching.isEmpty ? "" : "; watching: \(watching)") }
    }

    mutating func react(to event: Event, at now: Date) -> [Effect] {
        switch event {
        case .started:
            busy = true
            return [.runPass]
        case .tick:
            if stopping { return [] }
            // A step in flight (a pass waiting on Pieces OS) does not stop memory samples.
            return busy ? sampleIfDue(at: now) : due(at: now)
        case .pressureWake:
            nextSample = min(nextSample, max(now, lastSampled.addingTimeInterval(Self.pressureWakeEvery)))
            return stopping ? [] : sampleIfDue(at: now)
        case .watching(let mode):
            status.watching = mode
            return []
        case .memory(let sample):
            return sampled(sample, at: now)
        case .loaded(let ids, let lastUnload):
            busy = false
            return loaded(ids, lastUnload: lastUnload, at: now)
        case .unloaded(let code):
            busy = false
            if let code { status.lastAction = "unload \(code.rawValue) at \(HumanTime.describe(now))" }
            return []
        case .passFinished(let summary):
            busy = false
            if let summary { status.lastPass = summary }
            nextRetention = now.addingTimeInterval(policy.schedule.retentionEvery.seconds)
            // Its result goes out as soon as the 15-second limit allows.
            nextMetrics = min(nextMetrics, max(now, lastMetrics.addingTimeInterval(Self.metricsEvery)))
            return due(at: now)
        case .reloadRequested:
            return stopping ? [] : [.reload]
        case .reloaded(let policy):
            let retentionChanged = policy.schedule.retentionEvery != self.policy.schedule.retentionEvery
            if retentionChanged, nextRetention != .distantFuture {
                nextRetention = min(nextRetention, now.addingTimeInterval(policy.schedule.retentionEvery.seconds))
            }
            self.policy = policy
            nextSample = min(nextSample, now.addingTimeInterval(policy.schedule.memoryEvery.seconds))
            return []
        case .stopRequested:
            stopping = true
            return [.stop]
        }
    }

    /// A pass if one is due, else a memory sample if one is due, or the loaded-models check,
    /// which goes with a fresh sample.
    private mutating func due(at now: Date) -> [Effect] {
        if now >= nextRetention {
            busy = true
            return [.runPass]
        }
        guard now >= nextSample || now >= nextSnapshot else { return [] }
        nextSample = now.addingTimeInterval(policy.schedule.memoryEvery.seconds)
        return [sampleMemory]
    }

    /// A memory sample if one is due: all a tick asks for while a step is in flight.
    private mutating func sampleIfDue(at now: Date) -> [Effect] {
        guard now >= nextSample else { return [] }
        nextSample = now.addingTimeInterval(policy.schedule.memoryEvery.seconds)
        return [sampleMemory]
    }

    /// A memory sample, reading what the policy uses.
    private var sampleMemory: Effect {
        .sampleMemory(psi: policy.memory.psiSomeAvg10Above != nil, pieces: policy.memory.piecesRSSAbove != nil)
    }

    private mutating func sampled(_ sample: MemorySample?, at now: Date) -> [Effect] {
        lastSampled = now
        guard let sample else {
            status.memory = "memory unreadable"
            // The loaded-models check waits for a sample; retried with the next one.
            nextSnapshot = max(nextSnapshot, nextSample)
            return []
        }
        self.sample = sample
        let pressure = PressureDecision.isPressure(sample, policy.memory)
        // Far above the threshold the next sample may wait (earlyoom's sleep); a reload or a
        // PSI trigger brings it forward.
        let wait = AdaptivePolling.interval(after: sample, policy: policy, underPressure: pressure || pressureSince != nil)
        nextSample = max(nextSample, now.addingTimeInterval(wait))
        // Pieces OS is asked only under pressure, or every `snapshotEvery` for `last_used`; a
        // step in flight asks again when it ends.
        guard pressure || pressureSince != nil || now >= nextSnapshot, !busy else {
            // Pressure seen while a step runs makes the check due the moment the step ends.
            if busy, pressure { nextSnapshot = min(nextSnapshot, now) }
            if publishesStatus {
                let state = pressure ? "pressure, waiting for the current step" : "no_pressure"
                status.memory = "\(ByteCount(sample.memInfo.availableBytes)) available\(Self.piecesRSS(sample)), \(state)"
            }
            return []
        }
        busy = true
        return [.checkLoaded(readCooldown: pressure)]
    }

    private mutating func loaded(_ ids: [String]?, lastUnload: Date?, at now: Date) -> [Effect] {
        nextSnapshot = now.addingTimeInterval(Self.snapshotEvery)
        guard let ids, let sample else {
            status.memory = "Pieces OS or the journal unavailable"
            return []
        }
        var effects: [Effect] = []
        let current = Set(ids)
        // Written on change (stamping the models that just left memory) or every five
        // minutes: precise enough for staleness measured in days, and a commit costs an fsync.
        let left = written.ids.subtracting(current)
        if current != written.ids || now.timeIntervalSince(written.at) >= Self.loadedWriteEvery {
            if !current.isEmpty || !left.isEmpty { effects.append(.recordLoaded(loaded: current, unloaded: left)) }
            written = (current, now)
        }
        let prior = pressureSince
        // Measured between samples, not between the answers to the check that follows each:
        // a slower answer must not make a sustain that ends on a sample wait one more interval.
        let decision = PressureDecision.decide(
            sample: sample, pressureSince: prior, memory: policy.memory, now: min(now, lastSampled),
            anyLoaded: !ids.isEmpty, lastUnload: lastUnload, sustained: true)
        pressureSince = decision.pressureSince
        status.memory = "\(ByteCount(sample.memInfo.availableBytes)) available\(Self.piecesRSS(sample)), \(decision.reason.rawValue)"
        if decision.pressure, prior == nil {
            effects.append(.announcePressure(availableBytes: sample.memInfo.availableBytes, reason: decision.reason, signals: decision.signals))
        }
        if decision.unload {
            busy = true
            effects.append(.unload)
        }
        return effects
    }

    /// `, Pieces OS 2.31 GiB` for the status line, when the sample has the process.
    private static func piecesRSS(_ sample: MemorySample) -> String {
        sample.pieces.map { ", Pieces OS \(ByteCount($0.rssBytes))" } ?? ""
    }
}
