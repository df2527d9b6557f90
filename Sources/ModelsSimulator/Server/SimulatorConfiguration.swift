import PiecesModels

/// Everything `modelwarden-sim` is started with, parsed once.
public struct SimulatorConfiguration: Sendable {
    /// The address to bind; loopback by default, as Pieces OS.
    public var host: String
    /// The port to bind; 0 picks a free one. The default is the first of the discovery range.
    public var port: Int
    /// A `GET /models` body to start from; nil uses ``BuiltInCatalog``.
    public var modelsFile: String?
    /// Where the catalog is persisted after each change; when it exists it is the start state.
    public var stateFile: String?
    /// A meminfo file kept up to date with the loaded models.
    public var meminfo: MeminfoFile?
    /// Faults in force from the start; more can be posted to `/_sim/faults`.
    public var faults: [Fault]

    /// Creates a configuration.
    public init(
        host: String = "127.0.0.1", port: Int = PiecesDiscovery.defaultPorts.lowerBound,
        modelsFile: String? = nil, stateFile: String? = nil, meminfo: MeminfoFile? = nil, faults: [Fault] = []
    ) {
        self.faults = faults
        self.host = host
        self.port = port
        self.modelsFile = modelsFile
        self.stateFile = stateFile
        self.meminfo = meminfo
    }
}
