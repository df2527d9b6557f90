/// Why the simulator could not start, as one line for the terminal.
public enum SimulatorStartupError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A models or state file could not be read or decoded.
    case unreadableModels(path: String, cause: String)
    /// Another process holds the address.
    case addressInUse(host: String, port: Int)
    /// The address could not be bound for another reason.
    case cannotListen(host: String, port: Int, cause: String)

    public var description: String {
        switch self {
        case .unreadableModels(let path, let cause):
            return "cannot load models from \(path): \(cause)"
        case .addressInUse(let host, let port):
            return "cannot listen on \(host):\(port): the address is already in use (choose another with --port, or 0 for any free port)"
        case .cannotListen(let host, let port, let cause):
            return "cannot listen on \(host):\(port): \(cause)"
        }
    }
}
