import Logging
import PiecesModels
import Synchronization

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Finds the process that serves Pieces OS's port under a procfs (`/proc`, or a test's fake
/// tree) and reads its memory.
///
/// The listening socket's inode comes from `net/tcp` and `net/tcp6`; the process holding it
/// from the `fd` links of every process. The pid found is kept, and used again only while it
/// still holds the socket, so the watcher scans every process once, not on every sample.
/// Safe to share: the unload's second reading may run while the watcher samples.
public final class PiecesProcessFinder: Sendable {
    /// The procfs mount point, `/proc` unless a test gives a fake tree.
    public let procRoot: String
    /// Where an absence is said (the watcher's), or nil where the command's output says it.
    private let logger: Logger?
    private let state: Mutex<State>

    /// The port proxies a container engine listens through; their memory is not Pieces OS's.
    static let portProxies: Set<String> = ["docker-proxy", "rootlessport", "rootlesskit", "slirp4netns", "pasta", "pasta.avx2"]
    /// More than `net/tcp` of a busy machine (150 bytes a socket: about 55,000 sockets).
    static let socketTableLimit = 8 << 20

    /// Creates a finder over `procRoot`. With a `logger` (the watcher's), an absence is logged
    /// once, and again only when its reason changes; a one-shot command says it in its output.
    /// `likely` is what an earlier run found serving `baseURL`: while that pid still holds that
    /// socket, no socket table is read and no process scanned (measured: a sixth of a pass).
    public init(procRoot: String = "/proc", logger: Logger? = nil, likely: ListeningSocket? = nil, serving baseURL: String? = nil) {
        self.procRoot = procRoot
        self.logger = logger
        var state = State(procRoot: procRoot)
        if let likely, likely.pid > 0, case .success(let port)? = baseURL.map(Self.port(of:)) {
            state.held = (port, likely)
        }
        self.state = Mutex(state)
    }

    /// The socket the process found last listens on; nil when none was found.
    public var socket: ListeningSocket? { state.withLock { $0.held?.socket } }

    /// The process that serves `baseURL` (nil: not connected yet), or why there is none.
    public func find(baseURL: String?) -> PiecesProcessReading {
        let reading = look(baseURL: baseURL)
        // Not connected yet is a moment of the watcher's start, not news.
        if reading.absence?.reason == .notConnected { return reading }
        let changed: Bool = state.withLock { state in
            defer { state.reported = reading.absence?.reason }
            return state.reported != reading.absence?.reason
        }
        if let logger, changed {
            switch reading {
            case .failure(let absence):
                logger.warning("cannot measure the Pieces OS process; going on without it", metadata: [
                    "reason": "\(absence.reason.rawValue)", "error": "\(absence.message)",
                ])
            case .success(let process):
                logger.notice("measuring the Pieces OS process", metadata: ["pid": "\(process.pid)"])
            }
        }
        return reading
    }

    /// How many times every process was scanned.
    var scans: Int { state.withLock { $0.scans } }

    private func look(baseURL: String?) -> PiecesProcessReading {
        guard let baseURL else { return .failure(.init(.notConnected, "Pieces OS is not connected yet")) }
        switch Self.port(of: baseURL) {
        case .success(let port): return state.withLock { $0.find(port: port) }
        case .failure(let absence): return .failure(absence)
        }
    }

    /// The loopback port `baseURL` names, or why it names none this finder can follow.
    private static func port(of baseURL: String) -> Result<UInt16, PiecesProcessAbsence> {
        guard let url = URL(string: baseURL), let rawHost = url.host, !rawHost.isEmpty else {
            return .failure(.init(.unreadable, "\(baseURL) names no host"))
        }
        let host = rawHost.hasPrefix("[") ? String(rawHost.dropFirst().dropLast()) : rawHost
        guard PiecesEndpoint.isLoopback(host: host) else {
            return .failure(.init(.remote, "Pieces OS is reached at \(host), off this machine; its process cannot be read"))
        }
        let port = url.port ?? (url.scheme?.lowercased() == "https" ? 443 : 80)
        guard let port = UInt16(exactly: port) else { return .failure(.init(.unreadable, "\(baseURL) names no port")) }
        return .success(port)
    }

