import Hummingbird
import NIOCore

/// Applies the fault plan before the real handlers; `/_sim/` control routes are exempt.
struct FaultMiddleware<Context: RequestContext>: RouterMiddleware {
    let plan: FaultPlan

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = request.uri.path
        guard !path.hasPrefix("/_sim/"), let fault = await plan.take(method: request.method.rawValue, path: path) else {
            return try await next(request, context)
        }
        if let delay = fault.delayMilliseconds {
            try await Task.sleep(for: .milliseconds(delay))
        }
        var response: Response
        if fault.replacesAnswer, fault.afterEffect != true {
            response = Response(status: .init(code: fault.status ?? 200), body: .init(byteBuffer: ByteBuffer(string: fault.body ?? "")))
        } else {
            response = try await next(request, context)
            if fault.replacesAnswer {
                response = Response(
                    status: .init(code: fault.status ?? Int(response.status.code)),
                    body: .init(byteBuffer: ByteBuffer(string: fault.body ?? "")))
            }
        }
        response.headers[.contentType] = "application/json"
        if let location = fault.location { response.headers[.location] = location }
        return try await FaultyBody.shape(response, by: fault)
    }
}
