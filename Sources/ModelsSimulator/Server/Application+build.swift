import Hummingbird
import Logging
import NIOCore
import PiecesModels

#if canImport(Glibc)
import Glibc
#endif

/// Builds the simulator: loads the starting models, writes the state and meminfo files, and
/// returns the server, ready to run. Tests call this directly with `port: 0`.
///
/// `onListening` receives the bound port once the server accepts connections.
public func buildApplication(
    configuration: SimulatorConfiguration,
    logger: Logger = Logger(label: "modelwarden-sim"),
    onListening: @escaping @Sendable (Int) async -> Void = { _ in }
) throws(SimulatorStartupError) -> some ApplicationProtocol {
    let models = try CatalogStore.initialModels(configuration)
    let catalog = ModelCatalog(models: models, observer: { snapshot in
        CatalogStore.persist(snapshot, configuration, logger: logger)
    })
    CatalogStore.persist(Models(iterable: models, schema: .current), configuration, logger: logger)

    let faults = FaultPlan(configuration.faults)
    let requests = RequestLog()
    let router = Router()
    router.add(middleware: RequestLogMiddleware(log: requests))
    router.add(middleware: JSONErrorMiddleware())
    router.add(middleware: FaultMiddleware(plan: faults))
    SimulatorRoutes(catalog: catalog).add(to: router)
    FaultRoutes(plan: faults).add(to: router)
    router.get("/_sim/requests") { _, _ in try JSONResponses.ok(await requests.all()) }
    return Application(
        router: router,
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "modelwarden-sim"),
        onServerRunning: { channel in await onListening(channel.localAddress?.port ?? configuration.port) },
        logger: logger
    )
}

/// Maps a failure of `run()` to a one-line startup error where it is one (a port in use).
public func describeRunFailure(_ error: any Error, configuration: SimulatorConfiguration) -> any Error {
    if let error = error as? IOError {
        if error.errnoCode == EADDRINUSE { return SimulatorStartupError.addressInUse(host: configuration.host, port: configuration.port) }
        return SimulatorStartupError.cannotListen(host: configuration.host, port: configuration.port, cause: "\(error)")
    }
    return error
}
