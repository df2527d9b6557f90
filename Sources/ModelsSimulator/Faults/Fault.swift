/// A failure the simulator injects into matching requests, for reliability tests.
///
/// Posted as JSON to `POST /_sim/faults`, e.g.
/// `{"method": "POST", "path": "/models/*/delete/cache", "status": 500, "times": 1}`.
/// Without `after_effect`, a fault with a `status`, `body` or `location` answers instead of the
/// real handler; the other fields shape whatever answer goes out (the real one or the fault's).
public struct Fault: Codable, Hashable, Sendable {
    /// A change to the real answer's JSON, to serve a catalog no real Pieces OS should.
    public enum Transform: String, Codable, Hashable, Sendable, CaseIterable {
        /// An idle, downloaded copy of the first model under the same id.
        case duplicateIDs = "duplicate_ids"
        /// Idle, downloaded LLMs whose ids cannot be one path segment (empty, `..`, escapes, 1,025 bytes).
        case unaddressableIDs = "unaddressable_ids"
        /// A negative size, a size beyond 64 bits, a RAM size of 1e300 and a score beyond 64 bits.
        case oddNumbers = "odd_numbers"
    }

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
    /// A `Location` header, for a redirect status.
    public var location: String?
    /// Carry the real request out first, then answer as the fault says (a POST that took effect).
    public var afterEffect: Bool?
    /// Send the body one byte at a time, this many milliseconds apart.
    public var dripMilliseconds: Int?
    /// Declare the whole body's length, send this many bytes of it, then close the connection.
    public var cutAt: Int?
    /// Cut the body to this many bytes and declare that length: a complete answer, cut short.
    public var truncateAt: Int?
    /// Pad the body with spaces to this many bytes (valid JSON, too large to be read).
    public var padTo: Int?
    /// Whether a padded body declares its length; without it the answer is chunked.
    public var declareLength: Bool?
    /// Change the real answer's JSON.
    public var transform: Transform?
    /// Apply to this many requests, then disappear; nil applies until cleared.
    public var times: Int?

    /// Creates a fault.
    public init(
        method: String? = nil, path: String, status: Int? = nil, body: String? = nil,
        delayMilliseconds: Int? = nil, times: Int? = nil, location: String? = nil, afterEffect: Bool? = nil,
        dripMilliseconds: Int? = nil, cutAt: Int? = nil, truncateAt: Int? = nil, padTo: Int? = nil,
        declareLength: Bool? = nil, transform: Transform? = nil
    ) {
        self.method = method
        self.path = path
        self.status = status
        self.body = body
        self.delayMilliseconds = delayMilliseconds
        self.times = times
        self.location = location
        self.afterEffect = afterEffect
        self.dripMilliseconds = dripMilliseconds
        self.cutAt = cutAt
        self.truncateAt = truncateAt
        self.padTo = padTo
        self.declareLength = declareLength
        self.transform = transform
    }

    /// Whether the fault answers in place of the real handler.
    var replacesAnswer: Bool { status != nil || body != nil || location != nil }

    /// Whether the fault applies to `method` `path`.
    public func matches(method: String, path: String) -> Bool {
        if let expected = self.method, expected.uppercased() != method.uppercased() { return false }
        let pattern = self.path.split(separator: "/", omittingEmptySubsequences: false)
        let actual = path.split(separator: "/", omittingEmptySubsequences: false)
        return pattern.count == actual.count && zip(pattern, actual).allSatisfy { $0 == "*" || $0 == $1 }
    }

    private enum CodingKeys: String, CodingKey {
        case method, path, status, body, times, location, transform
        case delayMilliseconds = "delay_ms", afterEffect = "after_effect", dripMilliseconds = "drip_ms"
        case cutAt = "cut_at", truncateAt = "truncate_at", padTo = "pad_to", declareLength = "declare_length"
    }
}

