import Hummingbird

/// The requests the simulator answered, for tests that check what a client really sent.
actor RequestLog {
    /// One answered request.
    struct Entry: Encodable, Sendable {
        let method: String
        let path: String
        let status: Int
    }

    private var entries: [Entry] = []
    private let capacity = 100_000

    func append(_ entry: Entry) {
        entries.append(entry)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }

    func all() -> [Entry] { entries }
}

/// Records every answered request but the `/_sim/` control routes.
struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    let log: RequestLog

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response = try await next(request, context)
        let path = request.uri.path
        if !path.hasPrefix("/_sim/") {
            await log.append(.init(method: request.method.rawValue, path: path, status: Int(response.status.code)))
        }
        return response
    }
}
