import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON changes of ``Fault/Transform``: a catalog no real Pieces OS should serve, built
/// from the real one so that everything else in it stays true.
enum FaultTransform {
    /// A number beyond 64 bits, and one far beyond, written as JSON literals.
    private static let huge = "184467440737095516160", infinite = "1e300"

    /// `bytes` (a `Models` or a `Model` answer) changed by `transform`.
    static func apply(_ transform: Fault.Transform, to bytes: [UInt8]) throws -> [UInt8] {
        guard case .object(var top) = try JSONDecoder().decode(JSONValue.self, from: Data(bytes)) else { return bytes }
        var models: [JSONValue]
        if case .array(let listed) = top["iterable"] { models = listed } else { models = [.object(top)] }
        switch transform {
        case .duplicateIDs:
            // The copy of a loaded model reads idle: deleting it would delete the loaded one's files.
            let index = models.firstIndex { $0["loaded"] == .bool(true) } ?? 0
            if case .object(var copy) = models[safe: index] {
                copy["loaded"] = .bool(false)
                copy["downloading"] = .bool(false)
                copy["downloaded"] = .bool(true)
                models.append(.object(copy))
            }
        case .unaddressableIDs:
            let idle = models.first { $0["loaded"] != .bool(true) && $0["downloaded"] == .bool(true) } ?? models.first
            if case .object(var copy) = idle {
                for id in ["", ".", "..", "evil\u{1B}]0;pwned\u{07}", String(repeating: "x", count: 1025)] {
                    copy["id"] = .string(id)
                    models.append(.object(copy))
                }
            }
        case .oddNumbers:
            let changes: [(String, String, JSONValue)] = [
                ("bytes", "value", .number(-1)), ("bytes", "value", .string(huge)),
                ("ram", "value", .string(infinite)), ("score", "manual", .string(huge)),
            ]
            for (index, (field, key, value)) in changes.enumerated() where index < models.count {
                guard case .object(var model) = models[index], case .object(var inner)? = model[field] ?? .object([:]) else { continue }
                inner[key] = value
                if field != "score" { inner["readable"] = inner["readable"] ?? .string("?") }
                model[field] = .object(inner)
                models[index] = .object(model)
            }
        }
        let result: JSONValue
        if case .array = top["iterable"] {
            top["iterable"] = .array(models)
            result = .object(top)
        } else {
            result = models.first ?? .object(top)
        }
        var text = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        for literal in [huge, infinite] { text = text.replacingOccurrences(of: "\"\(literal)\"", with: literal) }
        return Array(text.utf8)
    }
}

extension JSONValue {
    /// The value at `key` of an object; nil otherwise.
    fileprivate subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }
}

extension Array {
    fileprivate subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
