/// A failure the simulator injects into matching requests, for reliability tests.
///
/// Posted as JSON to `POST /_sim/faults`, e.g.
/// `{"method": "POST", "path": "/models/*/delete/cache", "status": 500, "times": 1}`.
public struct Fault: Codable, Hashable, Sendable {
    /// The HTTP method to match; nil matches any.
    public var method: String?
    /// The path to match; `*` matches one segment.
    public var path: String
    /// Answer with this status instead of the real handler.
    public var status: Int?
    /// Answer with this raw body (e.g. malformed JSON) instead of the real handler.
    public var body: String?
    /// Wait this long before answering.
    public var delayMilliseconds: Int?
    /// Apply to this many requests, then disappear; nil applies until cleared.
    public var times: Int?

    /// Creates a fault.
    public init(
        method: String? = nil, path: String, status: Int? = nil, body: String? = nil,
        delayMilliseconds: Int? = nil, times: Int? = nil
    ) {
        self.method = method
        self.path = path
        self.status = status
        self.body = body
        self.delayMilliseconds = delayMilliseconds
        self.times = times
    }

    /// Whether the fault applies to `method` `path`.
    public func matches(method: String, path: String) -> Bool {
        if let expected = self.method, expected.uppercased() != method.uppercased() { return false }
        let pattern = self.path.split(separator: "/", omittingEmptySubsequences: false)
        let actual = path.split(separator: "/", omittingEmptySubsequences: false)
        return pattern.count == actual.count && zip(pattern, actual).allSatisfy { $0 == "*" || $0 == $1 }
    }

    private enum CodingKeys: String, CodingKey {
        case method, path, status, body, times
        case delayMilliseconds = "delay_ms"
    }
}

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
