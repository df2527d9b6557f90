import Foundation
import ModelsSimulator
import PiecesModels
import TestSupport
@testable import WardenCore

/// A month of real passes on the twin, the journal behind the observation tests: Llama pinned
/// until day 60, Granite (stale after 10 days) noticed on day 11 and deleted on day 14, an
/// unload under pressure on day 11, and Phi noticed on day 31 to go on day 34.
struct ObservedScene {
    static let t0 = PassRunnerTests.t0
    static let llama = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b01"
    static let phi = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b02"
    static let granite = "6e9a3c1e-2d7b-4c8e-9b1a-0f4d5e6a7b03"
    static let graniteBytes = 4_600_000_000

    static func day(_ days: Double) -> Date { t0.addingTimeInterval(days * 86_400) }

    static let policy = """
        retention:
          notice_before: 3d
          rules:
            - name: keep-llama
              match: { name: "Llama*" }
              keep: true
              keep_until: \(RFC3339.format(day(60)))
              reason: daily driver
            - name: granite-short
              match: { name: "Granite*" }
              stale_after: 10d
            - name: everything-else
              stale_after: 30d
        """

    let twin: TwinPassTests.Scene
    let journal: JournalDatabase

    /// Runs the month; `(day, MemAvailable in GiB)` per pass.
    static func month() async throws -> ObservedScene {
        let twin = try TwinPassTests.Scene()
        for (day, available) in [(0.0, 9), (11, 1), (14, 9), (31, 9)] {
            _ = try await twin.pass(at: Self.day(day), yaml: policy, availableGiB: available)
        }
        let journal = try JournalDatabase.open(at: JournalLocation(path: twin.directory.path("journal.sqlite"), createsDirectories: false))
        return ObservedScene(twin: twin, journal: journal)
    }

    /// The observations of days -1 to 31.
    func observations() throws -> Observations {
        try journal.observations(since: Self.day(-1), until: Self.day(31), host: "test-host")
    }
}
