import Hummingbird
import Logging
import PiecesModels
import ServiceLifecycle

/// Runs a server for the duration of `body`, then shuts it down gracefully.
///
/// `build` receives the callback to pass as `onListening`; `body` receives the bound port once
/// the server accepts connections, so callers wait on that event rather than on a sleep.
public func withRunningServer<App: ApplicationProtocol, Result: Sendable>(
    logger: Logger,
    _ build: (@escaping @Sendable (Int) async -> Void) throws -> App,
    _ body: @Sendable (Int) async throws -> Result
) async throws -> Result {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let app = try build { port in continuation.yield(port) }
    let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
    return try await withThrowingTaskGroup(of: Result?.self) { tasks in
        tasks.addTask {
            defer { continuation.finish() }
            try await group.run()
            return nil
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            // The server ended before listening; its error, if any, surfaces here.
            while let _ = try await tasks.next() {}
            throw SimulatorStartupError.cannotListen(host: "?", port: 0, cause: "the server stopped before listening")
        }
        let result: Swift.Result<Result, any Error>
        do {
            result = .success(try await body(port))
        } catch {
            result = .failure(error)
        }
        await group.triggerGracefulShutdown()
        try await tasks.waitForAll()
        return try result.get()
    }
}

/// Runs the simulator on a free loopback port for the duration of `body`.
public func withSimulator<Result: Sendable>(
    _ configuration: SimulatorConfiguration = SimulatorConfiguration(port: 0),
    _ body: @Sendable (PiecesEndpoint) async throws -> Result
) async throws -> Result {
    var logger = Logger(label: "modelwarden-sim")
    logger.logLevel = .warning
    return try await withRunningServer(logger: logger, { onListening in
        try buildApplication(configuration: configuration, logger: logger, onListening: onListening)
    }) { port in
        try await body(try PiecesEndpoint("http://\(configuration.host):\(port)"))
    }
}
