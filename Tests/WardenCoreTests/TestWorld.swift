import Foundation
import Logging
import ModelsSimulator
import PiecesModels
@testable import WardenCore

extension OutsideWorld {
    /// A world over the real HTTP client (for tests against the simulator's server) or the
    /// in-memory twin, recording journal entries, at a fixed time.
    static func testing(
        pieces: any PiecesConnector = HTTPConnector(discovery: PiecesDiscovery(httpClient: .loopback), http: .loopback),
        events: any EventSink = RecordingEventSink(), at now: Date = PassRunnerTests.t0
    ) -> OutsideWorld {
        OutsideWorld(pieces: pieces, events: events, clock: { now }, logger: Logger(label: "test"))
    }
}

/// Policy files for tests.
enum TestPolicy {
    /// Turns notices off, for the tests of what a pass does once a deletion is due (notices have
    /// their own tests): a file of its own, so that other files still set what they set.
    static let noticesOff = (file: "00-notices-off.yaml", text: "version: 1\nretention:\n  notice_before: 0s\n")
}
