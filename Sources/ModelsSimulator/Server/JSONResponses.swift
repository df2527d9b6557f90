import Hummingbird
import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// JSON bodies in, JSON bodies and JSON errors out.
enum JSONResponses {
    /// Request bodies larger than this are refused.
    static let maximumRequestBytes = 16 * 1024 * 1024

    static func ok(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try JSONEncoder().encode(value)
        return Response(
            status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func empty() -> Response { Response(status: .noContent) }

    static func error(_ error: CatalogError) -> Response {
        struct Body: Encodable { let status: Int, error: String, message: String }
        let data = (try? JSONEncoder().encode(Body(status: error.status, error: error.code, message: error.message))) ?? Data()
        return Response(
            status: .init(code: error.status), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Decodes a JSON body of `type`; nil when the body is empty and `optional` is true.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, optional: Bool) async throws -> T? {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maximumRequestBytes)
        } catch {
            throw CatalogError(status: 413, code: "body_too_large", message: "the body exceeds \(maximumRequestBytes) bytes")
        }
        let bytes = Data(buffer.readableBytesView)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            if optional { return nil }
            throw CatalogError.badRequest("a JSON \(type) body is required")
        }
        do {
            return try JSONDecoder().decode(type, from: bytes)
        } catch let error as DecodingError {
            let (location, detail) = DecodingFailure.describe(error)
            throw CatalogError.badRequest("the body is not a valid \(type): at \(location): \(detail)")
        } catch {
            throw CatalogError.badRequest("the body is not valid JSON: \(error)")
        }
    }
}

/// Turns every failure, including unknown routes, into a JSON error body; nothing crashes the server.
struct JSONErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as CatalogError {
            return JSONResponses.error(error)
        } catch let error as HTTPError {
            let status = Int(error.status.code)
            let code = status == 404 ? "not_found" : status == 405 ? "method_not_allowed" : "http_error"
            let message = error.body ?? "\(request.method) \(request.uri.path): \(error.status.reasonPhrase)"
            return JSONResponses.error(CatalogError(status: status, code: code, message: message))
        } catch {
            return JSONResponses.error(CatalogError(status: 500, code: "internal_error", message: "\(error)"))
        }
    }
}
