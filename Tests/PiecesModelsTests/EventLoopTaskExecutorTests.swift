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

    @Test func thePairIsTheCurrentLoopAndAnother() throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        defer { try? group.syncShutdownGracefully() }
        for loop in group.makeIterator() {
            let (current, beside) = try loop.submit {
                let pair = EventLoopTaskExecutor.currentAndBeside(in: group)
                return (pair.current.group.next(), pair.beside.group.next())
            }.wait()
            #expect(current === loop)
            #expect(beside !== loop && group.makeIterator().contains { $0 === beside })
        }
        let off = EventLoopTaskExecutor.currentAndBeside(in: group)
        #expect(off.current.group.next() !== off.beside.group.next(), "off the loops: still two loops")
    }

    @Test func aGroupOfOneLoopPairsItWithItself() throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        let pair = EventLoopTaskExecutor.currentAndBeside(in: group)
        #expect(pair.current.group.next() === group.next() && pair.beside.group.next() === group.next())
    }

    /// What the watcher relies on: a task pinned to a loop is not carried off to the loop that
    /// resumed it (an answer on the other loop), and its sleeps come back to it too.
    @Test func aPinnedTaskStaysOnItsLoopWhicheverLoopResumesIt() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let (pinned, other) = EventLoopTaskExecutor.currentAndBeside(in: group)
        let home = pinned.group.next(), away = other.group.next()
        let stayed = await Task(executorPreference: pinned) { () -> [Bool] in
            var stayed: [Bool] = []
            for _ in 0..<6 {
                try? await away.scheduleTask(in: .milliseconds(1)) {}.futureResult.get()
                stayed.append(home.inEventLoop)
                try? await Task.sleep(for: .milliseconds(1))
                stayed.append(home.inEventLoop)
            }
            return stayed
        }.value
        try await group.shutdownGracefully()
        #expect(stayed.count == 12 && stayed.allSatisfy { $0 }, "\(stayed)")
    }
}
