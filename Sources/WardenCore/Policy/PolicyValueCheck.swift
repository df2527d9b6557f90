import PiecesModels

/// A rule a parsed value must also follow, beyond its kind: ranges, and whether zero means anything.
struct PolicyValueCheck<Value>: Sendable {
    /// The rule in a few words, for docs/policy-keys.md; empty when there is none.
    let summary: String
    /// What is wrong with `value` of the key `label`, or nil when it follows the rule.
    let problem: @Sendable (_ label: String, _ value: Value) -> String?

    /// Any value of the kind will do.
    static var any: Self { .init(summary: "", problem: { _, _ in nil }) }
}

extension PolicyValueCheck where Value == Duration {
    /// Zero would mean nothing (or harm): `why`, when given, says what it would do.
    static func positive(_ why: String? = nil) -> Self {
        .init(summary: "> 0s") { label, value in
            value > .zero ? nil : "\(label) must be greater than 0s" + (why.map { "; \($0)" } ?? "")
        }
    }

    /// Zero is meaningful, and the doc says what it means.
    static var zeroAllowed: Self { .init(summary: "0s allowed") { _, _ in nil } }
}

extension PolicyValueCheck where Value == Duration? {
    /// ``PolicyValueCheck/positive(_:)`` for a duration that may be absent.
    static func positive(_ why: String? = nil) -> Self {
        let check = PolicyValueCheck<Duration>.positive(why)
        return .init(summary: check.summary) { label, value in value.flatMap { check.problem(label, $0) } }
    }
}

extension PolicyValueCheck where Value == Int {
    /// Zero and up.
    static var notNegative: Self { .init(summary: ">= 0") { label, value in value < 0 ? "\(label) must not be negative" : nil } }

    /// The one format this modelwarden reads.
    static var version: Self {
        .init(summary: "1") { _, value in
            value == 1 ? nil : "unknown policy version \(value); this modelwarden reads version 1"
        }
    }
}

extension PolicyValueCheck where Value == Double? {
    /// A percentage written as a bare number.
    static var percentage: Self {
        .init(summary: "0 to 100") { label, value in
            value.map { (0...100).contains($0) } == false ? "\(label) is a percentage, 0 to 100" : nil
        }
    }
}

extension PolicyValueCheck where Value == Policy.Threshold? {
    /// A threshold something must stay under: at zero it would be crossed always.
    static var positive: Self {
        .init(summary: "> 0") { label, value in
            let zero: Bool
            switch value {
            case .percent(let percent)?: zero = percent <= 0
            case .bytes(let bytes)?: zero = bytes.bytes <= 0
            case nil: zero = false
            }
            return zero ? "\(label) must be greater than 0; at 0 there would always be pressure" : nil
        }
    }
}

extension PolicyValueCheck where Value == String? {
    /// A URL Pieces OS can be reached at; whether it may be remote is `pieces.allow_remote`'s call, later.
    static var piecesURL: Self {
        .init(summary: "http(s) URL") { label, value in
            guard let value else { return nil }
            do {
                _ = try PiecesEndpoint(value, allowRemote: true)
                return nil
            } catch {
                return "\(label): \(error)"
            }
        }
    }

    /// A relative path would depend on the directory modelwarden happens to start in; a control
    /// character (a NUL above all) would make the kernel open another file than the one named.
    static var absolutePath: Self {
        .init(summary: "absolute path, no control characters") { label, value in
            guard let value else { return nil }
            if let problem = PathSetting.problem(in: value) { return "\(label): \(problem)" }
            guard !value.hasPrefix("/") else { return nil }
            return "\(label) must be auto or an absolute path, not \(PolicyExcerpt.quoted(value))"
        }
    }
}

extension PolicyValueCheck where Value == String? {
    /// A file node_exporter's textfile collector reads: see ``MetricsTextfile/problem(with:setBy:)``.
    static var promFile: Self {
        .init(summary: "absolute path ending in .prom") { label, value in
            value.flatMap { MetricsTextfile.problem(with: $0, setBy: label) }
        }
    }

    /// A note for people: one line of at most ``noteLimit`` characters.
    static var note: Self {
        .init(summary: "at most \(noteLimit) characters, one line") { label, value in
            guard let value else { return nil }
            if value.isEmpty { return "\(label) must not be empty" }
            // Line and paragraph separators break lines as a line feed does.
            if value.containsControlCharacter || value.unicodeScalars.contains(where: { $0 == "\u{2028}" || $0 == "\u{2029}" }) {
                return "\(label) must be one line without control characters"
            }
            // Scalars, not characters: one character may carry any number of combining marks.
            return value.unicodeScalars.count > noteLimit ? "\(label) is longer than \(noteLimit) characters" : nil
        }
    }

    /// The longest note a rule may carry.
    static var noteLimit: Int { 200 }
}

extension PolicyValueCheck where Value == String {
    /// Any path without a control character (see ``PathSetting``).
    static var path: Self {
        .init(summary: "no control characters") { label, value in PathSetting.problem(in: value).map { "\(label): \($0)" } }
    }
}
