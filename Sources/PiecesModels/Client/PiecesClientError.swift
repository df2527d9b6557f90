/// Why a call to Pieces OS failed, with a message a person can act on.
public enum PiecesClientError: Error, Hashable, Sendable, CustomStringConvertible {
    /// One URL that was tried and why it gave no usable answer.
    public struct Attempt: Hashable, Sendable {
        /// The URL requested.
        public var url: String
        /// Why it failed, e.g. `connection refused` or `timed out after 0.5 s`.
        public var cause: String

        /// The cause of a connection refused: nothing listens, so the request never left.
        public static let refused = "connection refused"

        /// Creates an attempt.
        public init(url: String, cause: String) {
            self.url = url
            self.cause = cause
        }
    }

    /// The configured URL is not a usable http(s) base URL.
    case invalidURL(String, reason: String)
    /// The URL is not on loopback and `allow_remote` is off.
    case remoteNotAllowed(String)
    /// A model id that cannot be sent as one path segment.
    case invalidModelID(String, reason: String)
    /// No URL answered.
    case unreachable([Attempt])
    /// Pieces OS answered with a status other than the one expected.
    case http(method: String, path: String, status: Int, bodyExcerpt: String)
    /// Pieces OS answered with a redirect, which modelwarden never follows.
    case redirected(method: String, path: String, status: Int, location: String?)
    /// Pieces OS answered `status` with a body larger than ``PiecesHTTPClient/maximumBodyBytes``.
    case oversized(method: String, path: String, status: Int, limit: Int)
    /// Pieces OS answered with a body that is not what the API documents.
    case undecodable(method: String, path: String, expected: String, location: String, detail: String)

    /// Whether trying again may help: a transport failure or a 5xx answer.
    public var isTransient: Bool {
        switch self {
        case .unreachable: return true
        case .http(_, _, let status, _): return status >= 500
        default: return false
        }
    }

    /// Whether the request certainly never reached Pieces OS: refused before it was sent, or
    /// its connection refused. Anything else may have taken effect.
    public var neverSent: Bool {
        switch self {
        case .invalidURL, .remoteNotAllowed, .invalidModelID: true
        case .unreachable(let attempts): !attempts.isEmpty && attempts.allSatisfy { $0.cause == Attempt.refused }
        default: false
        }
    }

    /// The HTTP status Pieces OS answered, when an answer arrived.
    public var receivedStatus: Int? {
        switch self {
        case .http(_, _, let status, _), .redirected(_, _, let status, _), .oversized(_, _, let status, _): status
        default: nil
        }
    }

    public var description: String {
        switch self {
        case .invalidURL(let url, let reason):
            return "invalid Pieces OS URL \"\(url)\": \(reason); use e.g. http://127.0.0.1:39300"
        case .remoteNotAllowed(let url):
            return "refusing non-loopback Pieces OS URL \(url): Pieces OS listens on loopback only; "
                + "set pieces.allow_remote: true in the policy if this is really intended"
        case .invalidModelID(let id, let reason):
            return "invalid model id \"\(id)\": \(reason)"
        case .unreachable(let attempts):
            let tried = attempts.map { "  \($0.url): \($0.cause)" }.joined(separator: "\n")
            return "Pieces OS is unreachable; tried \(attempts.count) URL(s):\n\(tried)\n"
                + "Is Pieces OS running?"
        case .http(let method, let path, let status, let body):
            let excerpt = body.isEmpty ? "(empty body)" : body
            return "Pieces OS answered \(method) \(path) with HTTP \(status): \(excerpt)"
        case .redirected(let method, let path, let status, let location):
            let target = location.map { "to \"\($0)\"" } ?? "without a Location"
            return "Pieces OS answered \(method) \(path) with a redirect (HTTP \(status)) \(target); "
                + "modelwarden never follows redirects: check pieces.url, or what listens on that port"
        case .oversized(let method, let path, let status, let limit):
            return "Pieces OS answered \(method) \(path) (HTTP \(status)) with a body larger than \(ByteCount(limit)), "
                + "the limit modelwarden reads; refused without reading the rest"
        case .undecodable(let method, let path, let expected, let location, let detail):
            return "Pieces OS answered \(method) \(path) with a body that is not a valid \(expected): "
                + "at \(location): \(detail)"
        }
    }
}
