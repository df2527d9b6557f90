import Foundation
import Logging
import TestSupport
import Testing
@testable import WardenCore

/// Finding the process behind Pieces OS's port in a fake /proc, and in the real one.
@Suite("Finding the Pieces OS process")
struct PiecesProcessFinderTests {
    static let port = 39300
    static let url = "http://127.0.0.1:\(port)"

    @Test func findsTheHolderOfTheListeningSocketAndReadsItsMemory() throws {
        let directory = try TemporaryDirectory()
        let proc = try FakeProc(in: directory, port: Self.port, rssKB: 30 << 20, swapKB: 2048)
        let reading = PiecesProcessFinder(procRoot: proc.root).find(baseURL: Self.url)
        #expect(reading == .success(PiecesProcess(pid: proc.pid, name: "pieces-os", rssBytes: 30 << 30, swapBytes: 2 << 20)))
        // localhost reaches a socket on 127.0.0.1 too; another port does not.
        #expect(PiecesProcessFinder(procRoot: proc.root).find(baseURL: "http://localhost:\(Self.port)").process?.pid == proc.pid)
        #expect(PiecesProcessFinder(procRoot: proc.root).find(baseURL: "http://127.0.0.1:39301").absence?.reason == .noListener)
    }

    @Test func keepsThePidWhileItHoldsTheSocketAndScansAgainWhenItDoesNot() throws {
        let directory = try TemporaryDirectory()
        let proc = try FakeProc(in: directory, port: Self.port, rssKB: 1024)
        let finder = PiecesProcessFinder(procRoot: proc.root)
        #expect(finder.find(baseURL: Self.url).process?.pid == proc.pid)
        try proc.setMemory(rssKB: 2048)
        #expect(finder.find(baseURL: Self.url).process?.rssBytes == 2 << 20, "the kept pid is read afresh")
        #expect(finder.scans == 1)
        // Pieces OS restarted: another pid holds the socket now.
        try FileManager.default.removeItem(atPath: "\(proc.root)/\(proc.pid)/fd/3")
        try FileManager.default.createDirectory(atPath: proc.root + "/5151/fd", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: proc.root + "/5151/fd/7", withDestinationPath: "socket:[\(proc.inode)]")
        try FakeProc.status(name: "pieces-os", rssKB: 4096, swapKB: 0).write(toFile: proc.root + "/5151/status", atomically: true, encoding: .utf8)
        #expect(finder.find(baseURL: Self.url).process == PiecesProcess(pid: 5151, name: "pieces-os", rssBytes: 4 << 20, swapBytes: 0))
        #expect(finder.scans == 2)
    }

    /// A pass starts from the socket the journal's last run found: while that pid holds that
    /// inode, neither socket table is read (here they are removed) nor any process scanned; a
    /// hint that does not hold (another pid, another inode, another port) is set aside.
    @Test(arguments: [("it holds", true, 0), ("another pid", false, 1), ("another inode", false, 1), ("another port", false, 1)])
    func aLikelySocketSparesTheTablesOnlyWhileItHolds(_ name: String, trusted: Bool, scans: Int) throws {
        let directory = try TemporaryDirectory()
        let proc = try FakeProc(in: directory, port: Self.port, rssKB: 1024)
        let socket = ListeningSocket(pid: name == "another pid" ? proc.pid + 1 : proc.pid, inode: name == "another inode" ? 999 : proc.inode)
        let finder = PiecesProcessFinder(
            procRoot: proc.root, likely: socket, serving: name == "another port" ? "http://127.0.0.1:39301" : Self.url)
        if trusted {
            try FileManager.default.removeItem(atPath: proc.root + "/net")
        }
        #expect(finder.find(baseURL: Self.url).process?.pid == proc.pid, "\(name)")
        #expect(finder.scans == scans, "\(name)")
        #expect(finder.socket == ListeningSocket(pid: proc.pid, inode: proc.inode), "\(name)")
    }

