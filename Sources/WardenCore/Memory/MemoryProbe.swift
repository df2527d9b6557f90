#if canImport(Glibc)
import Glibc
#endif

/// One memory sample: meminfo and, where the kernel has it, PSI.
public struct MemorySample: Hashable, Sendable {
    /// MemTotal and MemAvailable.
    public var memInfo: MemInfo
    /// PSI, or nil when the kernel does not provide it.
    public var stall: MemoryPressureStall?
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

    /// Reads both files (PSI only when asked). A missing or unreadable PSI file means PSI is
    /// unavailable; a bad
    /// meminfo, or a PSI file that exists but makes no sense, is an error.
    public func sample(includingPSI: Bool = true) throws(Failure) -> MemorySample {
        guard let meminfo = Self.read(meminfoPath) else {
            throw Failure(path: meminfoPath, message: "cannot be read")
        }
        let memInfo: MemInfo
        do {
            memInfo = try meminfo.withUnsafeBufferPointer { bytes throws(MemInfo.ParseError) in try MemInfo.parse(bytes) }
        } catch {
            throw Failure(path: meminfoPath, message: error.description)
        }
        guard includingPSI, let psi = Self.read(psiPath) else {
            return MemorySample(memInfo: memInfo, stall: nil)
        }
        do {
            return MemorySample(memInfo: memInfo, stall: try MemoryPressureStall.parse(String(decoding: psi, as: UTF8.self)))
        } catch {
            throw Failure(path: psiPath, message: error.description)
        }
    }

    /// The whole file, read with open(2) and read(2): procfs files have no size to ask for.
    private static func read(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var content: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { return content }
            content += buffer[0..<count]
        }
    }
}
