#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The one file `policy set` writes: `90-local.yaml`, generated, with a header that says so.
///
/// Like `systemctl set-property`, it keeps the values set so far and adds the new ones; an
/// empty value (`KEY=`) removes a key, so the other files decide it again. A file of that name
/// without the header was written by hand and is never rewritten.
public enum ManagedDropIn {
    /// The file name.
    public static let name = "90-local.yaml"

    /// The first line of a managed file.
    public static let header = "# Managed by `modelwarden policy set KEY=VALUE`; change it with that command."

    /// One `KEY=VALUE` argument.
    public struct Assignment: Hashable, Sendable {
        /// The dotted key, e.g. `memory.unload_below`.
        public var key: String
        /// The value as written; empty removes the key.
        public var value: String

        /// Parses `KEY=VALUE`, refusing keys a policy does not have and the list of rules.
        public init(parsing argument: String) throws(ManagedDropInError) {
            guard let equals = argument.firstIndex(of: "=") else {
                throw .malformed("\"\(argument)\" is not KEY=VALUE, e.g. memory.unload_below=15%")
            }
            key = String(argument[..<equals])
            value = String(argument[argument.index(after: equals)...])
            if key.hasPrefix(PolicySchema.rulesPath) {
                throw .malformed("retention.rules is a list; change rules with `modelwarden policy edit`")
            }
            guard PolicySchema.byPath[key]?.isSettable == true else {
                let keys = PolicySchema.keys.filter(\.isSettable).map(\.path).sorted()
                throw .malformed("unknown key \"\(key)\"" + PolicySchema.suggestion(for: key, among: keys))
            }
        }
    }

    /// The new text of the managed file: the values `existing` sets, then `assignments`.
    public static func text(updating existing: String?, file: String, with assignments: [Assignment]) throws(ManagedDropInError) -> String {
        var values: [String: String] = [:]
        if let existing {
            guard existing.hasPrefix(header) else {
                throw .handWritten("\(file) was not written by `policy set` (its first line is not \"\(header)\"); "
                    + "change it with `modelwarden policy edit \(file)`")
            }
            let layer = PolicyLayer(file: file, text: existing)
            guard layer.rules == nil else {
                throw .handWritten("\(file) holds retention rules, which `policy set` cannot keep; change it with `modelwarden policy edit \(file)`")
            }
            values = layer.values.mapValues(\.text)
        }
        for assignment in assignments {
            values[assignment.key] = assignment.value.isEmpty ? nil : assignment.value
        }
        values["version"] = "1"
        return render(values)
    }

    /// YAML with sections in schema order and keys sorted within them.
    static func render(_ values: [String: String]) -> String {
        var lines = [header, "version: 1"]
        for section in PolicySchema.sections {
            let keys = values.keys.filter { $0.hasPrefix(section + ".") }.sorted()
            guard !keys.isEmpty else { continue }
            lines.append("\(section):")
            for key in keys { lines.append("  \(key.dropFirst(section.count + 1)): \(scalar(values[key] ?? ""))") }
        }
        for key in values.keys.filter({ !$0.contains(".") && $0 != "version" }).sorted() {
            lines.append("\(key): \(scalar(values[key] ?? ""))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The value bare when YAML reads it back unchanged, else double-quoted.
    private static func scalar(_ value: String) -> String {
        let plain = value.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "._%/+-".utf8.contains(byte)
        }
        if plain, let first = value.first, first != "-" || value.count > 1 { return value }
        return "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// Why `policy set` refused its arguments or the file.
public enum ManagedDropInError: Error, Hashable, Sendable, CustomStringConvertible {
    /// An argument is not a settable KEY=VALUE (exit 64).
    case malformed(String)
    /// The file exists but was not written by `policy set` (exit 65).
    case handWritten(String)

    public var description: String {
        switch self {
        case .malformed(let message), .handWritten(let message): return message
        }
    }
}
