import Hummingbird
import NIOCore

/// Reshapes an answer's body as a fault says: transformed, padded, truncated, dripped or cut.
enum FaultyBody {
    /// `response` with its body shaped by `fault`; unchanged when the fault shapes nothing.
    static func shape(_ response: Response, by fault: Fault) async throws -> Response {
        guard fault.transform != nil || fault.padTo != nil || fault.truncateAt != nil || fault.dripMilliseconds != nil
            || fault.cutAt != nil
        else { return response }
        var bytes = try await collect(response.body)
        if let transform = fault.transform { bytes = try FaultTransform.apply(transform, to: bytes) }
        if let size = fault.padTo, size > bytes.count { bytes += [UInt8](repeating: UInt8(ascii: " "), count: size - bytes.count) }
        if let length = fault.truncateAt { bytes = Array(bytes.prefix(max(0, length))) }
        var shaped = response
        let declared = fault.padTo != nil && fault.declareLength == false ? nil : bytes.count
        let payload = bytes
        shaped.body = ResponseBody(contentLength: declared) { writer in
            let sent = fault.cutAt.map { min(max(0, $0), payload.count) } ?? payload.count
            if let drip = fault.dripMilliseconds {
                for byte in payload.prefix(sent) {
                    try await writer.write(ByteBuffer(bytes: [byte]))
                    try await Task.sleep(for: .milliseconds(drip))
                }
            } else {
                var offset = 0
                while offset < sent {  // in 64 KiB writes, so a large body streams
                    let end = min(sent, offset + 65_536)
                    try await writer.write(ByteBuffer(bytes: payload[offset..<end]))
                    offset = end
                }
            }
            // A body cut short of its declared length: closing the connection is the only way.
            if sent < payload.count { throw ConnectionCut() }
            try await writer.finish(nil)
        }
        return shaped
    }

    private static func collect(_ body: ResponseBody) async throws -> [UInt8] {
        let collector = Collector()
        try await body.write(collector)
        return collector.bytes
    }

    private struct ConnectionCut: Error {}

    /// A writer that keeps what it is given.
    private final class Collector: ResponseBodyWriter, @unchecked Sendable {
        var bytes: [UInt8] = []
        func write(_ buffer: ByteBuffer) async throws { bytes += buffer.readableBytesView }
        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
