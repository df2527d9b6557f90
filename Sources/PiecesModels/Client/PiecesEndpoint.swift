#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// A validated base URL of the Pieces OS API, e.g. `http://127.0.0.1:39300`.
public struct PiecesEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// The base URL without a trailing slash.
    public let baseURL: String
    /// The host, without IPv6 brackets.
    public let host: String

    /// Validates `text`; a host off loopback is refused unless `allowRemote` is set.
    public init(_ text: String, allowRemote: Bool = false) throws(PiecesClientError) {
        let trimmed = text.trimmingWhitespace
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased() else {
            throw .invalidURL(text, reason: "not a URL")
        }
        guard scheme == "http" || scheme == "https" else {
            throw .invalidURL(text, reason: "the scheme must be http or https, not \(scheme)")
        }
        guard let rawHost = url.host, !rawHost.isEmpty else {
            throw .invalidURL(text, reason: "it has no host")
        }
        if let port = Self.portText(of: trimmed), !(port.allSatisfy(\.isASCII) && (Int(port).map { (1...65535).contains($0) } ?? false)) {
            throw .invalidURL(text, reason: "the port \(port) is not a number in 1–65535")
        }
        guard url.query == nil, url.fragment == nil, url.user == nil else {
            throw .invalidURL(text, reason: "it must not carry credentials, a query or a fragment")
        }
        let host = rawHost.hasPrefix("[") ? String(rawHost.dropFirst().dropLast()) : rawHost
        guard allowRemote || Self.isLoopback(host: host) else { throw .remoteNotAllowed(trimmed) }
        var base = trimmed
        while base.hasSuffix("/") { base.removeLast() }
        self.baseURL = base
        self.host = host
    }

    /// Whether `host` names this machine: `localhost`, `127.0.0.0/8` or `::1`.
    public static func isLoopback(host: String) -> Bool {
        let lowered = host.lowercased()
        if lowered == "localhost" || lowered == "::1" || lowered == "0:0:0:0:0:0:0:1" { return true }
        let octets = lowered.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4, octets[0] == "127" else { return false }
        return octets.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && part.allSatisfy(\.isASCII) && (UInt8(part) != nil)
        }
    }

    /// The port as written in `url` (`39300` of `http://[::1]:39300/x`), or nil when none is.
    ///
    /// Read from the text rather than from `URL.port`, which turns a port beyond 64 bits into nil.
    static func portText(of url: String) -> Substring? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        var authority = url[schemeEnd.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") { authority = authority[close...] }
        guard let colon = authority.lastIndex(of: ":") else { return nil }
        return authority[authority.index(after: colon)...]
    }

    /// The absolute URL of `path`, which starts with `/`.
    public func url(_ path: String) -> String { baseURL + path }

    public var description: String { baseURL }
}
