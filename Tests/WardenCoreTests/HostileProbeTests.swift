import Foundation
import TestSupport
import Testing
@testable import WardenCore

/// Probe files an admin's flag or a broken system can point at: forged numbers, a FIFO, a
/// device, a huge file. Each is an error that says why, and the sample leads to no action.
@Suite("Hostile memory probes")
struct HostileProbeTests {
    static let meminfo = "MemTotal: 16777216 kB\nMemAvailable: 8388608 kB\n"

    static func probe(meminfo: String = Self.meminfo, psi: String?) throws -> (TemporaryDirectory, MemoryProbe) {
        let directory = try TemporaryDirectory()
        try meminfo.write(toFile: directory.path("meminfo"), atomically: true, encoding: .utf8)
        if let psi { try psi.write(toFile: directory.path("psi"), atomically: true, encoding: .utf8) }
        return (directory, MemoryProbe(meminfoPath: directory.path("meminfo"), psiPath: directory.path("psi")))
    }

    @Test(arguments: ["inf", "-inf", "nan", "1e999", "-0.5", "100.01", "0x10"])
    func aPSIShareThatIsNotAPercentageIsAnError(value: String) throws {
        let (directory, probe) = try Self.probe(psi: "some avg10=\(value) avg60=0.00 avg300=0.00 total=0\n")
        #expect {
            try probe.sample()
        } throws: { error in
            guard let failure = error as? MemoryProbe.Failure else { return false }
            return failure.path == directory.path("psi") && failure.message.contains("percentages, 0 to 100")
        }
    }

    @Test func sharesAtTheEdgesAreRead() throws {
        let (directory, probe) = try Self.probe(psi: "some avg10=100.00 avg60=0.00 avg300=0 total=18446744073709551615\n")
        #expect(try probe.sample().stall?.some.avg10 == 100)
        withExtendedLifetime(directory) {}
    }

    @Test(arguments: [
        ("MemTotal: 1000 kB\nMemAvailable: 2000 kB\n", "MemAvailable (2048000 bytes) exceeds MemTotal (1024000 bytes)"),
        ("MemTotal: 1000 kB\nMemFree: 9007199254740991 kB\nBuffers: 9007199254740991 kB\n",
         "the estimate of MemAvailable (9223372036854775807 bytes) exceeds MemTotal (1024000 bytes)"),
        ("MemTotal: 99999999999999999999 kB\n", "line 1: MemTotal: the value is too large"),
        ("MemTotal: 0 kB\nMemAvailable: 0 kB\n", "MemTotal is missing"),
    ])
    func meminfoOutOfRangeIsAnError(text: String, message: String) throws {
        let (directory, probe) = try Self.probe(meminfo: text, psi: nil)
        #expect(throws: MemoryProbe.Failure(path: directory.path("meminfo"), message: message)) { try probe.sample() }
    }

    @Test func aFIFOIsRefusedAtOnceInsteadOfHanging() throws {
        let directory = try TemporaryDirectory()
        #expect(mkfifo(directory.path("fifo"), 0o600) == 0)
        let probe = MemoryProbe(meminfoPath: directory.path("fifo"), psiPath: "/nonexistent")
        #expect(throws: MemoryProbe.Failure(path: directory.path("fifo"), message: "cannot be read: not a regular file")) {
            try probe.sample()
        }
        let psi = MemoryProbe(meminfoPath: "/proc/meminfo", psiPath: directory.path("fifo"))
        #expect(throws: MemoryProbe.Failure(path: directory.path("fifo"), message: "cannot be read: not a regular file")) {
            try psi.sample()
        }
    }

    @Test(arguments: ["/dev/zero", "/dev/null", "/"])
    func aDeviceOrADirectoryIsRefused(path: String) {
        #expect(throws: MemoryProbe.Failure(path: path, message: "cannot be read: not a regular file")) {
            try MemoryProbe(meminfoPath: path, psiPath: "/nonexistent").sample()
        }
    }

    @Test func aFileOverTheLimitIsRefusedWithoutReadingOn() throws {
        let (directory, _) = try Self.probe(psi: nil)
        let huge = Self.meminfo + String(repeating: "Padding: 1 kB\n", count: 10_000)
        try huge.write(toFile: directory.path("huge"), atomically: true, encoding: .utf8)
        #expect(throws: MemoryProbe.Failure(path: directory.path("huge"), message: "cannot be read: larger than 64 KiB")) {
            try MemoryProbe(meminfoPath: directory.path("huge"), psiPath: "/nonexistent").sample()
        }
    }
}
