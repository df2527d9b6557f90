import PiecesModels
import Testing

@Suite("Sleeping on the event loop")
struct EventLoopSleepTests {
    @Test(arguments: [Duration.milliseconds(20), .milliseconds(1), .nanoseconds(1)])
    func sleepsAtLeastTheDuration(_ duration: Duration) async throws {
        let clock = ContinuousClock()
        let start = clock.now
        try await EventLoopSleep.sleep(for: duration)
        #expect(clock.now - start >= duration)
    }

    @Test(arguments: [Duration.zero, .milliseconds(-5)])
    func zeroOrNegativeReturnsAtOnce(_ duration: Duration) async throws {
        try await EventLoopSleep.sleep(for: duration)
    }

    @Test func aCancelledSleepThrowsCancellationError() async {
        let sleeper = Task { try await EventLoopSleep.sleep(for: .seconds(3600)) }
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
    }
}