    @Test func saysWhyItCannotFindTheProcess() throws {
        let directory = try TemporaryDirectory()
        let hidden = try FakeProc(in: directory, port: Self.port, rssKB: 1024, holdsSocket: false)
        let finder = PiecesProcessFinder(procRoot: hidden.root)
        #expect(finder.find(baseURL: Self.url).absence?.reason == .notVisible)
        #expect(finder.find(baseURL: "http://192.168.1.20:39300").absence?.reason == .remote)
        #expect(finder.find(baseURL: nil).absence?.reason == .notConnected)
        #expect(PiecesProcessFinder(procRoot: directory.path("nothing")).find(baseURL: Self.url).absence?.reason == .unreadable)

        let proxied = try TemporaryDirectory()
        let proxy = try FakeProc(in: proxied, port: Self.port, name: "docker-proxy", rssKB: 1024)
        #expect(PiecesProcessFinder(procRoot: proxy.root).find(baseURL: Self.url).absence?.reason == .container)
        try "Name:\tpieces-os\nVmRSS:\tlots\n".write(toFile: "\(proxy.root)/\(proxy.pid)/status", atomically: true, encoding: .utf8)
        let garbled = PiecesProcessFinder(procRoot: proxy.root).find(baseURL: Self.url).absence
        #expect(garbled?.reason == .unreadable)
        #expect(garbled?.message == "\(proxy.root)/\(proxy.pid)/status: line 2: VmRSS: expected a number of kB, got \"lots\"")
    }

    @Test func saysAnAbsenceOnceAndAgainOnlyWhenItsReasonChanges() throws {
        let directory = try TemporaryDirectory()
        let proc = try FakeProc(in: directory, port: Self.port, rssKB: 1024, holdsSocket: false)
        let lines = LogLines()
        let finder = PiecesProcessFinder(procRoot: proc.root, logger: Logger(label: "test") { _ in lines })
        for _ in 0..<3 { _ = finder.find(baseURL: Self.url) }
        _ = finder.find(baseURL: nil)  // not connected yet is no news
        #expect(lines.messages == ["cannot measure the Pieces OS process; going on without it"])
        _ = finder.find(baseURL: "http://[::2]:39300")
        try FileManager.default.createDirectory(atPath: "\(proc.root)/\(proc.pid)/fd", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: "\(proc.root)/\(proc.pid)/fd/3", withDestinationPath: "socket:[\(proc.inode)]")
        _ = finder.find(baseURL: Self.url)
        _ = finder.find(baseURL: Self.url)
        #expect(lines.messages.count == 3 && lines.messages.last == "measuring the Pieces OS process")
        #expect(lines.metadataOfLines.first?["reason"] == "not_visible" && lines.metadataOfLines[1]["reason"] == "remote")
    }

    @Test func findsItsOwnTestProcessThroughARealListeningSocket() throws {
        let (listener, port) = try Self.listenOnLoopback()
        defer { close(listener) }
        let reading = PiecesProcessFinder().find(baseURL: "http://127.0.0.1:\(port)")
        #expect(reading.process?.pid == getpid(), "\(String(describing: reading.absence))")
        #expect((reading.process?.rssBytes ?? 0) > 0)
    }

    /// /proc/net/tcp hands over about a page per read: every socket of a longer table is read.
    @Test func readsTheWholeSocketTableOfTheRealProc() throws {
        var inodes: Set<UInt64> = []
        var sockets: [Int32] = []
        defer { sockets.forEach { close($0) } }
        for _ in 0..<80 {
            let (listener, _) = try Self.listenOnLoopback()
            sockets.append(listener)
            var status = stat()
            try #require(fstat(listener, &status) == 0)
            inodes.insert(UInt64(status.st_ino))
        }
        let table = ProbeFile("/proc/net/tcp", limit: PiecesProcessFinder.socketTableLimit, readsToEnd: true)
        let text = try #require(table.withContents { String(decoding: $0, as: UTF8.self) })
        #expect(text.utf8.count > 80 * 150)
        #expect(inodes.isSubset(of: Set(ProcParser.listeners(text).map(\.inode))))
    }

    /// A socket listening on 127.0.0.1 on a port the kernel picks, and the port.
    static func listenOnLoopback() throws -> (Int32, Int) {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in(
            sin_family: sa_family_t(AF_INET), sin_port: 0, sin_addr: in_addr(s_addr: UInt32(0x7F00_0001).bigEndian), sin_zero: (0, 0, 0, 0, 0, 0, 0, 0))
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        try #require(listener >= 0 && bound == 0 && listen(listener, 1) == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        return (listener, Int(UInt16(bigEndian: address.sin_port)))
    }
}

/// Log lines kept for a test to read.
final class LogLines: LogHandler, @unchecked Sendable {
    private let lock = NSLock()
    private var kept: [(String, Logger.Metadata)] = []
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    var messages: [String] { lock.withLock { kept.map(\.0) } }
    var metadataOfLines: [Logger.Metadata] { lock.withLock { kept.map(\.1) } }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lock.withLock { kept.append(("\(event.message)", event.metadata ?? [:])) }
    }
}
