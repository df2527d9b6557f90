import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ManagedDropIn {
    /// A pin `modelwarden keep` writes: one model, by id, until an instant or for good.
    public struct Pin: Hashable, Sendable {
        /// The model's id.
        public var modelID: String
        /// Until when the pin protects; nil: for good.
        public var until: Date?
        /// Why, in the owner's words.
        public var reason: String?

        /// Creates a pin.
        public init(modelID: String, until: Date?, reason: String?) {
            self.modelID = modelID
            self.until = until
            self.reason = reason
        }

        /// The name of the rule that holds the pin of `modelID`.
        public static func ruleName(for modelID: String) -> String { "keep-" + modelID }

        /// The rule: a match on the exact id (glob characters escaped), `keep: true`, the expiry
        /// to the second and the reason.
        var rule: Content.Rule {
            var fields: [RuleField: String] = [.name: Self.ruleName(for: modelID), .keep: "true"]
            fields[.keepUntil] = until.map { RFC3339.format(Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down))) }
            fields[.reason] = reason
            return Content.Rule(fields: fields, match: [.id: Self.escapingGlob(modelID)])
        }

        /// `text` as an fnmatch(3) pattern that matches only itself.
        static func escapingGlob(_ text: String) -> String {
            var escaped = ""
            for character in text {
                if "\\*?[]".contains(character) { escaped.append("\\") }
                escaped.append(character)
            }
            return escaped
        }
    }

    /// The managed file with `pins` added before its other rules, each replacing an earlier pin
    /// of the same model where it stands.
    public static func text(updating existing: String?, file: String, pinning pins: [Pin]) throws(ManagedDropInError) -> String {
        var content = try Content(existing, file: file)
        for pin in pins {
            let rule = pin.rule
            if let index = content.rules.firstIndex(where: { $0.name == rule.name }) {
                content.rules[index] = rule
            } else {
                content.rules.insert(rule, at: 0)
            }
        }
        return try content.verifiedText(file: file)
    }

    /// The managed file without the pins of `modelIDs`; unchanged when it holds none of them.
    public static func text(updating existing: String?, file: String, unpinning modelIDs: [String]) throws(ManagedDropInError) -> String? {
        var content = try Content(existing, file: file)
        let names = Set(modelIDs.map(Pin.ruleName(for:)))
        content.rules.removeAll { $0.name.map(names.contains) ?? false }
        return existing == nil ? nil : try content.verifiedText(file: file)
    }
}
