/// Everything a command needs to know, resolved once from flags and the environment.
///
/// Flags win over the environment, which wins over the defaults.
public struct WardenConfiguration: Sendable, Equatable {
    /// The Pieces OS URL to use, or nil to discover it.
    public var piecesURL: String?
    /// Whether a non-loopback Pieces OS URL is accepted.
    public var allowRemote: Bool
    /// The deadline of each request to Pieces OS.
    public var requestTimeout: Duration

    /// The environment variable that sets the Pieces OS URL.
    public static let piecesURLVariable = "MODELWARDEN_PIECES_URL"

    /// Creates a configuration.
    public init(piecesURL: String? = nil, allowRemote: Bool = false, requestTimeout: Duration = .seconds(5)) {
        self.piecesURL = piecesURL
        self.allowRemote = allowRemote
        self.requestTimeout = requestTimeout
    }

    /// Resolves the flags against `environment`; an empty value counts as unset.
    public static func resolve(piecesURLFlag: String?, environment: [String: String]) -> WardenConfiguration {
        let url = [piecesURLFlag, environment[piecesURLVariable]].compactMap { $0 }.first { !$0.isEmpty }
        return WardenConfiguration(piecesURL: url)
    }
}
