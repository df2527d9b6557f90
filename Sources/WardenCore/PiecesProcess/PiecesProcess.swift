/// The process that serves Pieces OS's Models API, as /proc shows it, and its memory.
///
/// Pieces OS itself can grow to tens of gigabytes, which no model's `ram` accounts for, so
/// modelwarden measures the process behind the port it talks to.
public struct PiecesProcess: Hashable, Sendable, Encodable {
    /// The process id.
    public var pid: Int32
    /// Its name (`Name:` of `/proc/PID/status`), for people; not in `--json`.
    public var name: String
    /// VmRSS, in bytes.
    public var rssBytes: Int
    /// VmSwap, in bytes.
    public var swapBytes: Int

    /// Creates a reading.
    public init(pid: Int32, name: String, rssBytes: Int, swapBytes: Int) {
        self.pid = pid
        self.name = name
        self.rssBytes = rssBytes
        self.swapBytes = swapBytes
    }

    /// `--json` carries the documented `{pid, rss_bytes, swap_bytes}`.
    private enum CodingKeys: String, CodingKey { case pid, rssBytes, swapBytes }
}

/// Why the Pieces OS process could not be measured. It is never an error exit: the rest of
/// a command goes on without the figures.
public struct PiecesProcessAbsence: Error, Hashable, Sendable, Encodable, CustomStringConvertible {
    /// Why, as a stable code (`--json` carries it as `pieces_process_reason`).
    public enum Reason: String, Hashable, Sendable {
        /// Pieces OS is reached at a URL off this machine.
        case remote
        /// No Pieces OS URL is known yet (the watcher has not connected).
        case notConnected = "not_connected"
        /// No socket listens on the port in this network namespace.
        case noListener = "no_listener"
        /// A socket listens, and the processes that may hold it cannot be read (another user's).
        case noPermission = "no_permission"
        /// A socket listens, and no visible process holds it (hidden /proc, another PID namespace).
        case notVisible = "not_visible"
        /// The port is served by a container's port proxy, not by Pieces OS itself.
        case container
        /// A /proc file could not be read or made no sense.
        case unreadable
    }

    /// The code.
    public var reason: Reason
    /// What was found, in words.
    public var message: String

    /// Creates an absence.
    public init(_ reason: Reason, _ message: String) {
        self.reason = reason
        self.message = message
    }

    public var description: String { message }

    /// Encoded as its code alone; the words go to the table and the log.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(reason.rawValue)
    }
}

/// One look for the Pieces OS process: found, or why not.
public typealias PiecesProcessReading = Result<PiecesProcess, PiecesProcessAbsence>

extension Result where Success == PiecesProcess, Failure == PiecesProcessAbsence {
    /// The process, when it was found.
    public var process: PiecesProcess? { try? get() }

    /// Why it was not found, when it was not.
    public var absence: PiecesProcessAbsence? {
        if case .failure(let absence) = self { return absence }
        return nil
    }
}
