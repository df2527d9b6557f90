import NIOCore
import NIOPosix
@testable import PiecesModels
import Testing

/// Tasks on the event loops: a task resumed from a loop stays there instead of waking another
/// loop's thread at every `await`, and work that must keep its pace can ask for another loop.
@Suite("The event-loop task executor")
struct EventLoopTaskExecutorTests {
    /// The loop the calling job runs on, or nil off the loops.
    static func currentLoop(of group: MultiThreadedEventLoopGroup) -> (any EventLoop)? {
        group.makeIterator().first { $0.inEventLoop }
    }

    @Test(arguments: [2, 4])
    func aTaskResumedFromItsLoopStaysOnIt(loops: Int) async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: loops)
        let executor = EventLoopTaskExecutor(group)
        let visited = await Task(executorPreference: executor) { () -> [ObjectIdentifier?] in
            var visited: [ObjectIdentifier?] = []
            for _ in 0..<12 {
                guard let loop = Self.currentLoop(of: group) else { visited.append(nil); break }
                visited.append(ObjectIdentifier(loop))
                // Resumed by the loop's own thread, as the HTTP client's answers resume a pass.
                try? await loop.scheduleTask(in: .milliseconds(1)) {}.futureResult.get()
            }
            return visited
        }.value
        try await group.shutdownGracefully()
        #expect(visited.count == 12)
        #expect(!visited.contains(nil), "every job ran on one of the group's loops")
        #expect(Set(visited).count == 1, "every job ran on the loop the task started on")
    }

    @Test func besideTheCurrentLoopIsAnotherLoop() throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        defer { try? group.syncShutdownGracefully() }
        for loop in group.makeIterator() {
            let beside = try loop.submit { EventLoopTaskExecutor.besideCurrentLoop(of: group).group.next() }.wait()
            #expect(beside !== loop)
            #expect(group.makeIterator().contains { $0 === beside })
        }
    }

    @Test func aGroupOfOneLoopHasNoOtherToOffer() throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let loop = group.next()
        let beside = try loop.submit { EventLoopTaskExecutor.besideCurrentLoop(of: group).group.next() }.wait()
        #expect(beside === loop)
    }
}
