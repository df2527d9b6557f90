import PiecesModels

/// Gathers what `modelwarden status` shows.
public enum StatusService {
    /// Finds Pieces OS, takes a snapshot, and builds the report.
    public static func collect(
        _ configuration: WardenConfiguration, discovery: PiecesDiscovery = PiecesDiscovery()
    ) async throws -> StatusReport {
        let endpoint = try await discovery.endpoint(
            configured: configuration.piecesURL, allowRemote: configuration.allowRemote)
        let client = PiecesHTTPClient(endpoint: endpoint, timeout: configuration.requestTimeout)
        return StatusReport(piecesURL: endpoint.baseURL, snapshot: try await client.snapshot())
    }
}
