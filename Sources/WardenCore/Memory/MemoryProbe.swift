/// One memory sample: meminfo and, where the kernel has it, PSI.
public struct MemorySample: Hashable, Sendable {
    /// MemTotal and MemAvailable.
    public var memInfo: MemInfo
    /// PSI, or nil when the kernel does not provide it.
    public var stall: MemoryPressureStall?
    /// The Pieces OS process, when it was looked up and found.
    public var pieces: PiecesProcess? = nil
}

/// Reads the memory probes from their files (`/proc/meminfo`, `/proc/pressure/memory` by default).
public struct MemoryProbe: Sendable {
    /// Why no sample could be taken.
    public struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        /// The file.
        public var path: String
        /// What was wrong.
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// The meminfo file.
    public var meminfoPath: String
    /// The PSI file.
    public var psiPath: String

    /// Creates a probe of these files.
    public init(meminfoPath: String = "/proc/meminfo", psiPath: String = "/proc/pressure/memory") {
        self.meminfoPath = meminfoPath
        self.psiPath = psiPath
    }

    /// Reads both files once (PSI only when asked). A missing or unreadable PSI file means PSI
    /// is unavailable; a bad meminfo, or a PSI file that exists but makes no sense, is an error.
    public func sample(includingPSI: Bool = true) throws(Failure) -> MemorySample {
        try Sampler(self).sample(includingPSI: includingPSI)
    }

    /// Samples the same files again and again, keeping procfs files open between samples.
    ///
    /// Used by one task at a time (the watcher's idle thread, or its ticking task while a step
    /// runs: the loop never runs both at once), hence `@unchecked Sendable`.
    final class Sampler: @unchecked Sendable {
        private let meminfo: ProbeFile
        private let psi: ProbeFile

        init(_ probe: MemoryProbe) {
            meminfo = ProbeFile(probe.meminfoPath)
            psi = ProbeFile(probe.psiPath)
        }

        /// Reads meminfo and, when asked, PSI.
        func sample(includingPSI: Bool) throws(Failure) -> MemorySample {
            let parsed: MemInfo?
            do {
                parsed = try meminfo.withContents { bytes throws(MemInfo.ParseError) in try MemInfo.parse(bytes) }
            } catch {
                throw Failure(path: meminfo.path, message: error.description)
            }
            guard let memInfo = parsed else {
                throw Failure(path: meminfo.path, message: meminfo.problem?.description ?? "cannot be read")
            }
            guard includingPSI else { return MemorySample(memInfo: memInfo, stall: nil) }
            guard let text = psi.withContents({ String(decoding: $0, as: UTF8.self) }) else {
                // No PSI file is a kernel without PSI; one that is there and unusable is an error.
                if case .unreadable(let reason) = psi.problem { throw Failure(path: psi.path, message: "cannot be read: \(reason)") }
                return MemorySample(memInfo: memInfo, stall: nil)
            }
            do {
                return MemorySample(memInfo: memInfo, stall: try MemoryPressureStall.parse(text))
            } catch {
                throw Failure(path: psi.path, message: error.description)
            }
        }
    }
}
