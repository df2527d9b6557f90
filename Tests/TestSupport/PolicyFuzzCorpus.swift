/// Malformed policies for fuzz tests, generated deterministically: the same seed gives the same
/// bytes on every run and machine, so a failing case can be named and replayed.
public enum PolicyFuzzCorpus {
    /// One generated policy file.
    public struct Case: Sendable, CustomStringConvertible {
        /// The family and the seed, e.g. `units#7`.
        public let name: String
        /// The file's bytes, which need not be UTF-8.
        public let bytes: [UInt8]
        public var description: String { name }
    }

    /// `perFamily` cases of each of the 13 families (YAML structure, types, units, sizes,
    /// aliases, encodings, documents, tags, nesting, numbers, keys, long text, mutations).
    public static func cases(perFamily: Int = 24, seed: UInt64 = 12) -> [Case] {
        var generator = SplitMix64(seed: seed)
        return families.flatMap { family in
            (0..<perFamily).map { index in Case(name: "\(family.name)#\(index)", bytes: family.make(&generator, index)) }
        }
    }

    /// A valid policy the families mutate.
    public static let valid = """
        version: 1
        pieces:
          timeout: 5s
        retention:
          min_age: 7d
          rules:
            - name: pinned
              match: { name: "Llama-3*" }
              keep: true
            - name: rest
              stale_after: 30d
        memory:
          unload_below: 10%
        disk:
          path: /var/lib/pieces
          max_llm_cache: 40GiB

        """

    typealias Make = @Sendable (inout SplitMix64, Int) -> [UInt8]
    static let families: [(name: String, make: Make)] = [
        ("structure", { g, _ in mutate(valid, with: ["[", "]", "{", "}", ":", "- ", "? ", "|", ">", "&", "*", "!", "%", "@", "`", "\"", "'", "#", ",", "\n  "], &g) }),
        ("types", { g, _ in bytes(g.pick(typeCases)) }),
        ("units", { g, _ in bytes("version: 1\n\(g.pick(unitKeys)): \(g.pick(unitValues))\n") }),
        ("sizes", { g, i in bytes("version: 1\nretention:\n  rules:\n" + (0..<(i * 400 + g.below(50))).map { "    - { name: r\($0), stale_after: \($0 % 90 + 1)d }\n" }.joined()) }),
        ("aliases", { g, i in bytes(aliasCase(i, &g)) }),
        ("encodings", { g, i in encodingCase(i, &g) }),
        ("documents", { g, _ in bytes(g.pick(["", "\n", "# only a comment\n", "---\n", "---\n...\n", "~\n", "version: 1\n---\nversion: 1\n",
                                               "--- version: 1\n", "version: 1\n...\n---\nmemory: {}\n", "%YAML 1.2\n---\nversion: 1\n", "null\n", "[]\n", "\"version: 1\"\n"])) }),
        ("tags", { g, _ in bytes("version: 1\n\(g.pick(["pieces.timeout", "memory", "retention", "dry_run", "version"]) == "version" ? "pieces" : "memory"):\n  sustain: \(g.pick(tagValues))\n") }),
        ("nesting", { g, i in bytes(nestingCase(i, &g)) }),
        ("numbers", { g, _ in bytes("version: \(g.pick(numbers))\nretention:\n  max_deletions_per_run: \(g.pick(numbers))\nmemory:\n  psi_some_avg10_above: \(g.pick(numbers))\n") }),
        ("keys", { g, _ in bytes("version: 1\n" + g.pick(keyCases)) }),
        ("longtext", { g, i in bytes(longCase(i, &g)) }),
        ("mutations", { g, _ in mutateBytes(Array(valid.utf8), &g) }),
    ]

    static let typeCases = [
        "version: 1\nmemory: [1, 2]\n", "version: 1\npieces: {timeout: {a: 1}}\n", "version: 1\nretention: {rules: {name: x}}\n",
        "version: 1\nretention:\n  rules: [x]\n", "version: 1\nretention:\n  rules:\n    - name: a\n      match: [1]\n      keep: true\n",
        "version: [1]\n", "version: {a: 1}\n", "- version: 1\n", "version: 1\ndry_run: yes\n", "version: 1\ndry_run: [true]\n",
        "version: 1\nretention:\n  rules:\n    - name: [a]\n      keep: true\n", "version: 1\nmemory: 5\n", "version: 1\nretention:\n  rules:\n    - {}\n",
        "version: 1\nretention:\n  rules:\n    - name: a\n      keep: true\n      stale_after: 1d\n", "version: 1\ndisk: {high_watermark: 50%}\n",
        "version: 1\ndisk: {path: /x, high_watermark: 50%, low_watermark: 60%}\n", "version: \"1\"\n", "version: 1.0\n", "version: 2\n",
    ]
    static let unitKeys = ["pieces.timeout", "retention.min_age", "memory.sustain", "memory.cooldown", "journal.keep", "memory.unload_below",
                           "disk.max_llm_cache", "disk.high_watermark", "schedule.memory_every"].map { $0.replacingOccurrences(of: ".", with: ":\n  ") }
    static let unitValues = ["99999999999999999999d", "1e400", "-1s", "0s", "1.5s", "0x10s", "\u{663}s", "9223372036854775807s", "1 s", "s", "\"\"", "~",
                             ".inf", ".nan", "-.inf", "99999999999999999999GiB", "-1GiB", "1e400B", "1.5.5GB", "101%", "-0%", "1e400%", "nan%", ".%",
                             "10%%", "1w2d", "+5s", "5S", "5sec", "0.0000001B", "18446744073709551616B", "1EiB", "100000000000000000000000YiB"]
    static let tagValues = ["!!binary aGVsbG8=", "!!int \"x\"", "!foo 5s", "!!map 5s", "!<tag:yaml.org,2002:str> 5s", "!!float 1e400", "!!null",
                            "!!timestamp 2001-12-14", "!!seq 5s", "!!str 5s", "! 5s", "!!bool yes"]
    static let numbers = ["99999999999999999999", "-99999999999999999999", "1e400", "-0", "0o17", "0x1F", "+5", "1_000", "٣", "1.7976931348623157e309",
                          "9223372036854775807", "-9223372036854775808", "9223372036854775808", ".5", "5.", "NaN", "-1", "0"]
    static let keyCases = [
        "sustain: 30s\n", "memory:\n  retention: 1\n", "memory:\n  memory:\n    sustain: 1s\n", "Memory: {}\n", "memory.sustain: 30s\n",
        "retention:\n  rules:\n    - name: a\n      keep: true\n      colour: red\n", "? [a, b]\n: c\n", "? {a: 1}\n: c\n", "~: 1\n", "1: 1\n",
        "\"\": 1\n", "memory: {sustain: 1s, sustain: 2s}\n", "memory:\n  sustain: 1s\nmemory:\n  cooldown: 1m\n", "version: 1\n",
        "retention:\n  rules:\n    - name: a\n      keep: true\n    - name: a\n      keep: true\n", "<<: {dry_run: true}\n",
    ]
}
