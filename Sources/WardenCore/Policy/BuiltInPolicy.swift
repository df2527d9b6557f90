/// The policy that applies when no policy file exists; `policies/default.yaml` is the same text,
/// which a test checks byte for byte.
public enum BuiltInPolicy {
    /// How the built-in default is named in messages and origins.
    public static let origin = "(built-in default)"

    /// The text of `policies/default.yaml`: each key of the schema with its default, and its doc
    /// as the comment, so that the default and the docs are declared only in the schema.
    public static let text: String = render()

    private static let header = [
        "# modelwarden's default policy: conservative. Installed to /etc/modelwarden/policies.d/;",
        "# a later file (e.g. 90-local.yaml) overrides any value here, and its rules come first.",
        "# Generated from modelwarden's policy schema; docs/policy-keys.md describes every key.",
    ]

    /// The default rules, the one default the schema cannot hold: a list.
    private static let rules = [
        "    - name: everything-else",
        commented("      stale_after: 30d", "delete the cache of an LLM unused for 30 days"),
    ]

    private static func render() -> String {
        var lines = header
        var section: String?
        for key in PolicySchema.keys {
            let value: String
            if key.field == nil {
                value = ""
            } else if let defaultText = key.defaultText {
                value = " " + defaultText
            } else {
                continue
            }
            if key.section != section {
                lines.append("")
                if let header = key.section { lines.append("\(header):") }
                section = key.section
            }
            lines.append(commented((key.section == nil ? "" : "  ") + "\(key.name):" + value, key.doc))
            if key.path == PolicySchema.rulesPath { lines += rules }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `line` with `comment` aligned in the column the hand-written policies use.
    private static func commented(_ line: String, _ comment: String) -> String {
        line + String(repeating: " ", count: max(1, 27 - line.count)) + "# " + comment
    }
}
