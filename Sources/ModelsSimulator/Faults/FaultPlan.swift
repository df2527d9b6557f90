/// The faults in force, consumed as they apply.
actor FaultPlan {
    private var faults: [Fault]

    init(_ faults: [Fault]) { self.faults = faults }

    func add(_ fault: Fault) { faults.append(fault) }

    func clear() { faults.removeAll() }

    func list() -> [Fault] { faults }

    /// The first fault for this request, counting it against its `times`.
    func take(method: String, path: String) -> Fault? {
        guard let index = faults.firstIndex(where: { $0.matches(method: method, path: path) }) else { return nil }
        let fault = faults[index]
        if let times = fault.times {
            if times <= 1 { faults.remove(at: index) } else { faults[index].times = times - 1 }
        }
        return fault
    }
}
