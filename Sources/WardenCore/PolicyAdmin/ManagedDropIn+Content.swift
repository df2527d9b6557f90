#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

extension ManagedDropIn {
    /// What the managed file holds: scalar values by dotted key, and the rules `keep` wrote.
    struct Content: Sendable {
        /// Values by dotted key, as written.
        var values: [String: String] = [:]
        /// Rules, in file order, each field as written.
        var rules: [Rule] = []

        /// One rule: its fields and its match conditions, as text.
        struct Rule: Hashable, Sendable {
            var fields: [RuleField: String]
            var match: [MatchField: String]

            /// The rule's name.
            var name: String? { fields[.name] }
        }

        /// The content of `existing`, the text of `file`; empty when the file does not exist.
        init(_ existing: String?, file: String) throws(ManagedDropInError) {
            guard let existing else { return }
            guard existing.hasPrefix(header) else {
                throw .handWritten("\(file) was not written by `policy set` (its first line is not \"\(header)\"); "
                    + "change it with `modelwarden policy edit \(file)`")
            }
            let layer = PolicyLayer(file: file, text: existing)
            // Rewriting from what parsed would silently drop what did not.
            if let problem = layer.diagnostics.first {
                throw .handWritten("\(problem); fix \(file) with `modelwarden policy edit \(file)`")
            }
            values = layer.values.mapValues(\.text)
            rules = (layer.rules ?? []).map { Rule(fields: $0.fields.mapValues(\.text), match: $0.match.mapValues(\.text)) }
        }

        /// ``text``, refused unless it reads back as this content: what the file says is what was meant.
        func verifiedText(file: String) throws(ManagedDropInError) -> String {
            let rendered = text
            let layer = PolicyLayer(file: file, text: rendered)
            let readBack = layer.values.mapValues(\.text).filter { $0.key != "version" }
            let rules = (layer.rules ?? []).map { Rule(fields: $0.fields.mapValues(\.text), match: $0.match.mapValues(\.text)) }
            guard layer.diagnostics.isEmpty, readBack == values.filter({ $0.key != "version" }), rules == self.rules else {
                throw .malformed("a value cannot be written so that \(file) reads it back unchanged")
            }
            return rendered
        }

        /// YAML with sections in schema order, keys sorted within them, then the rules.
        var text: String {
            var values = self.values
            values["version"] = "1"
            var lines = [header] + (rules.isEmpty ? [] : [pinHeader]) + ["version: 1"]
            let (rulesSection, rulesKey) = ("retention", "rules")
            for section in PolicySchema.sections {
                let keys = values.keys.filter { $0.hasPrefix(section + ".") }.sorted()
                let withRules = section == rulesSection && !rules.isEmpty
                guard !keys.isEmpty || withRules else { continue }
                lines.append("\(section):")
                for key in keys { lines.append("  \(key.dropFirst(section.count + 1)): \(scalar(values[key] ?? ""))") }
                if withRules {
                    lines.append("  \(rulesKey):")
                    lines += rules.flatMap(Self.lines)
                }
            }
            for key in values.keys.filter({ !$0.contains(".") && $0 != "version" }).sorted() {
                lines.append("\(key): \(scalar(values[key] ?? ""))")
            }
            return lines.joined(separator: "\n") + "\n"
        }

        /// A rule as an item of the `rules` list, its conditions in flow style.
        private static func lines(of rule: Rule) -> [String] {
            var lines: [String] = []
            for key in RuleField.allCases {
                if key == .match {
                    let conditions = MatchField.allCases.compactMap { condition in
                        rule.match[condition].map { "\(condition.rawValue): \(scalar($0))" }
                    }
                    if !conditions.isEmpty { lines.append("      match: { \(conditions.joined(separator: ", ")) }") }
                } else if let value = rule.fields[key] {
                    lines.append((key == .name ? "    - " : "      ") + "\(key.rawValue): \(scalar(value))")
                }
            }
            return lines
        }
    }

    /// The value bare when YAML reads it back unchanged, else double-quoted with every byte that
    /// is not printable ASCII escaped: the file stays ASCII, and no character (a line or
    /// paragraph separator, a byte-order mark) is folded or refused by the YAML reader.
    static func scalar(_ value: String) -> String {
        let plain = value.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || "._%/+-".utf8.contains(byte)
        }
        // A plain scalar must not start with an indicator (`-`, `%`) or look like a number sign.
        if plain, let first = value.unicodeScalars.first, first.properties.isAlphabetic || ("0"..."9").contains(first) || first == "/" || first == "." {
            return value
        }
        var quoted = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\\": quoted += "\\\\"
            case "\"": quoted += "\\\""
            case " "..."~": quoted.unicodeScalars.append(scalar)
            default:
                let hex = String(scalar.value, radix: 16, uppercase: true)
                quoted += scalar.value > 0xFFFF
                    ? "\\U" + String(repeating: "0", count: 8 - hex.count) + hex
                    : "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return quoted + "\""
    }
}