    /// The open files and the pid kept between readings.
    struct State: ~Copyable {
        let procRoot: String
        let tcp: ProbeFile
        let tcp6: ProbeFile
        var pid: Int32?
        /// The socket `pid` was found holding, and the port it listens on.
        var held: (port: UInt16, socket: ListeningSocket)?
        var status: ProbeFile?
        var reported: PiecesProcessAbsence.Reason?
        /// How many times every process was scanned: once, while the pid found keeps the socket.
        var scans = 0

        init(procRoot: String) {
            self.procRoot = procRoot
            tcp = ProbeFile(procRoot + "/net/tcp", limit: socketTableLimit, readsToEnd: true)
            tcp6 = ProbeFile(procRoot + "/net/tcp6", limit: socketTableLimit, readsToEnd: true)
        }

        /// The holder of the socket listening on `port`, measured.
        mutating func find(port: UInt16) -> PiecesProcessReading {
            // A socket is one object while it lives: held by the same pid, it still listens there.
            if let held, held.port == port, DescriptorScan.holds(held.socket.pid, [held.socket.inode], procRoot: procRoot) == true {
                if pid != held.socket.pid { status = ProbeFile("\(procRoot)/\(held.socket.pid)/status") }
                pid = held.socket.pid
                return measure(held.socket.pid)
            }
            held = nil
            let texts = [tcp, tcp6].map { file in file.withContents { String(decoding: $0, as: UTF8.self) } }
            guard texts.contains(where: { $0 != nil }) else {
                return .failure(.init(.unreadable, "\(tcp.path): \(tcp.problem?.description ?? "cannot be read")"))
            }
            let inodes = Set(texts.compactMap { $0 }.flatMap(ProcParser.listeners).filter { $0.port == port && $0.acceptsLoopback }.map(\.inode))
            guard !inodes.isEmpty else {
                return .failure(.init(.noListener, "no socket listens on port \(port) in \(procRoot)/net/tcp or tcp6 "
                    + "(Pieces OS in a container or another network namespace?)"))
            }
            if let pid, DescriptorScan.holds(pid, inodes, procRoot: procRoot) == true { return keep(pid, port: port, inodes) }
            scans += 1
            let found = DescriptorScan.holder(of: inodes, procRoot: procRoot)
            guard let holder = found.pid else {
                pid = nil
                if found.denied > 0 {
                    return .failure(.init(.noPermission, "port \(port) listens, and the descriptors of \(found.denied) process(es) "
                        + "cannot be read: Pieces OS runs as another user; run modelwarden as that user"))
                }
                return .failure(.init(.notVisible, "port \(port) listens, and no process under \(procRoot) holds it "
                    + "(hidden, or in another PID namespace)"))
            }
            pid = holder
            status = ProbeFile("\(procRoot)/\(holder)/status")
            return keep(holder, port: port, inodes)
        }

        /// Measures `holder`, keeping which of `inodes` it holds for the next reading.
        private mutating func keep(_ holder: Int32, port: UInt16, _ inodes: Set<UInt64>) -> PiecesProcessReading {
            let reading = measure(holder)
            if reading.process != nil, let inode = inodes.sorted().first(where: { DescriptorScan.holds(holder, [$0], procRoot: procRoot) == true }) {
                held = (port, ListeningSocket(pid: holder, inode: inode))
            }
            return reading
        }

        private mutating func measure(_ holder: Int32) -> PiecesProcessReading {
            let file = status ?? ProbeFile("\(procRoot)/\(holder)/status")
            let parsed: (name: String, rssBytes: Int, swapBytes: Int)?
            do {
                parsed = try file.withContents { bytes throws(MemInfo.ParseError) in try ProcParser.status(String(decoding: bytes, as: UTF8.self)) }
            } catch {
                pid = nil
                return .failure(.init(.unreadable, "\(file.path): \(error.description)"))
            }
            guard let found = parsed else {
                pid = nil
                return .failure(.init(.unreadable, "\(file.path): \(file.problem?.description ?? "cannot be read")"))
            }
            if Self.isProxy(found.name) {
                return .failure(.init(.container, "port is served by \(found.name) (pid \(holder)): Pieces OS runs in a container, "
                    + "whose memory is not read"))
            }
            return .success(PiecesProcess(pid: holder, name: found.name, rssBytes: found.rssBytes, swapBytes: found.swapBytes))
        }

        private static func isProxy(_ name: String) -> Bool { PiecesProcessFinder.portProxies.contains(name) }
    }
}
