import AsyncHTTPClient
import NIOCore
import NIOHTTP1

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension PiecesHTTPClient {
    /// One answer: its status and its whole body.
    struct Answer: Sendable {
        var status: Int
        var body: Data
    }

    /// Sends one request and reads its whole answer within one deadline.
    ///
    /// AsyncHTTPClient's deadline ends when the head arrives, and its read timeout restarts with
    /// every byte, so a peer that drips its body would hold the caller for ever. The exchange,
    /// body included, therefore races a timer; the loser is cancelled, which closes the
    /// connection. A status outside `accepted` throws, a redirect included (the client never
    /// follows one), and so does a body over ``maximumBodyBytes``, declared or not.
    func exchange(
        _ method: HTTPMethod, _ path: String, body: Data? = nil, accepting accepted: Range<Int>
    ) async throws -> Answer {
        let url = endpoint.url(path)
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let answer: (HTTPResponseHead, ByteBuffer?)
        do {
            answer = try await withDeadline { [http, timeout, request] in
                let response = try await http.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
                let head = HTTPResponseHead(version: response.version, status: response.status, headers: response.headers)
                do {
                    return (head, try await response.body.collect(upTo: Self.maximumBodyBytes))
                } catch is NIOTooManyBytesError {
                    return (head, nil)  // the status still counts: a POST's effect is judged by it
                }
            }
        } catch {
            throw PiecesClientError.unreachable([.init(url: url, cause: TransportFailure.describe(error, timeout: timeout))])
        }
        let (head, body) = answer
        let status = Int(head.status.code)
        guard let bytes = body else {
            throw PiecesClientError.oversized(method: method.rawValue, path: path, status: status, limit: Self.maximumBodyBytes)
        }
        let data = bytes.withUnsafeReadableBytes { Data($0) }
        if accepted.contains(status) { return Answer(status: status, body: data) }
        if (300..<400).contains(status) {
            throw PiecesClientError.redirected(
                method: method.rawValue, path: path, status: status, location: head.headers.first(name: "Location"))
        }
        throw PiecesClientError.http(
            method: method.rawValue, path: path, status: status,
            bodyExcerpt: String(decoding: data.prefix(300), as: UTF8.self).escapingControlCharacters)
    }

    /// The result of `operation`, or ``DeadlineExceeded`` once `timeout` has passed.
    private func withDeadline<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await operation() }
            group.addTask { [timeout] in
                try await EventLoopSleep.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let result = first else { throw DeadlineExceeded() }
            return result
        }
    }
}

/// The whole exchange, body included, outlasted the request's deadline.
struct DeadlineExceeded: Error {}
