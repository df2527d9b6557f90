import AsyncHTTPClient
import Foundation
import NIOCore
import PiecesModels
import TestSupport

/// Drives the simulator's control and scenario routes from process-level tests.
enum SimulatorControl {
    /// POSTs `body` to `url` and returns the status.
    static func post(_ url: String, body: String = "") async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await HTTPClient.loopback.execute(request, timeout: .seconds(30))
        _ = try await response.body.collect(upTo: 1 << 26)  // a fault is echoed back, its body included
        return Int(response.status.code)
    }

    /// DELETEs `url` and returns the status.
    @discardableResult
    static func delete(_ url: String) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .DELETE
        let response = try await HTTPClient.loopback.execute(request, timeout: TimeAmount(TestDeadline.patient))
        _ = try await response.body.collect(upTo: 1 << 20)
        return Int(response.status.code)
    }

    /// GETs `url` and returns the body as text.
    static func get(_ url: String) async throws -> String {
        let response = try await HTTPClient.loopback.execute(HTTPClientRequest(url: url), timeout: TimeAmount(TestDeadline.patient))
        let body = try await response.body.collect(upTo: 1 << 20)
        return String(buffer: body)
    }

    /// The requests the simulator answered, as `METHOD path status` lines.
    static func requests(_ base: String) async throws -> [String] {
        let response = try await HTTPClient.loopback.execute(HTTPClientRequest(url: base + "/_sim/requests"), timeout: TimeAmount(TestDeadline.patient))
        let body = try await response.body.collect(upTo: 1 << 26)
        let entries = try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [[String: Any]] ?? []
        return entries.map { "\($0["method"] ?? "") \($0["path"] ?? "") \($0["status"] ?? "")" }
    }
}
