import PiecesModels

#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// One kind of policy value: the text it accepts and its canonical rendering.
struct PolicyValueType<Value>: Sendable {
    /// The kind and its units, for docs/policy-keys.md.
    let name: String
    /// What a value looks like, for "is not …" diagnostics.
    let expected: String
    /// The value the text spells, or nil.
    let parse: @Sendable (String) -> Value?
    /// The canonical text; nil leaves the line out.
    let render: @Sendable (Value) -> String?

    /// The same kind for a field that may be absent: absent renders no line.
    var optional: PolicyValueType<Value?> {
        let parse = self.parse, render = self.render
        return .init(name: name, expected: expected, parse: { parse($0).map(Optional.some) }, render: { $0.flatMap(render) })
    }
}

extension PolicyValueType where Value == Duration {
    /// `90s 15m 12h 30d 2w`; zero parses, and each key's check says whether it may be zero.
    static var duration: Self {
        .init(name: "duration (90s 15m 12h 30d 2w)", expected: "a duration such as 90s, 15m, 12h, 30d or 2w",
              parse: PolicyUnits.duration, render: PolicyUnits.describe)
    }
}

extension PolicyValueType where Value == Int {
    /// A whole number.
    static var integer: Self { .init(name: "whole number", expected: "a whole number", parse: { Int($0) }, render: { "\($0)" }) }
}

extension PolicyValueType where Value == Bool {
    /// `true` or `false`.
    static var boolean: Self {
        .init(name: "true or false", expected: "true or false", parse: Self.bool, render: { "\($0)" })
    }

    /// A pin: `keep: false` is the same as no `keep`, so only `true` is rendered.
    static var pin: Self { .init(name: "true or false", expected: "true or false", parse: Self.bool, render: { $0 ? "true" : nil }) }

    private static func bool(_ text: String) -> Bool? {
        switch text { case "true": return true; case "false": return false; default: return nil }
    }
}

extension PolicyValueType where Value == ByteCount {
    /// `512MiB 40GiB 1.5GB`, rendered in bytes so that equal sizes render alike.
    static var size: Self {
        .init(name: "size (512MiB 40GiB 1.5GB)", expected: "a size such as 512MiB, 40GiB or 1.5GB",
              parse: ByteCount.init(parsing:), render: { "\($0.bytes)B" })
    }
}

extension PolicyValueType where Value == Double {
    /// `10%` or `12.5%`, 0 to 100.
    static var percent: Self {
        .init(name: "percentage (10%)", expected: "a percentage from 0% to 100%",
              parse: { PolicyUnits.percent($0).flatMap { (0...100).contains($0) ? $0 : nil } }, render: { "\($0)%" })
    }

    /// A bare number.
    static var number: Self { .init(name: "number", expected: "a number", parse: { Double($0) }, render: { "\($0)" }) }
}

extension PolicyValueType where Value == Policy.Threshold {
    /// A percentage of MemTotal, or a size.
    static var threshold: Self {
        .init(name: "percentage (10%) or size (2GiB)", expected: "a percentage of MemTotal (0% to 100%) or a size such as 2GiB",
              parse: { text in
                  if let percent = PolicyUnits.percent(text) { return (0...100).contains(percent) ? .percent(percent) : nil }
                  return ByteCount(parsing: text).map { .bytes($0) }
              },
              render: { threshold in
                  switch threshold {
                  case .percent(let percent): return "\(percent)%"
                  case .bytes(let bytes): return "\(bytes.bytes)B"
                  }
              })
    }
}

extension PolicyValueType where Value == Date {
    /// An RFC 3339 date-time such as `2026-12-16T04:00:00Z`, rendered in UTC and quoted.
    static var instant: Self {
        .init(name: "date-time (2026-12-16T04:00:00Z)", expected: "an ISO 8601 date-time such as 2026-12-16T04:00:00Z",
              parse: RFC3339.parse, render: { quoted(RFC3339.format($0)) })
    }
}

extension PolicyValueType where Value == String {
    /// Any text, rendered double-quoted (paths, names, globs).
    static var text: Self { .init(name: "text", expected: "text", parse: { $0 }, render: quoted) }
}

extension PolicyValueType where Value == String? {
    /// `auto` (or empty) for nil, else the text; `quoting` says whether the canonical text quotes
    /// it, which differs between keys because recorded digests depend on the text as it always was.
    static func auto(_ name: String, quoting: Bool) -> Self {
        .init(name: "auto or \(name)", expected: "auto or \(name)", parse: { text -> String?? in text == "auto" || text.isEmpty ? .some(nil) : .some(text) },
              render: { $0.map { quoting ? quoted($0) : $0 } ?? "auto" })
    }
}

/// `text` in double quotes, each backslash and double quote escaped with a backslash, as YAML
/// reads it back.
private func quoted(_ text: String) -> String {
    var result = "\""
    result.reserveCapacity(text.utf8.count + 2)
    for scalar in text.unicodeScalars {
        if scalar == "\\" || scalar == "\"" { result.unicodeScalars.append("\\") }
        result.unicodeScalars.append(scalar)
    }
    result.unicodeScalars.append("\"")
    return result
}
