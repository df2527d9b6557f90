import Logging
import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Everything outside the process that a command acts on, each behind a small protocol.
///
/// The executable builds the real one (discovery and AsyncHTTPClient, journald, the system
/// clock) in one place; tests build one over ``InMemoryModelsAPI``, a recording event sink
/// and a fixed clock. Core code never builds a real implementation itself.
public struct OutsideWorld: Sendable {
    /// How Pieces OS is found and spoken to.
    public var pieces: any PiecesConnector
    /// Where systemd journal entries go.
    public var events: any EventSink
    /// The time.
    public var clock: @Sendable () -> Date
    /// Where log lines go.
    public var logger: Logger
    /// The desktop session's notification server, for a user install; nil: notices go to the
    /// journals only.
    public var desktop: (any DesktopNotifying)? = nil

    /// Creates a world.
    public init(pieces: any PiecesConnector, events: any EventSink, clock: @escaping @Sendable () -> Date, logger: Logger) {
        self.pieces = pieces
        self.events = events
        self.clock = clock
        self.logger = logger
    }
}
