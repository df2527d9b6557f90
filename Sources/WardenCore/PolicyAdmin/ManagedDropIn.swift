#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The one file `policy set`, `keep` and `unkeep` write: `90-local.yaml`, generated, with a
/// header that says so.
///
/// Like `systemctl set-property`, it keeps the values set so far and adds the new ones; an
/// empty value (`KEY=`) removes a key, so the other files decide it again. Its rules are the
/// pins `keep` wrote, which `policy set` keeps as they are. A file of that name without the
/// header was written by hand and is never rewritten.
public enum ManagedDropIn {
    /// The file name.
    public static let name = "90-local.yaml"

    /// The first line of a managed file.
    public static let header = "# Managed by `modelwarden policy set KEY=VALUE`; change it with that command."

    /// The header's second line, since `keep` writes the file too.
    static let pinHeader = "# Pins in it come from `modelwarden keep MODEL`; remove them with `modelwarden unkeep MODEL`."

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

    /// The new text of the managed file: the values and pins `existing` sets, then `assignments`.
    public static func text(updating existing: String?, file: String, with assignments: [Assignment]) throws(ManagedDropInError) -> String {
        var content = try Content(existing, file: file)
        for assignment in assignments {
            content.values[assignment.key] = assignment.value.isEmpty ? nil : assignment.value
        }
        return try content.verifiedText(file: file)
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
