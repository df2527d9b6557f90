import Hummingbird

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
        guard fault.status != nil || fault.body != nil else { return try await next(request, context) }
        return Response(
            status: .init(code: fault.status ?? 200), headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: fault.body ?? "")))
    }
}

/// `/_sim/faults`: add (`POST`), list (`GET`) and clear (`DELETE`) injected faults.
struct FaultRoutes {
    let plan: FaultPlan

    func add(to router: Router<BasicRequestContext>) {
        router.get("/_sim/faults") { _, _ in try JSONResponses.ok(await plan.list()) }
        router.post("/_sim/faults") { request, _ in
            guard let fault = try await JSONResponses.decode(Fault.self, from: request, optional: false) else {
                throw CatalogError.badRequest("a fault body is required")
            }
            await plan.add(fault)
            return try JSONResponses.ok(fault, status: .created)
        }
        router.delete("/_sim/faults") { _, _ in
            await plan.clear()
            return JSONResponses.empty()
        }
    }
}
