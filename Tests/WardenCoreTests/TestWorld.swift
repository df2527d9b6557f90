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
