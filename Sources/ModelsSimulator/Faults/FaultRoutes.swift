import Hummingbird

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
