import AsyncHTTPClient
import NIOCore
import NIOHTTP1
#if canImport(Glibc)
import Glibc
#endif

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Short, readable causes for transport errors ("connection refused", "timed out after 5 s").
enum TransportFailure {
    static func describe(_ error: any Error, timeout: Duration) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .writeTimeout, .connectTimeout:
                return "timed out after \(timeout.formatted)"
            case .remoteConnectionClosed:
                return "the connection was closed before an answer"
            default:
                break
            }
        }
        if let error = error as? HTTPParserError {
            if case .invalidEOFState = error { return "the connection was closed before the whole answer arrived" }
            return "the answer is not valid HTTP (\(error))"
        }
        if error is DeadlineExceeded {
            return "timed out after \(timeout.formatted)"
        }
        if let error = error as? IOError {
            return describe(errno: error.errnoCode)
        }
        let text = String(describing: error)
        if text.lowercased().contains("refused") { return PiecesClientError.Attempt.refused }
        return text
    }

    private static func describe(errno code: Int32) -> String {
        switch code {
        case ECONNREFUSED: return PiecesClientError.Attempt.refused
        case ETIMEDOUT: return "timed out"
        case EHOSTUNREACH, ENETUNREACH: return "no route to host"
        default: return "I/O error \(code)"
        }
    }
}

/// Where and why JSON decoding failed, in the words of the API (`iterable[3].created.value`).
public enum DecodingFailure {
    /// The location (a key path) and the cause of `error`.
    public static func describe(_ error: DecodingError) -> (location: String, detail: String) {
        switch error {
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(name(of: type)); \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "expected \(name(of: type)), found null")
        case .keyNotFound(let key, let context):
            return (path(context.codingPath + [key]), "the required key \"\(key.stringValue)\" is missing")
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            return (path(context.codingPath), context.debugDescription + underlying)
        @unknown default:
            return ("(unknown)", String(describing: error))
        }
    }

    /// `iterable[3].created.value` for a coding path.
    public static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return text.isEmpty ? "the top level" : text
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Int.Type, is Double.Type: return "a number"
        default: return "\(type)"
        }
    }
}

extension Duration {
    /// `5 s`, `0.5 s`.
    var formatted: String {
        let milliseconds = nanoseconds / 1_000_000
        return milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(Double(milliseconds) / 1000) s"
    }
}
